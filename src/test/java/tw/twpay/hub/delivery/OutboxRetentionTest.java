package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.camel.CamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.support.HubTest;

/**
 * Delivered events leave the outbox once older than {@code twpay.delivery.retention}, through the real Quartz route
 * (here every second, retention one hour, the poller off so nothing else moves the rows); whatever is not delivered,
 * delivered within the retention, or named by a dead letter stays. (PostgreSQL: PostgresLedgerTest.)
 */
@HubTest
class OutboxRetentionTest {

    @DynamicPropertySource
    static void retentionEverySecond(DynamicPropertyRegistry registry) {
        registry.add("twpay.delivery.enabled", () -> "false");
        registry.add("twpay.delivery.retention", () -> "PT1H");
        registry.add("twpay.delivery.retention-cron", () -> "0/1 * * * * ?");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    OutboxRetention retention;
    @Autowired
    CamelContext camel;

    @Test
    void deliveredEventsOlderThanTheRetentionLeaveTheOutboxAndEverythingElseStays() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime threeDaysAgo = now.minusDays(3);
        OffsetDateTime twoDaysAgo = now.minusDays(2);
        List<Long> expired = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        // one transaction, so the route (every second) sees all of it or nothing
        transaction.executeWithoutResult(status -> {
            // more than one range of ids, delivered three days ago; one of them was dead-lettered and redriven
            LongStream.rangeClosed(1, 1500).forEach(id -> {
                queue(id, "DELIVERED", threeDaysAgo, threeDaysAgo.plusSeconds(5));
                (id == 700 ? kept : expired).add(id);
            });
            jdbc.update("insert into dead_letter (outbox_id, event_id, event_type, attempts, last_error, dead_at,"
                    + " redriven_at) values (700, 'dead-700', 'tw.twpay.payment.v1', 3, 'HTTP 503', ?, ?)",
                    threeDaysAgo, threeDaysAgo.plusHours(1));
            // as old, but never delivered: dead-lettered and not redriven, waiting for a retry, being delivered
            queue(1501, "DEAD", threeDaysAgo, null);
            queue(1502, "PENDING", threeDaysAgo, null);
            queue(1503, "PENDING", threeDaysAgo, null);
            jdbc.update("update outbox set claimed_by = 'node-a', claimed_until = ? where id = 1503",
                    now.plusMinutes(1));
            kept.addAll(List.of(1501L, 1502L, 1503L));
            // after a gap of ids, delivered two days ago
            LongStream.rangeClosed(5000, 5499).forEach(id -> {
                queue(id, "DELIVERED", twoDaysAgo, twoDaysAgo.plusSeconds(1));
                expired.add(id);
            });
            // queued before the cut-off but delivered after it (an ERP outage), then recent ones
            queue(9000, "DELIVERED", now.minusHours(2), now.minusMinutes(30));
            queue(9001, "DELIVERED", now.minusMinutes(10), now.minusMinutes(9));
            queue(9002, "PENDING", now.minusMinutes(1), null);
            kept.addAll(List.of(9000L, 9001L, 9002L));
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(remaining()).hasSize(kept.size()));

        assertThat(remaining()).containsExactlyElementsOf(kept);
        // a further run finds nothing left to remove, and the dead letter still names its event
        assertThat(retention.removeExpired(new DefaultExchange(camel))).isZero();
        assertThat(jdbc.queryForObject("select o.status from dead_letter d join outbox o on o.id = d.outbox_id"
                + " where d.event_id = 'dead-700'", String.class)).isEqualTo("DELIVERED");
    }

    private void queue(long id, String status, OffsetDateTime queuedAt, OffsetDateTime deliveredAt) {
        jdbc.update("insert into outbox (id, event_id, event_type, payload, status, attempts, failures,"
                        + " next_attempt_at, created_at, delivered_at, sequence_key)"
                        + " values (?, ?, 'tw.twpay.payment.v1', '{}', ?, 1, 0, ?, ?, ?, ?)",
                id, UUID.randomUUID().toString(), status, queuedAt, queuedAt, deliveredAt, "RETENTION-" + id);
    }

    private List<Long> remaining() {
        return jdbc.queryForList("select id from outbox where sequence_key like 'RETENTION-%' order by id",
                Long.class);
    }
}
