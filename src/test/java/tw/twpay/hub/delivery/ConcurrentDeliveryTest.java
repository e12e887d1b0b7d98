package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.TestFacts;

/**
 * The orders of one claimed batch are delivered side by side ({@code twpay.delivery.concurrency}), each order's
 * events still one after another: the ERP here holds every answer until the test lets it go, so what the hub has in
 * flight at once can be seen.
 */
@HubTest
class ConcurrentDeliveryTest {

    static final HeldErp erp = new HeldErp();

    @DynamicPropertySource
    static void heldErp(DynamicPropertyRegistry registry) {
        registry.add("twpay.delivery.uri", () -> "direct:held-erp");
        // the poller is started by the test once every event is queued, so they are claimed as one batch
        registry.add("twpay.delivery.enabled", () -> "false");
        registry.add("twpay.delivery.concurrency", () -> "3");
    }

    @TestConfiguration
    static class ErpRoute {
        @Bean
        RouteBuilder heldErpRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:held-erp").process(exchange -> erp.answer(exchange.getMessage().getBody(String.class)));
                }
            };
        }
    }

    @Autowired
    LedgerAppender ledger;
    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void ordersGoSideBySideAndOneOrdersEventsInTurn() throws Exception {
        ledger.append(TestFacts.payment("LANE-A", PaymentStatus.AUTHORIZED));
        ledger.append(TestFacts.payment("LANE-A", PaymentStatus.CAPTURED));
        ledger.append(TestFacts.payment("LANE-B", PaymentStatus.AUTHORIZED));
        ledger.append(TestFacts.payment("LANE-C", PaymentStatus.AUTHORIZED));
        ledger.append(TestFacts.payment("LANE-D", PaymentStatus.AUTHORIZED));

        camel.getRouteController().startRoute("outbox-poller");

        // three orders in flight at once (the concurrency); A's capture is not among them while its authorisation is
        await().atMost(Duration.ofSeconds(10)).until(() -> erp.inFlight() == 3);
        assertThat(erp.received()).extracting(HeldErp::describe)
                .hasSize(3)
                .contains("LANE-A AUTHORIZED")
                .doesNotContain("LANE-A CAPTURED")
                .noneMatch(delivery -> delivery.startsWith("LANE-D"));

        erp.open();

        await().atMost(Duration.ofSeconds(10)).until(() -> erp.received().size() == 5);
        List<String> deliveries = erp.received().stream().map(HeldErp::describe).toList();
        assertThat(deliveries).containsExactlyInAnyOrder("LANE-A AUTHORIZED", "LANE-A CAPTURED",
                "LANE-B AUTHORIZED", "LANE-C AUTHORIZED", "LANE-D AUTHORIZED");
        assertThat(deliveries.indexOf("LANE-A AUTHORIZED")).isLessThan(deliveries.indexOf("LANE-A CAPTURED"));
        assertThat(erp.mostInFlight()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where status = 'DELIVERED'", Integer.class) == 5);
    }

    /** An ERP that keeps every delivery waiting for its answer until {@link #open()}. */
    static final class HeldErp {

        private final CountDownLatch gate = new CountDownLatch(1);
        private final List<JsonNode> received = new ArrayList<>();
        private int inFlight;
        private int mostInFlight;

        void answer(String cloudEvent) throws Exception {
            synchronized (this) {
                received.add(CanonicalJson.mapper().readTree(cloudEvent));
                inFlight++;
                mostInFlight = Math.max(mostInFlight, inFlight);
            }
            try {
                assertThat(gate.await(20, TimeUnit.SECONDS)).as("the test opened the ERP").isTrue();
            } finally {
                synchronized (this) {
                    inFlight--;
                }
            }
        }

        void open() {
            gate.countDown();
        }

        synchronized int inFlight() {
            return inFlight;
        }

        synchronized int mostInFlight() {
            return mostInFlight;
        }

        synchronized List<JsonNode> received() {
            return List.copyOf(received);
        }

        static String describe(JsonNode event) {
            return event.path("data").path("orderNo").asText() + " " + event.path("data").path("status").asText();
        }
    }
}
