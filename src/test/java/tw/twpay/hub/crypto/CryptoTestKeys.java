package tw.twpay.hub.crypto;

import java.nio.charset.StandardCharsets;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Published sandbox keys (NDNF manual examples), and a raw cipher to build malformed ciphertexts with. */
final class CryptoTestKeys {

    static final String HASH_KEY = "Fs5cX1TGqYM2PpdbE14a9H83YQSQF5jn";
    static final String HASH_IV = "C6AcmfqJILwgnhIP";
    static final MerchantHashKeys KEYS = MerchantHashKeys.of(HASH_KEY, HASH_IV);

    private CryptoTestKeys() {
    }

    /** Encrypts already-padded, block-aligned bytes exactly as given. */
    static byte[] encryptUnpadded(byte[] blockAligned) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HASH_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(HASH_IV.getBytes(StandardCharsets.UTF_8)));
        return cipher.doFinal(blockAligned);
    }

    /** {@code data} followed by {@code padLength} copies of {@code padByte}. */
    static byte[] withPad(byte[] data, int padLength, int padByte) {
        byte[] padded = new byte[data.length + padLength];
        System.arraycopy(data, 0, padded, 0, data.length);
        for (int i = data.length; i < padded.length; i++) {
            padded[i] = (byte) padByte;
        }
        return padded;
    }
}
