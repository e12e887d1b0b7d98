package tw.twpay.hub.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tw.twpay.hub.crypto.CryptoTestKeys.HASH_IV;
import static tw.twpay.hub.crypto.CryptoTestKeys.HASH_KEY;
import static tw.twpay.hub.crypto.CryptoTestKeys.KEYS;
import static tw.twpay.hub.crypto.CryptoTestKeys.encryptUnpadded;
import static tw.twpay.hub.crypto.CryptoTestKeys.withPad;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesCbcCipherTest {

    private static final byte[] SECRET_PLAINTEXT =
            "Card6No=400022&Card4No=1111&Amt=30".getBytes(StandardCharsets.UTF_8);

    @Test
    void encryptionMatchesTheJdkPkcs5PaddingForEveryTailLength() throws Exception {
        Cipher reference = Cipher.getInstance("AES/CBC/PKCS5Padding");
        reference.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HASH_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(HASH_IV.getBytes(StandardCharsets.UTF_8)));
        for (int length = 0; length <= 70; length++) {
            byte[] plaintext = new byte[length];
            Arrays.fill(plaintext, (byte) ('a' + length % 26));

            byte[] ciphertext = AesCbcCipher.encrypt(KEYS, plaintext);

            assertThat(ciphertext).as("length %d", length).isEqualTo(reference.doFinal(plaintext));
            assertThat(AesCbcCipher.decrypt(KEYS, ciphertext)).as("length %d", length).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 17, 31, 32})
    void decryptionAcceptsEqualBytePadsUpTo32(int padLength) throws Exception {
        byte[] data = Arrays.copyOf(SECRET_PLAINTEXT, 64 - padLength);

        byte[] decrypted = AesCbcCipher.decrypt(KEYS, encryptUnpadded(withPad(data, padLength, padLength)));

        assertThat(decrypted).isEqualTo(data);
    }


    @Test
    void decryptionIntoACallerBufferReturnsTheUnpaddedLength() {
        byte[] ciphertext = AesCbcCipher.encrypt(KEYS, SECRET_PLAINTEXT);
        byte[] output = new byte[ciphertext.length + 5];

        int length = AesCbcCipher.decrypt(KEYS, ciphertext, 0, ciphertext.length, output, 5);

        assertThat(Arrays.copyOfRange(output, 5, 5 + length)).isEqualTo(SECRET_PLAINTEXT);
    }

    @Test
    void padByteZeroIsBadPadding() throws Exception {
        assertBadPadding(encryptUnpadded(withPad(new byte[16], 16, 0)));
    }

    @Test
    void padLongerThan32IsBadPadding() throws Exception {
        assertBadPadding(encryptUnpadded(withPad(new byte[15], 33, 33)));
    }

    @Test
    void padLongerThanTheCiphertextIsBadPadding() throws Exception {
        assertBadPadding(encryptUnpadded(withPad(new byte[0], 16, 17)));
    }

    @Test
    void unequalPadBytesAreBadPadding() throws Exception {
        byte[] padded = withPad(new byte[8], 24, 24);
        padded[10] = 23;
        assertBadPadding(encryptUnpadded(padded));
    }

    @Test
    void wrongKeyFailsThePaddingCheck() {
        // Deterministic for this input; in general a wrong key yields a valid-looking pad about once in 250 tries.
        byte[] ciphertext = AesCbcCipher.encrypt(KEYS, SECRET_PLAINTEXT);
        MerchantHashKeys otherKeys = MerchantHashKeys.of("12345678901234567890123456789012", HASH_IV);

        assertBadPadding(() -> AesCbcCipher.decrypt(otherKeys, ciphertext));
    }

    @Test
    void emptyCiphertextIsRejected() {
        assertThatThrownBy(() -> AesCbcCipher.decrypt(KEYS, new byte[0]))
                .isInstanceOfSatisfying(CryptoFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(CryptoFormatException.Reason.EMPTY_CIPHERTEXT));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 17, 33})
    void ciphertextThatIsNotWholeBlocksIsRejected(int length) {
        assertThatThrownBy(() -> AesCbcCipher.decrypt(KEYS, new byte[length]))
                .isInstanceOfSatisfying(CryptoFormatException.class, e -> assertThat(e.reason())
                        .isEqualTo(CryptoFormatException.Reason.CIPHERTEXT_NOT_BLOCK_ALIGNED));
    }

    @Test
    void concurrentUseWithDifferentKeysDoesNotMixState() throws Exception {
        MerchantHashKeys otherKeys = MerchantHashKeys.of("12345678901234567890123456789012", "1234567890123456");
        byte[] expectedOurs = AesCbcCipher.encrypt(KEYS, SECRET_PLAINTEXT);
        byte[] expectedOthers = AesCbcCipher.encrypt(otherKeys, SECRET_PLAINTEXT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                MerchantHashKeys keys = task % 2 == 0 ? KEYS : otherKeys;
                byte[] expected = task % 2 == 0 ? expectedOurs : expectedOthers;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        byte[] ciphertext = AesCbcCipher.encrypt(keys, SECRET_PLAINTEXT);
                        if (!Arrays.equals(ciphertext, expected)
                                || !Arrays.equals(AesCbcCipher.decrypt(keys, ciphertext), SECRET_PLAINTEXT)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertBadPadding(byte[] ciphertext) {
        assertBadPadding(() -> AesCbcCipher.decrypt(KEYS, ciphertext));
    }

    private static void assertBadPadding(org.assertj.core.api.ThrowableAssert.ThrowingCallable decryption) {
        assertThatThrownBy(decryption)
                .isInstanceOfSatisfying(CryptoFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CryptoFormatException.Reason.BAD_PADDING);
                    assertThat(e.getMessage()).isEqualTo("bad padding")
                            .doesNotContain(HASH_KEY).doesNotContain(HASH_IV);
                });
    }
}
