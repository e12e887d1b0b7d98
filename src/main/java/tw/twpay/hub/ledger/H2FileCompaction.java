package tw.twpay.hub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 ledger file from growing without bound. With {@code WRITE_DELAY 0} (see
 * {@link LedgerDurability}) every commit writes a new chunk of the file holding the pages it changed, and the older
 * copies of those pages become garbage; but H2 reclaims that space only in its background writer, which it does not
 * run when the write delay is 0. Without this the file grew by about 30 KB per stored callback (4.5 GB after 130,000
 * notifies) however little data the ledger held. Every {@code twpay.ledger.h2.compact-interval-ms} this rewrites the
 * live pages of mostly-empty chunks (at most {@code compact-write-bytes} per round) so that their space is reused, as
 * H2's background writer would at its default fill rate (90 %). Does nothing on PostgreSQL or an in-memory H2.
 */
@Component
public class H2FileCompaction implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);
    /** H2's own default for its background compaction (AUTO_COMPACT_FILL_RATE). */
    private static final int TARGET_FILL_RATE = 90;

    private final DataSource dataSource;
    private final long intervalMillis;
    private final int writeBytes;
    private ScheduledExecutorService scheduler;
    private volatile MVStore store;

    public H2FileCompaction(DataSource dataSource,
                            @Value("${twpay.ledger.h2.compact-interval-ms:1000}") long intervalMillis,
                            @Value("${twpay.ledger.h2.compact-write-bytes:16777216}") int writeBytes) {
        this.dataSource = dataSource;
        this.intervalMillis = intervalMillis;
        this.writeBytes = writeBytes;
    }

    @Override
    public void start() {
        store = h2FileStore();
        if (store == null || intervalMillis <= 0) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "h2-file-compaction");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::compactOnce, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** One round: rewrites the live pages of chunks below the target fill rate; true when it moved any. */
    boolean compactOnce() {
        MVStore current = store;
        if (current == null || current.isClosed()) {
            return false;
        }
        try {
            return current.compact(TARGET_FILL_RATE, writeBytes);
        } catch (RuntimeException e) {
            if (!current.isClosed()) {
                log.warn("H2 ledger file compaction failed, trying again in {} ms: {}", intervalMillis, e.toString());
            }
            return false;
        }
    }

    /** The H2 database's store when the ledger is an H2 file; null otherwise. */
    private MVStore h2FileStore() {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            if (url == null || !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")
                    || !connection.isWrapperFor(JdbcConnection.class)) {
                return null;
            }
            if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                    && session.getDatabase().getStore() != null) {
                return session.getDatabase().getStore().getMvStore();
            }
            // a client/server H2 (jdbc:h2:tcp:) compacts in its own process
            return null;
        } catch (SQLException e) {
            log.warn("H2 ledger file compaction not started: {}", e.toString());
            return null;
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
