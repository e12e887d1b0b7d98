package tw.twpay.hub.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pkcs7PaddingTest {

    @ParameterizedTest
    @CsvSource({"0, 16", "1, 15", "15, 1", "16, 16", "17, 15", "209, 15"})
    void padLengthAlwaysAddsOneToSixteenBytes(int dataLength, int padLength) {
        assertThat(Pkcs7Padding.padLength(dataLength)).isEqualTo(padLength);
    }

    @Test
    void everyPadLengthFromOneTo32IsRemoved() {
        for (int pad = 1; pad <= 32; pad++) {
            byte[] block = CryptoTestKeys.withPad(new byte[48 - pad], pad, pad);
            assertThat(Pkcs7Padding.unpaddedLength(block, 0, block.length)).as("pad %d", pad).isEqualTo(48 - pad);
        }
    }

    @Test
    void paddingIsReadRelativeToTheOffset() {
        byte[] buffer = {9, 9, 'a', 'b', 2, 2, 9};
        assertThat(Pkcs7Padding.unpaddedLength(buffer, 2, 4)).isEqualTo(2);
    }

    @Test
    void malformedPadsAreRejected() {
        assertRejected(CryptoTestKeys.withPad(new byte[16], 16, 0));
        assertRejected(CryptoTestKeys.withPad(new byte[15], 33, 33));
        assertRejected(CryptoTestKeys.withPad(new byte[0], 16, 17));
        assertRejected(new byte[]{1, 2, 3, 3, 4, 3});
        assertRejected(new byte[0]);
    }

    private static void assertRejected(byte[] block) {
        assertThatThrownBy(() -> Pkcs7Padding.unpaddedLength(block, 0, block.length))
                .isInstanceOfSatisfying(CryptoFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(CryptoFormatException.Reason.BAD_PADDING));
    }
}
