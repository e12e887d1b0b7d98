package tw.twpay.hub.crypto;

/**
 * PKCS#7 padding for a 16-byte block cipher, with the one leniency the gateways need when removing it: pads of up to
 * 32 bytes are accepted, because NewebPay's recurring (period) responses are padded to a 32-byte boundary, which
 * the JDK's {@code PKCS5Padding} rejects.
 */
public final class Pkcs7Padding {

    public static final int BLOCK_BYTES = 16;
    public static final int MAX_ACCEPTED_PAD = 32;

    private Pkcs7Padding() {
    }

    /** Number of pad bytes PKCS#7 appends to {@code dataLength} bytes: 1..16, a whole block when already aligned. */
    public static int padLength(int dataLength) {
        return BLOCK_BYTES - (dataLength % BLOCK_BYTES);
    }

    /**
     * Length of the data once the pad at the end of {@code buffer[offset, offset+length)} is removed. The pad must be
     * 1..32 bytes, no longer than the data, and every pad byte must equal the pad length.
     *
     * @throws CryptoFormatException with reason BAD_PADDING
     */
    public static int unpaddedLength(byte[] buffer, int offset, int length) {
        if (length <= 0) {
            throw new CryptoFormatException(CryptoFormatException.Reason.BAD_PADDING);
        }
        int pad = buffer[offset + length - 1] & 0xFF;
        if (pad < 1 || pad > MAX_ACCEPTED_PAD || pad > length) {
            throw new CryptoFormatException(CryptoFormatException.Reason.BAD_PADDING);
        }
        // Check every pad byte without an early exit so timing does not say which byte was wrong.
        int difference = 0;
        for (int i = offset + length - pad; i < offset + length; i++) {
            difference |= (buffer[i] & 0xFF) ^ pad;
        }
        if (difference != 0) {
            throw new CryptoFormatException(CryptoFormatException.Reason.BAD_PADDING);
        }
        return length - pad;
    }
}
