package tw.twpay.hub.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparisons whose running time does not reveal where two secrets or signatures first differ. */
public final class ConstantTime {

    private ConstantTime() {
    }

    /** {@code false} when either side is {@code null}. */
    public static boolean equals(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return false;
        }
        // MessageDigest.isEqual has been constant-time for equal lengths since JDK 6u17.
        return MessageDigest.isEqual(a, b);
    }

    /** Compares the UTF-8 bytes of two strings; {@code false} when either side is {@code null}. */
    public static boolean equals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code receivedHex} (either case) encodes exactly {@code expected}. Comparing decoded bytes rather
     * than text accepts a lower-case signature as the same value; malformed hex is simply "no match".
     */
    public static boolean equalsHex(byte[] expected, CharSequence receivedHex) {
        if (expected == null || receivedHex == null || receivedHex.length() != expected.length * 2) {
            return false;
        }
        byte[] received;
        try {
            received = HexCodec.decode(receivedHex);
        } catch (CryptoFormatException notHex) {
            return false;
        }
        return MessageDigest.isEqual(expected, received);
    }
}
