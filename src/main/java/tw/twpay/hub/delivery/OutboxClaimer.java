package tw.twpay.hub.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.config.SqlStatements;

/**
 * Reserves due outbox events for this node. Rows are locked with {@code FOR UPDATE SKIP LOCKED} while being
 * claimed, so nodes polling at once take disjoint batches; the claim then holds for {@code twpay.delivery.lease-ms}
 * and is renewed as each event's delivery starts.
 */
@Component("outboxClaimer")
public class OutboxClaimer {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final NodeIdentity node;
    private final DeliveryProperties properties;

    private final String selectDue = SqlStatements.load("delivery/select-due-outbox");
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

    /** Claims up to {@code limit} due events. */
    public List<OutboxEntry> claim(int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Long> ids = transaction.execute(status -> {
            List<Long> due = jdbc.queryForList(selectDue, Map.of("now", now, "limit", limit), Long.class);
            if (!due.isEmpty()) {
                jdbc.update(claim, new MapSqlParameterSource()
                        .addValue("node", node.id())
                        .addValue("claimedUntil", now.plusNanos(properties.leaseMs() * 1_000_000))
                        .addValue("ids", due));
            }
            return due;
        });
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(load, Map.of("ids", ids), (rs, row) -> new OutboxEntry(
                rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("payload")));
    }

    /**
     * Restarts this node's lease on one event just before delivering it. False when the claim was lost (the lease
     * ran out and another node took the event, or it was delivered meanwhile): the caller must then skip it.
     */
    public boolean renewClaim(@ExchangeProperty(DeliveryExchange.OUTBOX_ID) long outboxId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.update(renew, new MapSqlParameterSource()
                .addValue("id", outboxId)
                .addValue("node", node.id())
                .addValue("claimedUntil", now.plusNanos(properties.leaseMs() * 1_000_000))) == 1;
    }

    public String nodeId() {
        return node.id();
    }
}
