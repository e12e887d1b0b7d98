package tw.twpay.hub.ledger;

import jakarta.annotation.PreDestroy;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tw.twpay.hub.logging.LedgerOutageLogFilter;
import tw.twpay.hub.logging.SecretsInUris;

/**
 * Whether the ledger database can be reached, as the hub's own work finds out. When it cannot, the outbox poller and
 * the scheduled jobs rest for a back-off that doubles with every failed try (from {@code twpay.outage.first-backoff}
 * up to {@code twpay.outage.max-backoff}) instead of failing in a loop; the outage is logged once when it starts and
 * once when the database answers again, never a stack trace per try (nor the connection pools' and Quartz's own lines
 * about it: {@link LedgerOutageLogFilter}). Callbacks still try (a gateway retries a 503), and the connection pool
 * reconnects by itself, so no restart is needed.
 */
@Component("ledgerAvailability")
public class LedgerAvailability {

    private static final Logger log = LoggerFactory.getLogger(LedgerAvailability.class);

    private final long firstBackoffNanos;
    private final long maxBackoffNanos;

    private volatile boolean down;
    private int failedTries;
    private long downSince;
    private volatile long restUntil;

    public LedgerAvailability(@Value("${twpay.outage.first-backoff:PT1S}") Duration firstBackoff,
                              @Value("${twpay.outage.max-backoff:PT30S}") Duration maxBackoff) {
        this.firstBackoffNanos = firstBackoff.toNanos();
        this.maxBackoffNanos = Math.max(maxBackoff.toNanos(), firstBackoffNanos);
    }

    /** Whether scheduled work should skip this run: the database was unreachable and the back-off is not over. */
    public boolean resting() {
        return down && System.nanoTime() - restUntil < 0;
    }

    public boolean isDown() {
        return down;
    }

    /** Work reached the database: ends an outage (one log line). Cheap when there was none. */
    public void reached() {
        if (!down) {
            return;
        }
        synchronized (this) {
            if (!down) {
                return;
            }
            down = false;
            LedgerOutageLogFilter.ledgerDown(false);
            log.warn("ledger database reachable again after {} s ({} failed tries); scheduled jobs and delivery resume",
                    Duration.ofNanos(System.nanoTime() - downSince).toSeconds(), failedTries);
            failedTries = 0;
        }
    }

    /** A hub that stops during an outage leaves the logging of whatever runs next in the JVM as it was. */
    @PreDestroy
    void stopped() {
        if (down) {
            LedgerOutageLogFilter.ledgerDown(false);
        }
    }

    /** Camel predicate (onWhen): the exchange failed because the ledger database cannot be reached. */
    public boolean failedForOutage(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return isOutage(caught != null ? caught : exchange.getException());
    }

    /** Camel step: records the outage of a failed exchange (see {@link #failedForOutage(Exchange)}). */
    public void recordOutage(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        failedToReach(caught != null ? caught : exchange.getException());
    }

    /** A try failed to reach the database: starts (one log line) or prolongs the outage and its back-off. */
    public synchronized void failedToReach(Throwable cause) {
        failedTries++;
        long backoff = firstBackoffNanos << Math.min(failedTries - 1, 20);
        restUntil = System.nanoTime() + Math.min(backoff <= 0 ? maxBackoffNanos : backoff, maxBackoffNanos);
        if (!down) {
            down = true;
            downSince = System.nanoTime();
            LedgerOutageLogFilter.ledgerDown(true);
            log.error("ledger database unreachable ({}): callbacks answer 503, the outbox poller and scheduled jobs back"
                    + " off up to {} s until it answers again", describe(cause), maxBackoffNanos / 1_000_000_000);
        }
    }

    /** Whether the failure means the database cannot be reached (rather than a statement that failed). */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessResourceException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            // the connection broke inside a transaction: the rollback failed too and hides the original failure
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure && isOutage(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception, standard), PostgreSQL 57P01-57P03 (server shutting down, crashed,
     * not accepting connections yet), H2 90067 (connection broken) and 90098 (database closed).
     */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0") || state.equals("90067")
                || state.equals("90098"));
    }

    private static String describe(Throwable failure) {
        if (failure instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
            failure = rollback.getApplicationException();
        }
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        return deepest == null ? "unknown cause" : SecretsInUris.mask(deepest.getClass().getSimpleName() + ": "
                + deepest.getMessage());
    }
}
