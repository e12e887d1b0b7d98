package tw.twpay.hub.provider.newebpay;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import tw.twpay.hub.crypto.AesCbcCipher;
import tw.twpay.hub.crypto.ConstantTime;
import tw.twpay.hub.crypto.CryptoFormatException;
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.crypto.Sha256;

/**
 * NewebPay's encrypted field: the URL-encoded fields, AES-256-CBC encrypted under the merchant's HashKey/HashIV and
 * written as lower-case hex, signed by TradeSha = upper-case hex SHA-256 of {@code HashKey={key}&{hex}&HashIV={iv}}.
 *
 * <p>The same formulas serve MPG TradeInfo/TradeSha, the PostData_ of the cancel/close/period APIs, the
 * EncryptData_/HashData_ of the token and e-wallet APIs, and the Period field of recurring notifies; error messages
 * call the field "TradeInfo" whichever of these it was.
 *
 * <p>One instance per merchant key pair; immutable and thread-safe.
 */
public final class NewebPayTradeInfoCodec {

    private static final String TRADE_INFO = "TradeInfo";

    private final MerchantHashKeys keys;
    private final byte[] tradeShaPrefix;
    private final byte[] tradeShaSuffix;

    public NewebPayTradeInfoCodec(MerchantHashKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        // Pre-encoded once so verifying a notify hashes three arrays instead of building a string.
        this.tradeShaPrefix = ("HashKey=" + keys.hashKey() + "&").getBytes(StandardCharsets.UTF_8);
        this.tradeShaSuffix = ("&HashIV=" + keys.hashIv()).getBytes(StandardCharsets.UTF_8);
    }

    /** TradeInfo / PostData_ / EncryptData_ for the fields, URL-encoded in the map's order. */
    public String encrypt(Map<String, ?> fields) {
        return encryptText(NewebPayFormEncoding.encode(fields));
    }

    /** Encrypts text as-is: a pre-built query string, or the JSON body the e-wallet refund API expects. */
    public String encryptText(String plaintext) {
        return HexCodec.encodeLower(AesCbcCipher.encrypt(keys, plaintext.getBytes(StandardCharsets.UTF_8)));
    }


    /** The encrypted fields together with their TradeSha (HashData_). */
    public SealedTradeInfo seal(Map<String, ?> fields) {
        String tradeInfo = encrypt(fields);
        return new SealedTradeInfo(tradeInfo, tradeSha(tradeInfo));
    }


    public String tradeSha(String tradeInfo) {
        return HexCodec.encodeUpper(tradeShaDigest(tradeInfo.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time check of a received TradeSha (either hex case); malformed or missing values do not match. */
    public boolean tradeShaMatches(String tradeInfo, String receivedTradeSha) {
        if (tradeInfo == null || receivedTradeSha == null) {
            return false;
        }
        return ConstantTime.equalsHex(tradeShaDigest(tradeInfo.getBytes(StandardCharsets.UTF_8)), receivedTradeSha);
    }

    /**
     * Verifies TradeSha, then decrypts and parses the payload. Verifying first means tampered ciphertext never reaches
     * the padding check, so failures there cannot serve as a padding oracle.
     *
     * @throws NewebPayDecodeException "TradeSha mismatch", or why TradeInfo could not be decoded
     */
    public NewebPayPayload verifyAndDecode(String tradeInfo, String receivedTradeSha) {
        requirePresent(tradeInfo, TRADE_INFO);
        requirePresent(receivedTradeSha, "TradeSha");
        if (!tradeShaMatches(tradeInfo, receivedTradeSha)) {
            throw new NewebPayDecodeException("TradeSha mismatch");
        }
        return decode(tradeInfo);
    }

    /**
     * Decrypts and parses a payload that comes without a TradeSha (PostData_ responses, recurring Period notifies);
     * only the padding check guards against a wrong key, so prefer {@link #verifyAndDecode} whenever a TradeSha
     * is sent.
     *
     * @throws NewebPayDecodeException why TradeInfo could not be decoded
     */
    public NewebPayPayload decode(String tradeInfo) {
        byte[] plaintext = new byte[requirePresent(tradeInfo, TRADE_INFO).length() / 2];
        int length = decryptInto(tradeInfo, plaintext);
        return NewebPayPayloadParser.parse(plaintext, 0, length);
    }

    /**
     * Decrypted text of an encrypted field that is not a Status/Result payload (the e-wallet refund answer's
     * EncryptData, the hub's own requests read back by the simulator).
     *
     * @throws NewebPayDecodeException why it could not be decrypted
     */
    public String decryptText(String cipherText) {
        byte[] plaintext = new byte[requirePresent(cipherText, TRADE_INFO).length() / 2];
        int length = decryptInto(cipherText, plaintext);
        return new String(plaintext, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Decrypts into {@code plaintext} (half the hex length) so the parser can read it without a trimmed copy. */
    private int decryptInto(String tradeInfo, byte[] plaintext) {
        try {
            byte[] ciphertext = HexCodec.decode(tradeInfo);
            return AesCbcCipher.decrypt(keys, ciphertext, 0, ciphertext.length, plaintext, 0);
        } catch (CryptoFormatException e) {
            throw NewebPayDecodeException.of(TRADE_INFO, e);
        }
    }

    private byte[] tradeShaDigest(byte[] tradeInfoAscii) {
        return Sha256.digest(tradeShaPrefix, tradeInfoAscii, tradeShaSuffix);
    }

    private static String requirePresent(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new NewebPayDecodeException(field + " is missing");
        }
        return value;
    }

    @Override
    public String toString() {
        return "NewebPayTradeInfoCodec[keys=<redacted>]";
    }
}
