package tw.twpay.hub.delivery;

import tw.twpay.hub.logging.SecretsInUris;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.ledger.LedgerAvailability;

/**
 * Records how an attempt to deliver an outbox event ended: delivered; failed with retries left, so the event is due
 * again after its back-off; or failed for the last time, so it is dead-lettered with its last error.
 */
@Component("deliveryOutcomes")
public class DeliveryOutcomes {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutcomes.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final NodeIdentity node;
    private final DeliveryProperties properties;
    private final LedgerAvailability availability;

    private final String markDelivered = SqlStatements.load("delivery/mark-delivered");
    private final String scheduleRetry = SqlStatements.load("delivery/schedule-retry");
    private final String markDead = SqlStatements.load("delivery/mark-dead");
    private final String insertDeadLetter = SqlStatements.load("delivery/insert-dead-letter");

    public DeliveryOutcomes(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
                            NodeIdentity node, DeliveryProperties properties, LedgerAvailability availability) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.node = node;
        this.properties = properties;
        this.availability = availability;
    }

    /**
     * The ERP accepted the event. An event of a claimed batch is recorded as delivered with the others the ERP
     * accepted, in one transaction ({@link #recordAccepted}); one outside a batch at once.
     */
    public void delivered(@ExchangeProperty(DeliveryExchange.OUTBOX_ENTRY) OutboxEntry entry) {
        if (entry.batch() != null) {
            entry.batch().accepted(entry);
            return;
        }
        recordDelivered(List.of(entry), null);
    }

    /**
     * Records what the ERP accepted so far in the batch of these events as delivered, in one transaction: at the end
     * of the batch, or before an attempt once the batch has run so long that the claims taken with it would not
     * cover that attempt (the accepted events must not outlive their claim unrecorded, or another node would take
     * them over and deliver them again).
     */
    public void recordAccepted(List<OutboxEntry> batchEvents) {
        if (!batchEvents.isEmpty()) {
            recordAccepted(batchEvents.get(0));
        }
    }

    /** As {@link #recordAccepted(List)}, before the attempt of this event when its claim runs short. */
    public void recordAcceptedIfClaimRunsShort(@ExchangeProperty(DeliveryExchange.OUTBOX_ENTRY) OutboxEntry entry) {
        OffsetDateTime attemptDoneBy = OffsetDateTime.now(clock).plusNanos(properties.worstCaseAttemptMs() * 1_000_000);
        if (entry.claimedUntil() == null || !attemptDoneBy.isBefore(entry.claimedUntil())) {
            recordAccepted(entry);
        }
    }

    private void recordAccepted(OutboxEntry anyOfBatch) {
        DeliveryBatch batch = anyOfBatch.batch();
        if (batch == null || batch.isAbandoned()) {
            return;
        }
        List<OutboxEntry> accepted = batch.takeAccepted();
        if (!accepted.isEmpty()) {
            recordDelivered(accepted, batch);
        }
    }

    private void recordDelivered(List<OutboxEntry> accepted, DeliveryBatch batch) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            jdbc.update(markDelivered, new MapSqlParameterSource()
                    .addValue("ids", accepted.stream().map(OutboxEntry::id).toList())
                    .addValue("now", now));
        } catch (RuntimeException e) {
            if (!LedgerAvailability.isOutage(e)) {
                throw e;
            }
            // the ERP has them but the outbox does not know: they go again after the outage (same id, same content)
            availability.failedToReach(e);
            if (batch != null) {
                batch.abandon();
            }
            return;
        }
        for (OutboxEntry entry : accepted) {
            log.info("delivered event={} at attempt {}", entry.eventId(), entry.failures() + 1);
        }
    }

    /** The attempt failed: schedule the next one after its back-off, or dead-letter the event when none is left. */
    public void failed(Exchange exchange) {
        OutboxEntry entry = exchange.getProperty(DeliveryExchange.OUTBOX_ENTRY, OutboxEntry.class);
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (LedgerAvailability.isOutage(caught)) {
            abandonOnOutage(entry, caught);
            return;
        }
        try {
            recordFailure(entry, caught);
        } catch (RuntimeException e) {
            abandonOnOutage(entry, e);
        }
    }

    /** The ledger database is unreachable: stop the batch (one log line for the outage) or, for any other error, fail. */
    private void abandonOnOutage(OutboxEntry entry, RuntimeException e) {
        if (!LedgerAvailability.isOutage(e)) {
            throw e;
        }
        abandonOnOutage(entry, (Exception) e);
    }

    private void abandonOnOutage(OutboxEntry entry, Exception e) {
        availability.failedToReach(e);
        if (entry.batch() != null) {
            entry.batch().abandon();
        }
    }

    private void recordFailure(OutboxEntry entry, Exception caught) {
        String error = describe(caught);
        int failures = entry.failures() + 1;
        OffsetDateTime now = OffsetDateTime.now(clock);
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("id", entry.id())
                .addValue("node", node.id())
                .addValue("failures", failures)
                .addValue("error", error)
                .addValue("now", now);
        if (entry.batch() != null) {
            entry.batch().hold(entry.sequenceKey());
        }
        if (properties.retriesLeft(failures)) {
            long delayMs = properties.retryDelayMs(failures);
            OffsetDateTime next = now.plusNanos(delayMs * 1_000_000);
            if (jdbc.update(scheduleRetry, row.addValue("nextAttemptAt", next)) == 1) {
                log.warn("delivery of event={} failed (attempt {} of {}), next attempt in {} ms: {}", entry.eventId(),
                        failures, properties.maxRedeliveries() + 1, delayMs, error);
            }
            return;
        }
        Boolean dead = transaction.execute(status -> {
            if (jdbc.update(markDead, row) != 1) {
                return false;
            }
            jdbc.update(insertDeadLetter, row);
            return true;
        });
        if (Boolean.TRUE.equals(dead)) {
            log.warn("dead-lettered event={} after {} attempts: {}", entry.eventId(), failures, error);
        }
    }

    /**
     * The error as operators see it: an ERP's error answer as its status code and reason, anything else as the
     * exception; user-info and query-parameter values of every address in it are masked.
     */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String text;
        if (cause instanceof HttpOperationFailedException http) {
            text = "HTTP " + http.getStatusCode() + (http.getStatusText() == null || http.getStatusText().isBlank()
                    ? "" : " " + http.getStatusText()) + " from " + http.getUri();
        } else {
            text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        text = SecretsInUris.mask(text);
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
