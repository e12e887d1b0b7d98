package tw.twpay.hub.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.ledger.LedgerAvailability;

/**
 * Removes delivered events from the outbox once they are older than {@code twpay.delivery.retention}, so the table
 * and its indexes stay the size of the recent traffic instead of growing with every event ever delivered. The
 * journal keeps each fact and its CloudEvent for good; what goes is the delivery bookkeeping (claims, attempts,
 * delivery time), which nothing reads once an event is delivered. Events still to be delivered, dead-lettered ones
 * and those a dead letter names are never removed.
 *
 * <p>The outbox is walked from its oldest row in ranges of {@value #IDS_PER_RANGE} ids, one short transaction each
 * (a primary-key range, so the poller and the callbacks are never held up by a long delete), jumping over gaps,
 * until the next range starts with an event queued after the cut-off: ids grow with the time an event is queued,
 * and an event queued after the cut-off cannot have been delivered before it. Quartz runs it once per cluster
 * ({@code twpay.delivery.retention-cron}); a run stops between ranges when the hub shuts down.
 */
@Component("outboxRetention")
public class OutboxRetention {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);
    static final long IDS_PER_RANGE = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final DeliveryProperties properties;
    private final LedgerAvailability availability;
    private final String firstRowFrom = SqlStatements.load("delivery/first-outbox-row-from");
    private final String removeDelivered = SqlStatements.load("delivery/remove-delivered-outbox");

    public OutboxRetention(NamedParameterJdbcTemplate jdbc, Clock clock, DeliveryProperties properties,
                           LedgerAvailability availability) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.availability = availability;
    }

    /**
     * One run: removes the delivered events older than the retention and answers how many. A database failure
     * propagates, for the scheduled routes' outage handling.
     */
    public long removeExpired(Exchange exchange) {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(properties.retention());
        long removed = 0;
        QueuedRow range = firstRowFrom(Long.MIN_VALUE);
        availability.reached();
        while (range != null && range.queuedAt().isBefore(cutoff) && !exchange.getContext().isStopping()) {
            long end = range.id() + IDS_PER_RANGE;
            removed += jdbc.update(removeDelivered, Map.of("from", range.id(), "to", end, "cutoff", cutoff));
            range = firstRowFrom(end);
        }
        if (removed > 0) {
            log.info("outbox retention: removed {} events delivered before {} (twpay.delivery.retention={})",
                    removed, cutoff, properties.retention());
        }
        return removed;
    }

    private QueuedRow firstRowFrom(long id) {
        List<QueuedRow> rows = jdbc.query(firstRowFrom, Map.of("from", id),
                (rs, n) -> new QueuedRow(rs.getLong("id"), rs.getObject("created_at", OffsetDateTime.class)));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private record QueuedRow(long id, OffsetDateTime queuedAt) {
    }
}
