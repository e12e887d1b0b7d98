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
        return new SpringApplicationBuilder(TwpayHubApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + database + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--twpay.delivery.uri=direct:sandbox-erp-inbox",
                "--twpay.delivery.enabled=" + deliveryEnabled,
                "--twpay.delivery.poll-interval-ms=50");
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
