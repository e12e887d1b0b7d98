package tw.twpay.hub.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A merchant's HashKey / HashIV pair as issued by NewebPay and FlashPay: the UTF-8 bytes of the 32-character key
 * and the 16-character IV are used directly as the AES-256 key and CBC IV.
 *
 * <p>Immutable and thread-safe. The JCA key objects are derived once here so that every encrypt/decrypt does not
 * re-encode the strings. {@link #toString()} never prints the secrets.
 */
public final class MerchantHashKeys {

    public static final int HASH_KEY_BYTES = 32;
    public static final int HASH_IV_BYTES = 16;

    private final String hashKey;
    private final String hashIv;
    private final SecretKeySpec secretKey;
    private final IvParameterSpec iv;

    private MerchantHashKeys(String hashKey, String hashIv) {
        this.hashKey = hashKey;
        this.hashIv = hashIv;
        this.secretKey = new SecretKeySpec(requireLength("HashKey", hashKey, HASH_KEY_BYTES), "AES");
        this.iv = new IvParameterSpec(requireLength("HashIV", hashIv, HASH_IV_BYTES));
    }

    /**
     * @throws IllegalArgumentException naming the field (HashKey or HashIV) when it is missing or not exactly
     *                                  32 / 16 UTF-8 bytes long; the value is never part of the message
     */
    public static MerchantHashKeys of(String hashKey, String hashIv) {
        return new MerchantHashKeys(hashKey, hashIv);
    }

    private static byte[] requireLength(String field, String value, int expectedBytes) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != expectedBytes) {
            // The length is safe to report and is the usual culprit (keys copied from the older MPG1 protocol).
            throw new IllegalArgumentException(
                    field + " must be " + expectedBytes + " bytes in UTF-8 but is " + bytes.length + " bytes");
        }
        return bytes;
    }

    /** The HashKey text; the providers hash it verbatim into TradeSha / check codes. */
    public String hashKey() {
        return hashKey;
    }

    /** The HashIV text; the providers hash it verbatim into TradeSha / check codes. */
    public String hashIv() {
        return hashIv;
    }

    SecretKeySpec secretKey() {
        return secretKey;
    }

    IvParameterSpec iv() {
        return iv;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MerchantHashKeys that
                && ConstantTime.equals(hashKey, that.hashKey)
                && ConstantTime.equals(hashIv, that.hashIv);
    }

    @Override
    public int hashCode() {
        // Deliberately not derived from the secrets: a hash code is easily logged or exposed through a map dump.
        return Objects.hash(MerchantHashKeys.class);
    }

    @Override
    public String toString() {
        return "MerchantHashKeys[hashKey=<redacted>, hashIv=<redacted>]";
    }
}
