package tw.twpay.hub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.StoreResult;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.TestFacts;

/**
 * Deliveries carry Standard Webhooks signatures that an independent implementation (the specification's own Java
 * library, com.standardwebhooks) verifies, with the current secret and, during a rotation, the previous one.
 */
@HubTest
class SignedDeliveryTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String PREVIOUS_SECRET = "whsec_djq4NfB2Bb9vV58zmeGlD9aN35aTq5oYt6nU+qmj948=";

    static final WireMockServer erp = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        erp.start();
        erp.stubFor(post(urlEqualTo("/erp/events")).willReturn(aResponse().withStatus(204)));
    }

    @DynamicPropertySource
    static void signedErp(DynamicPropertyRegistry registry) {
        registry.add("twpay.delivery.uri", () -> "http://localhost:" + erp.port() + "/erp/events");
        registry.add("twpay.delivery.signing-secret", () -> SECRET);
        registry.add("twpay.delivery.previous-signing-secret", () -> PREVIOUS_SECRET);
    }

    @AfterAll
    static void stopErp() {
        erp.stop();
    }

    @Autowired
    LedgerAppender ledger;

    private static LoggedRequest deliveryOf(String orderNo) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !deliveries(orderNo).isEmpty());
        return deliveries(orderNo).get(0);
    }

    private static List<LoggedRequest> deliveries(String orderNo) {
        return erp.findAll(postRequestedFor(urlEqualTo("/erp/events"))
                .withRequestBody(matchingJsonPath("$.subject", containing(orderNo))));
    }

    private static Map<String, List<String>> headers(LoggedRequest request) {
        return Map.of(
                "webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature")));
    }

    @Test
    void theStandardWebhooksLibraryVerifiesEveryDeliveryWithEitherSecret() throws Exception {
        // non-ASCII in the body: the signed bytes must be the bytes sent
        StoreResult stored = ledger.append(TestFacts.payment("SIG-訂單-1", PaymentStatus.AUTHORIZED));
        LoggedRequest request = deliveryOf("SIG-訂單-1");
        String body = new String(request.getBody(), StandardCharsets.UTF_8);

        assertThat(request.getHeader("webhook-id")).isEqualTo(stored.eventId());
        assertThat(Long.parseLong(request.getHeader("webhook-timestamp")))
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
        assertThat(request.getHeader("webhook-signature")).matches("v1,[A-Za-z0-9+/=]{44} v1,[A-Za-z0-9+/=]{44}");

        new Webhook(SECRET).verify(body, headers(request));
        new Webhook(PREVIOUS_SECRET).verify(body, headers(request));
    }

    @Test
    void aTamperedBodyOrAnotherSecretFailsVerification() {
        ledger.append(TestFacts.payment("SIG-2", PaymentStatus.CAPTURED));
        LoggedRequest request = deliveryOf("SIG-2");
        String body = new String(request.getBody(), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new Webhook(SECRET).verify(body.replace("CAPTURED", "REFUNDED"), headers(request)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))
                .verify(body, headers(request)))
                .isInstanceOf(WebhookVerificationException.class);
    }
}
