package tw.twpay.hub.provider.flashpay;

import tw.twpay.hub.crypto.CryptoFormatException;

/**
 * A FlashPay envelope or answer could not be verified or decoded. Messages name the field and what is wrong with it
 * ("chk mismatch", "dat has bad padding"), never its value, the plaintext or the merchant's keys, so they are safe to
 * log.
 */
public final class FlashPayDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FlashPayDecodeException(String reason) {
        super(reason);
    }

    private FlashPayDecodeException(String reason, Throwable cause) {
        // Only causes whose messages hold no data are chained (crypto shape reasons, parser errors without source).
        super(reason, cause);
    }

    static FlashPayDecodeException of(String field, CryptoFormatException cause) {
        return new FlashPayDecodeException(cause.describe(field), cause);
    }

    static FlashPayDecodeException notJson(String what) {
        return new FlashPayDecodeException(what + " is not a JSON object");
    }
}
