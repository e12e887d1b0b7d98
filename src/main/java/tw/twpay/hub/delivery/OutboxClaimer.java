package tw.twpay.hub.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.config.SqlStatements;

/**
 * Reserves due outbox events for this node. Candidates are read in id order one window at a time and locked with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes polling at once take disjoint batches and a node skips (rather than waits
 * for) rows another is claiming; the claim then holds for {@code twpay.delivery.lease-ms}, and is renewed before
 * an event's delivery when what is left of it would not cover that delivery. Each window is an index range read, so a claim costs the same with ten or a million
 * events waiting.
 */
@Component("outboxClaimer")
public class OutboxClaimer {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final NodeIdentity node;
    private final DeliveryProperties properties;

    private final String selectDue = SqlStatements.load("delivery/select-due-outbox");
    private final String lockDue = SqlStatements.load("delivery/lock-due-outbox");
    private final String claim = SqlStatements.load("delivery/claim-outbox");
    private final String renew = SqlStatements.load("delivery/renew-claim");
    private final String load = SqlStatements.load("delivery/load-outbox");

    public OutboxClaimer(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
                         NodeIdentity node, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.node = node;
        this.properties = properties;
    }

    /** Claims up to {@code batchSize} due events; an empty list when there is nothing to do. */
    public List<OutboxEntry> claimDue() {
        return claim(properties.batchSize());
    }

    /** Whether a claimed batch had events: the greedy poller then polls again at once instead of waiting. */
    public boolean foundWork(List<OutboxEntry> batch) {
        return !batch.isEmpty();
    }

    /** Claims up to {@code limit} due events, oldest first. */
    public List<OutboxEntry> claim(int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime claimedUntil = leaseFrom(now);
        List<Long> ids = transaction.execute(status -> {
            List<Long> locked = lockDue(now, limit);
            if (!locked.isEmpty()) {
                jdbc.update(claim, new MapSqlParameterSource()
                        .addValue("node", node.id())
                        .addValue("claimedUntil", claimedUntil)
                        .addValue("ids", locked));
            }
            return locked;
        });
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(load, Map.of("ids", ids), (rs, row) -> new OutboxEntry(
                rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("payload"),
                claimedUntil));
    }

    /**
     * Locks up to {@code limit} due rows inside the caller's transaction, moving window by window past rows that
     * another node holds locked, until the batch is full or no due row is left.
     */
    private List<Long> lockDue(OffsetDateTime now, int limit) {
        List<Long> locked = new ArrayList<>(limit);
        long after = 0;
        while (locked.size() < limit) {
            List<Long> window = jdbc.queryForList(selectDue, Map.of("now", now, "after", after, "limit", limit),
                    Long.class);
            if (window.isEmpty()) {
                break;
            }
            locked.addAll(jdbc.queryForList(lockDue, Map.of("ids", window, "now", now,
                    "limit", limit - locked.size()), Long.class));
            if (window.size() < limit) {
                break;
            }
            after = window.get(window.size() - 1);
        }
        return locked;
    }

    /**
     * Makes sure this node's lease on one event covers the delivery about to start (every attempt and back-off of
     * it). While the lease taken at the claim still does, nothing needs writing; otherwise (earlier events of the
     * batch took long) the lease is restarted in the database. False when the claim was lost meanwhile (the lease
     * ran out and another node took the event, or it was delivered): the caller must then skip the event.
     */
    public boolean renewClaim(@ExchangeProperty(DeliveryExchange.OUTBOX_ID) long outboxId,
                              @ExchangeProperty(DeliveryExchange.CLAIMED_UNTIL) OffsetDateTime claimedUntil) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime deliveryDoneBy = now.plusNanos(properties.worstCaseDeliveryMs() * 1_000_000);
        if (claimedUntil != null && deliveryDoneBy.isBefore(claimedUntil)) {
            return true;
        }
        return jdbc.update(renew, new MapSqlParameterSource()
                .addValue("id", outboxId)
                .addValue("node", node.id())
                .addValue("claimedUntil", leaseFrom(now))) == 1;
    }

    private OffsetDateTime leaseFrom(OffsetDateTime now) {
        return now.plusNanos(properties.leaseMs() * 1_000_000);
    }

    public String nodeId() {
        return node.id();
    }
}
