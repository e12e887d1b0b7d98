package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.config.InvalidConfigurationException;

/** The signature itself, against the Standard Webhooks reference library, and the secret's checks at start-up. */
class DeliverySignatureTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void signatureEqualsTheReferenceLibrarysForTheSameMessage() throws Exception {
        String body = "{\"test\": 2432232314, \"name\": \"訂單\"}";
        byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        assertThat(DeliverySignature.signature(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body))
                .isEqualTo(new Webhook(SECRET).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body));
    }

    @Test
    void secretsThatAreNotWhsecBase64OfEnoughBytesAreRefusedNamingTheProperty() {
        Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        assertThatThrownBy(() -> new DeliverySignature("", "", clock))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("twpay.delivery.signing-secret");
        assertThatThrownBy(() -> new DeliverySignature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "", clock))
                .hasMessageContaining("whsec_").hasMessageNotContaining("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThatThrownBy(() -> new DeliverySignature("whsec_c2hvcnQ=", "", clock))
                .hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> new DeliverySignature(SECRET, "whsec_!!notbase64!!", clock))
                .hasMessageStartingWith("twpay.delivery.previous-signing-secret");
    }
}
