package tw.twpay.hub.provider.flashpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tw.twpay.hub.TwpayHubApplication;

/** A bad FlashPay merchant stops the hub at start-up, naming the property and never the secret. */
@ExtendWith(OutputCaptureExtension.class)
class FlashPayStartupRefusalTest {

    @Test
    void hashKeyOfTheWrongLengthNamesMerchantAndKey(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TwpayHubApplication.class).run(
                "--server.port=0", "--spring.datasource.url=jdbc:h2:mem:flashpay-refusal-" + System.nanoTime()
                        + ";MODE=PostgreSQL",
                "--twpay.providers.flashpay.merchants.shop-flashpay.hash-key=TooShortFlashSecret").close())
                .isInstanceOf(Exception.class);
        assertThat(output.getAll())
                .contains("invalid twpay.providers.flashpay.merchants.shop-flashpay.hash-key")
                .contains("merchant shop-flashpay")
                .doesNotContain("TooShortFlashSecret");
    }
}
