package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.TwpayHubApplication;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.StoreResult;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.support.TestFacts;

/** The process stops after the ledger commit but before delivery: the event goes out after the restart. */
class DeliveryAfterRestartTest {

    private static ConfigurableApplicationContext startHub(Path database, boolean deliveryEnabled) {
        return startHub(database, deliveryEnabled, "");
    }

    private static ConfigurableApplicationContext startHub(Path database, boolean deliveryEnabled, String nodeId) {
        return new SpringApplicationBuilder(TwpayHubApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + database + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--twpay.delivery.uri=direct:sandbox-erp-inbox",
                "--twpay.delivery.enabled=" + deliveryEnabled,
                "--twpay.delivery.poll-interval-ms=50",
                "--twpay.delivery.lease-ms=60000",
                "--twpay.node-id=" + nodeId);
    }

    /**
     * The node stopped while it held a claim (as after kill -9: no chance to give it back). Started again under the
     * same node id it releases the claim at once, so the event goes out long before the 60 s lease would end.
     */
    @Test
    void restartedNodeReleasesItsEarlierClaimsAtOnce() throws Exception {
        Path database = Files.createTempDirectory("twpay-handover").resolve("ledger");
        StoreResult stored;
        try (ConfigurableApplicationContext first = startHub(database, false, "node-7")) {
            stored = first.getBean(LedgerAppender.class).append(TestFacts.payment("HANDOVER-1", PaymentStatus.CAPTURED));
            assertThat(first.getBean(OutboxClaimer.class).claim(10)).extracting(OutboxEntry::eventId)
                    .containsExactly(stored.eventId());
        }

        try (ConfigurableApplicationContext other = startHub(database, true, "node-8")) {
            // another node must respect the lease: nothing is delivered meanwhile
            SandboxErpInbox inbox = other.getBean(SandboxErpInbox.class);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> inbox.list().isEmpty());
        }

        try (ConfigurableApplicationContext second = startHub(database, true, "node-7")) {
            SandboxErpInbox inbox = second.getBean(SandboxErpInbox.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> inbox.list().size() == 1);
            assertThat(inbox.list().get(0).path("id").asText()).isEqualTo(stored.eventId());
        }
    }

    @Test
    void committedEventIsDeliveredAfterRestart() throws Exception {
        Path database = Files.createTempDirectory("twpay-restart").resolve("ledger");
        StoreResult stored;
        try (ConfigurableApplicationContext first = startHub(database, false)) {
            stored = first.getBean(LedgerAppender.class).append(TestFacts.payment("RESTART-1", PaymentStatus.CAPTURED));
            assertThat(first.getBean(SandboxErpInbox.class).list()).isEmpty();
        }

        try (ConfigurableApplicationContext second = startHub(database, true)) {
            SandboxErpInbox inbox = second.getBean(SandboxErpInbox.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> inbox.list().size() == 1);
            assertThat(inbox.list().get(0).path("id").asText()).isEqualTo(stored.eventId());
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(jdbc.queryForObject(
                    "select status from outbox where event_id = ?", String.class, stored.eventId())));
        }
    }
}
