package tw.twpay.hub.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HexCodecTest {

    private static final byte[] EVERY_BYTE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            EVERY_BYTE[i] = (byte) i;
        }
    }

    @Test
    void encodesLowerAndUpperCase() {
        assertThat(HexCodec.encodeLower(new byte[]{0x00, 0x0f, (byte) 0xab, (byte) 0xff})).isEqualTo("000fabff");
        assertThat(HexCodec.encodeUpper(new byte[]{0x00, 0x0f, (byte) 0xab, (byte) 0xff})).isEqualTo("000FABFF");
        assertThat(HexCodec.encodeLower(new byte[0])).isEmpty();
    }

    @Test
    void everyByteRoundTripsInBothCases() {
        String lower = HexCodec.encodeLower(EVERY_BYTE);
        String upper = HexCodec.encodeUpper(EVERY_BYTE);
        assertThat(HexCodec.decode(lower)).isEqualTo(EVERY_BYTE);
        assertThat(HexCodec.decode(upper)).isEqualTo(EVERY_BYTE);
        assertThat(HexCodec.decode(new StringBuilder(lower))).isEqualTo(EVERY_BYTE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "abc", "0123456789abcde"})
    void oddLengthIsRejected(String hex) {
        assertRejected(hex, CryptoFormatException.Reason.HEX_ODD_LENGTH);
    }

    @ParameterizedTest
    // 'g', whitespace, a sign, a full-width digit and an Arabic-Indic digit (Character.digit would accept the last two)
    @ValueSource(strings = {"0g", " 0", "0 ", "-1", "\uFF10\uFF10", "\u0660\u0661", "é0", "0x", "\u0130\u0131"})
    void nonHexCharactersAreRejected(String hex) {
        assertRejected(hex, CryptoFormatException.Reason.HEX_NOT_HEX);
    }

    private static void assertRejected(String hex, CryptoFormatException.Reason reason) {
        assertThatThrownBy(() -> HexCodec.decode(hex))
                .isInstanceOfSatisfying(CryptoFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo(reason.description());
                });
    }
}
