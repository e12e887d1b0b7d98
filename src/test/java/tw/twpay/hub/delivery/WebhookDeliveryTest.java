package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.StoreResult;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.RecordingErp;
import tw.twpay.hub.support.RecordingErp.Received;
import tw.twpay.hub.support.TestFacts;

/**
 * A webhook address with a query string (an ERP that takes its token there) and Camel options of the hub's HTTP
 * client among it: the event still arrives as a POST body, the ERP's own parameters reach it as configured (the
 * Camel options never: the basic-auth password arrives as the Authorization header only), and a refused attempt
 * keeps the ERP's status and reason in the outbox without the token.
 */
@HubTest
class WebhookDeliveryTest {

    static final String QUERY = "z=9&token=s3cr3t-t0ken&a=b%20c";
    static final String CONFIGURED_QUERY = "z=9&connectionsPerRoute=30&token=s3cr3t-t0ken&authMethod=Basic"
            + "&authUsername=erp&authPassword=pa55w0rd&a=b%20c&authenticationPreemptive=true";
    static final RecordingErp erp = new RecordingErp();

    @DynamicPropertySource
    static void erpWithTokenInQuery(DynamicPropertyRegistry registry) {
        registry.add("twpay.delivery.uri", () -> erp.url("/erp/events?" + CONFIGURED_QUERY));
        // long enough to read the first failure before the retry
        registry.add("twpay.delivery.initial-delay-ms", () -> "3000");
        registry.add("twpay.delivery.max-delay-ms", () -> "3000");
    }

    @AfterAll
    static void stopErp() {
        erp.close();
    }

    @Autowired
    LedgerAppender ledger;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eventIsPostedWithTheQueryAsGivenAndAFailureKeepsStatusAndReasonButNotTheToken() {
        Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
        erp.answer(request -> refusedOnce.add(request.body()) ? 500 : 204);

        StoreResult stored = ledger.append(TestFacts.payment("HOOK-1", PaymentStatus.AUTHORIZED));

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select last_error from outbox where event_id = ?", String.class, stored.eventId()) != null);
        String lastError = jdbc.queryForObject("select last_error from outbox where event_id = ?", String.class,
                stored.eventId());
        assertThat(lastError).contains("HTTP 500").contains("Internal Server Error").contains("token=")
                .doesNotContain("s3cr3t").doesNotContain("pa55w0rd");

        await().atMost(Duration.ofSeconds(15)).until(() -> erp.accepted().stream()
                .anyMatch(received -> received.body().contains(stored.eventId())));
        Received delivered = erp.accepted().stream()
                .filter(received -> received.body().contains(stored.eventId())).findFirst().orElseThrow();
        assertThat(delivered.method()).isEqualTo("POST");
        assertThat(delivered.rawQuery()).isEqualTo(QUERY);
        assertThat(delivered.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("erp:pa55w0rd".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(delivered.body()).contains("\"subject\":\"HOOK-1\"");
    }
}
