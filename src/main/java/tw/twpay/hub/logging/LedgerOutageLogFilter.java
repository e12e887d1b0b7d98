package tw.twpay.hub.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Marker;

/**
 * Keeps a ledger database outage at the two lines {@code LedgerAvailability} writes. The connection pools (HikariCP:
 * the ledger's and Quartz's own) and Quartz's clustered JDBC job store each report the outage their own way: a WARN
 * per pooled connection when it breaks, "Pool is empty" every minute, the cluster manager's, misfire handler's and
 * scheduler thread's ERRORs with a full stack trace on every try. While the ledger is reported down, their WARN and
 * ERROR lines are dropped; while it is up they are logged, at most one per logger every {@link #BURST_WINDOW}, so the
 * burst at an outage's start (every pooled connection failing at once, before the hub has recorded the outage) is
 * one line and an occasional broken connection is still seen. Other loggers are untouched.
 */
public class LedgerOutageLogFilter extends TurboFilter {

    static final Duration BURST_WINDOW = Duration.ofSeconds(10);
    private static final String[] DATABASE_CLIENTS = {"com.zaxxer.hikari.", "org.quartz."};

    private static volatile boolean ledgerDown;
    private static final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    /** Called by {@code LedgerAvailability} when the outage starts and when it ends. */
    public static void ledgerDown(boolean down) {
        ledgerDown = down;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (!level.isGreaterOrEqual(Level.WARN) || !isDatabaseClient(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (ledgerDown) {
            return FilterReply.DENY;
        }
        if (format == null && t == null) {
            // a level check (isWarnEnabled), not a line
            return FilterReply.NEUTRAL;
        }
        long now = System.nanoTime();
        boolean[] first = new boolean[1];
        lastLogged.compute(logger.getName(), (name, last) -> {
            first[0] = last == null || now - last >= BURST_WINDOW.toNanos();
            return first[0] ? now : last;
        });
        return first[0] ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    private static boolean isDatabaseClient(String loggerName) {
        for (String prefix : DATABASE_CLIENTS) {
            if (loggerName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
