package tw.twpay.hub.provider.newebpay;

import tw.twpay.hub.crypto.CryptoFormatException;

/**
 * A NewebPay payload could not be verified or decoded. Messages name the field and what is wrong with it
 * ("TradeSha mismatch", "TradeInfo is not hex"), never its value, the plaintext or the merchant's keys, so they are
 * safe to log and to put on a dead-letter message.
 */
public final class NewebPayDecodeException extends RuntimeException {

    public NewebPayDecodeException(String reason) {
        super(reason);
    }

    private NewebPayDecodeException(String reason, CryptoFormatException cause) {
        // The crypto exception is safe to chain: its message is a fixed description of the input's shape.
        super(reason, cause);
    }

    static NewebPayDecodeException of(String field, CryptoFormatException cause) {
        return new NewebPayDecodeException(cause.describe(field), cause);
    }
}
