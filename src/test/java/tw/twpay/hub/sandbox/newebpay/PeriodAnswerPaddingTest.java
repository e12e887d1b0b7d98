package tw.twpay.hub.sandbox.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.MerchantHashKeys;

/**
 * The simulator's period answers are padded to 32 bytes, as the gateway's, and the hub's codec reads every length
 * back. Lengths whose 16-byte padding would give a different ciphertext size make a 16-byte pad fail here.
 */
class PeriodAnswerPaddingTest {

    private final SandboxCodec codec = new SandboxCodec(
            MerchantHashKeys.of("0123456789abcdef0123456789abcdef", "fedcba9876543210"));

    @Test
    void everyLengthIsPaddedToTheNext32ByteBoundaryAndDecodesBack() {
        for (int length = 0; length <= 96; length++) {
            String text = "x".repeat(length);
            String hex = codec.encryptTextPaddedTo32(text);
            assertThat(HexCodec.decode(hex).length).as("ciphertext of %d bytes", length).isEqualTo((length / 32 + 1) * 32);
            assertThat(codec.decryptText(hex)).isEqualTo(text);
        }
    }

    @Test
    void periodJsonDecodesAsTheHubDecodesIt() {
        String answer = GatewayAnswer.success("該定期定額委託單暫停成功",
                java.util.Map.of("MerOrderNo", "SUB_1", "PeriodNo", "P261122100000aBcDeF")).json();
        assertThat(answer).contains("\\u").doesNotContain("暫停");
        assertThat(codec.decode(codec.encryptTextPaddedTo32(answer)).message()).isEqualTo("該定期定額委託單暫停成功");
    }
}
