package tw.twpay.hub.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Sha256AndConstantTimeTest {

    private static final String ABC_DIGEST = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";

    @Test
    void upperHexOfTheFipsExample() {
        assertThat(Sha256.upperHex("abc")).isEqualTo(ABC_DIGEST);
    }

    @Test
    void digestOfThreePartsEqualsDigestOfTheirConcatenation() {
        byte[] joined = Sha256.digest("HashKey=k&TRADEINFO&HashIV=v".getBytes(StandardCharsets.UTF_8));
        byte[] parts = Sha256.digest("HashKey=k&".getBytes(StandardCharsets.UTF_8),
                "TRADEINFO".getBytes(StandardCharsets.UTF_8), "&HashIV=v".getBytes(StandardCharsets.UTF_8));
        assertThat(parts).isEqualTo(joined);
    }

    @Test
    void equalsHexAcceptsEitherCaseAndRejectsAnythingElse() {
        byte[] digest = HexCodec.decode(ABC_DIGEST);

        assertThat(ConstantTime.equalsHex(digest, ABC_DIGEST)).isTrue();
        assertThat(ConstantTime.equalsHex(digest, ABC_DIGEST.toLowerCase())).isTrue();
        assertThat(ConstantTime.equalsHex(digest, ABC_DIGEST.replace('B', 'C'))).isFalse();
        assertThat(ConstantTime.equalsHex(digest, ABC_DIGEST.substring(2))).isFalse();
        assertThat(ConstantTime.equalsHex(digest, ABC_DIGEST.substring(1) + "Z")).isFalse();
        assertThat(ConstantTime.equalsHex(digest, null)).isFalse();
    }

    @Test
    void stringAndByteComparisons() {
        assertThat(ConstantTime.equals("藍新", "藍新")).isTrue();
        assertThat(ConstantTime.equals("a", "b")).isFalse();
        assertThat(ConstantTime.equals((String) null, "a")).isFalse();
        assertThat(ConstantTime.equals(new byte[]{1, 2}, new byte[]{1, 2})).isTrue();
        assertThat(ConstantTime.equals(new byte[]{1, 2}, new byte[]{1, 2, 3})).isFalse();
        assertThat(ConstantTime.equals((byte[]) null, null)).isFalse();
    }
}
