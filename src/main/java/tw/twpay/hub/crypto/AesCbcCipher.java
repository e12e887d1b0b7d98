package tw.twpay.hub.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.Cipher;

/**
 * AES-256-CBC with the gateways' padding rules: PKCS#7 (16-byte) when encrypting, PKCS#7-style pads of 1..32 bytes
 * accepted when decrypting (see {@link Pkcs7Padding}).
 *
 * <p>Thread-safe: each thread keeps its own {@link Cipher} (they are stateful) and re-initialises it per call, so no
 * mutable state is shared and many merchants' keys can be used from one thread.
 */
public final class AesCbcCipher {

    // JDK AES/CBC/NoPadding runs on AES-NI intrinsics: ~30x BouncyCastle's pure-Java CBC(AESEngine), see BENCHMARKS.md.
    private static final String TRANSFORMATION = "AES/CBC/NoPadding";
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesCbcCipher::newCipher);

    private AesCbcCipher() {
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java SE runtime must provide " + TRANSFORMATION, e);
        }
    }

    /** Encrypts with PKCS#7 padding to a 16-byte boundary; the result is 1..16 bytes longer than the input. */
    public static byte[] encrypt(MerchantHashKeys keys, byte[] plaintext) {
        int pad = Pkcs7Padding.padLength(plaintext.length);
        int alignedLength = plaintext.length + pad - Pkcs7Padding.BLOCK_BYTES;
        byte[] lastBlock = new byte[Pkcs7Padding.BLOCK_BYTES];
        System.arraycopy(plaintext, alignedLength, lastBlock, 0, Pkcs7Padding.BLOCK_BYTES - pad);
        Arrays.fill(lastBlock, Pkcs7Padding.BLOCK_BYTES - pad, Pkcs7Padding.BLOCK_BYTES, (byte) pad);

        byte[] ciphertext = new byte[alignedLength + Pkcs7Padding.BLOCK_BYTES];
        Cipher cipher = initialised(Cipher.ENCRYPT_MODE, keys);
        try {
            // Full blocks straight from the caller's array, then the padded tail: no padded copy of the whole input.
            int written = cipher.update(plaintext, 0, alignedLength, ciphertext, 0);
            cipher.doFinal(lastBlock, 0, Pkcs7Padding.BLOCK_BYTES, ciphertext, written);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding failed on block-aligned input", e);
        }
        return ciphertext;
    }


    /**
     * Decrypts and removes the padding.
     *
     * @throws CryptoFormatException when the ciphertext is empty, not block-aligned, or its padding is bad
     */
    public static byte[] decrypt(MerchantHashKeys keys, byte[] ciphertext) {
        byte[] plaintext = new byte[ciphertext.length];
        int length = decrypt(keys, ciphertext, 0, ciphertext.length, plaintext, 0);
        return length == plaintext.length ? plaintext : Arrays.copyOf(plaintext, length);
    }

    /**
     * Decrypts {@code ciphertext[offset, offset+length)} into {@code output}, which needs {@code length} bytes of
     * room from {@code outputOffset} (else IndexOutOfBoundsException), and returns the plaintext length once the
     * padding is removed. Lets hot paths parse straight from the buffer instead of copying the plaintext out.
     *
     * @throws CryptoFormatException when the ciphertext is empty, not block-aligned, or its padding is bad
     */
    public static int decrypt(MerchantHashKeys keys, byte[] ciphertext, int offset, int length,
                              byte[] output, int outputOffset) {
        if (length == 0) {
            throw new CryptoFormatException(CryptoFormatException.Reason.EMPTY_CIPHERTEXT);
        }
        if (length % Pkcs7Padding.BLOCK_BYTES != 0) {
            throw new CryptoFormatException(CryptoFormatException.Reason.CIPHERTEXT_NOT_BLOCK_ALIGNED);
        }
        Objects.checkFromIndexSize(offset, length, ciphertext.length);
        Objects.checkFromIndexSize(outputOffset, length, output.length);
        Cipher cipher = initialised(Cipher.DECRYPT_MODE, keys);
        int written;
        try {
            written = cipher.doFinal(ciphertext, offset, length, output, outputOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding failed on block-aligned input", e);
        }
        return Pkcs7Padding.unpaddedLength(output, outputOffset, written);
    }

    private static Cipher initialised(int mode, MerchantHashKeys keys) {
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(mode, keys.secretKey(), keys.iv());
        } catch (GeneralSecurityException e) {
            // Key and IV lengths are validated by MerchantHashKeys, so this means the runtime lacks AES-256.
            throw new IllegalStateException("AES-256-CBC is not available in this runtime", e);
        }
        return cipher;
    }
}
