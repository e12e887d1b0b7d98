package tw.twpay.hub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.TestFacts;

/**
 * An ERP down for an hour (issue 13): half an hour answering 503, half an hour refusing connections, with the retry
 * schedule of {@code config/application.yaml} and the real delivery routes. The hub's clock is moved on a minute at a
 * time and each step waits until the poller has attempted every event that is due, so the test covers the hour of
 * retries without waiting for it. Nothing is dead-lettered or lost; after the ERP is back every event id reaches it
 * exactly once, with the content it had in every attempt, and one order's events arrive in the order they happened.
 */
@HubTest
class ErpHourOutageTest {

    static final WireMockServer erp = new WireMockServer(wireMockConfig().port(freePort()));
    static final MovableClock clock = new MovableClock();

    static {
        erp.start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The retry schedule as shipped, not the fast one of the other tests. */
    @DynamicPropertySource
    static void erpAndShippedRetrySchedule(DynamicPropertyRegistry registry) {
        registry.add("twpay.delivery.uri", () -> "http://localhost:" + erp.port() + "/erp/events");
        // an attempt that times out on a busy machine would be one more failure, not what this test is about
        registry.add("twpay.delivery.request-timeout-ms", () -> "5000");
        registry.add("twpay.delivery.lease-ms", () -> "20000");
        Properties shipped = shippedDeliverySettings();
        for (String key : List.of("max-redeliveries", "initial-delay-ms", "backoff-multiplier", "max-delay-ms")) {
            registry.add("twpay.delivery." + key, () -> shipped.getProperty("twpay.delivery." + key));
        }
    }

    private static Properties shippedDeliverySettings() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("config/application.yaml"));
        return yaml.getObject();
    }

    @TestConfiguration
    static class ClockUnderTestControl {
        @Bean
        @Primary
        Clock movableClock() {
            return clock;
        }
    }

    @AfterAll
    static void stopErp() {
        erp.stop();
    }

    @Autowired
    LedgerAppender ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DeliveryProperties retrySchedule;

    @Test
    void everyEventOfAnHourLongOutageReachesTheErpOnceInOrderAfterItRecovers() throws Exception {
        assertThat(retrySchedule.maxRedeliveries()).as("the shipped schedule, not the tests' fast one").isGreaterThan(2);
        erp.stubFor(post(urlEqualTo("/erp/events")).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "60").withBody("maintenance")));
        Map<String, List<PaymentStatus>> happened = new LinkedHashMap<>();
        for (int order = 1; order <= 4; order++) {
            storeLifecycle("OUTAGE-" + order, happened);
        }
        awaitEveryDueEventAttempted();
        // each order's first event was attempted and failed; its later events wait behind it, never attempted
        assertThat(count("select count(*) from outbox where failures > 0")).isEqualTo(4);

        Instant outageStart = clock.instant();
        List<LoggedRequest> duringOutage = List.of();
        for (int minute = 1; minute <= 60; minute++) {
            if (minute == 30) {
                duringOutage = erp.findAll(postRequestedFor(urlEqualTo("/erp/events")));
                // the second half of the hour the ERP's host is gone: connection refused
                erp.stop();
            }
            if (minute == 20) {
                // the shop goes on selling meanwhile
                storeLifecycle("OUTAGE-LATE", happened);
            }
            clock.advance(Duration.ofMinutes(1));
            awaitEveryDueEventAttempted();
            assertThat(count("select count(*) from dead_letter")).as("dead letters at minute %d", minute).isZero();
            assertThat(count("select count(*) from outbox where status <> 'PENDING'"))
                    .as("events settled at minute %d while the ERP is down", minute).isZero();
        }
        assertThat(Duration.between(outageStart, clock.instant())).isEqualTo(Duration.ofHours(1));
        assertThat(count("select max(failures) from outbox")).as("retries of the oldest event").isGreaterThan(10);

        erp.start();
        erp.resetAll();
        erp.stubFor(post(urlEqualTo("/erp/events")).willReturn(aResponse().withStatus(204)));
        int events = count("select count(*) from outbox");
        for (int step = 0; step < 12 && count("select count(*) from outbox where status = 'DELIVERED'") < events;
             step++) {
            clock.advance(Duration.ofMinutes(1));
            awaitEveryDueEventAttempted();
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("select count(*) from outbox where status = 'DELIVERED'") == events);
        // nothing more arrives later
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> deliveries().size() == events);

        List<LoggedRequest> delivered = deliveries();
        Map<String, String> bodyById = new HashMap<>();
        Map<String, List<String>> statusesByOrder = new LinkedHashMap<>();
        for (LoggedRequest request : delivered) {
            JsonNode event = CanonicalJson.mapper().readTree(request.getBodyAsString());
            assertThat(bodyById.put(event.path("id").asText(), request.getBodyAsString()))
                    .as("event %s delivered once", event.path("id").asText()).isNull();
            statusesByOrder.computeIfAbsent(event.path("data").path("orderNo").asText(), key -> new ArrayList<>())
                    .add(event.path("data").path("status").asText());
        }
        assertThat(bodyById).hasSize(events);
        for (Map.Entry<String, List<PaymentStatus>> order : happened.entrySet()) {
            assertThat(statusesByOrder.get(order.getKey())).as("events of %s in order", order.getKey())
                    .containsExactlyElementsOf(order.getValue().stream().map(Enum::name).toList());
        }
        // the same id always carried the same content: in the outage's attempts and in the delivery, as journalled
        assertThat(duringOutage).hasSizeGreaterThan(events);
        for (LoggedRequest attempt : duringOutage) {
            String id = CanonicalJson.mapper().readTree(attempt.getBodyAsString()).path("id").asText();
            assertThat(attempt.getBodyAsString()).isEqualTo(bodyById.get(id));
        }
        for (Map<String, Object> row : jdbc.queryForList("select o.event_id, j.event_json as payload"
                + " from outbox o join ledger_journal j on j.id = o.journal_id")) {
            assertThat(bodyById.get((String) row.get("event_id"))).isEqualTo(row.get("payload"));
        }
        assertThat(count("select count(*) from dead_letter")).isZero();
    }

    private void storeLifecycle(String orderNo, Map<String, List<PaymentStatus>> happened) {
        for (PaymentStatus status : List.of(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED, PaymentStatus.REFUNDED)) {
            ledger.append(TestFacts.payment(orderNo, status));
            happened.computeIfAbsent(orderNo, key -> new ArrayList<>()).add(status);
        }
    }

    private static List<LoggedRequest> deliveries() {
        return erp.findAll(postRequestedFor(urlEqualTo("/erp/events")));
    }

    /**
     * Until the poller has attempted every event that is due by the hub's clock: no order's first pending event is
     * due (or being delivered). The later events of an order wait behind its first and are not counted.
     */
    private void awaitEveryDueEventAttempted() {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("""
                select count(*) from outbox o
                 where o.status = 'PENDING'
                   and (o.next_attempt_at <= ? or o.claimed_until is not null)
                   and not exists (select 1 from outbox e
                                    where e.sequence_key = o.sequence_key and e.status = 'PENDING' and e.id < o.id)
                """, Integer.class, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)) == 0);
    }

    private int count(String sql) {
        Integer value = jdbc.queryForObject(sql, Integer.class);
        return value == null ? 0 : value;
    }

    /** The hub's clock, moved on by the test. */
    static final class MovableClock extends Clock {
        // whole milliseconds: the database keeps microseconds and rounds the rest, which could put an event just
        // queued after "now" of this frozen clock, so not due before the next step
        private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
