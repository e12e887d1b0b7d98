package tw.twpay.hub.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 as the gateways use it for TradeSha / CheckCode / FlashPay {@code key}: a digest over text, reported as
 * upper-case hex.
 *
 * <p>JDK MessageDigest, one per thread: it runs on the SHA-NI intrinsics, ~9x BouncyCastle's pure-Java
 * SHA256Digest (see BENCHMARKS.md); MessageDigest instances are not thread-safe, hence the ThreadLocal.
 */
public final class Sha256 {

    public static final int DIGEST_BYTES = 32;

    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java SE runtime must provide SHA-256", e);
        }
    }

    public static byte[] digest(byte[] data) {
        return DIGESTS.get().digest(data);
    }

    /** The digest of {@code first + second + third}, without building the concatenation. */
    public static byte[] digest(byte[] first, byte[] second, byte[] third) {
        MessageDigest digest = DIGESTS.get();
        digest.update(first);
        digest.update(second);
        digest.update(third);
        return digest.digest();
    }

    /** Upper-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String upperHex(String text) {
        return HexCodec.encodeUpper(digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
