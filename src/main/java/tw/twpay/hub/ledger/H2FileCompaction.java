package tw.twpay.hub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
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
 * notifies) however little data the ledger held. Every {@code twpay.ledger.h2.compact-interval-ms} a round moves the
 * live pages of mostly-empty chunks into new ones so that the old chunks' space is reused:
 * <ul>
 *   <li>when nothing but this job wrote to the file since its last round (an idle ledger), up to
 *       {@code compact-write-bytes} of pages from chunks below 90 % live, H2's own default fill rate;</li>
 *   <li>while callbacks are being stored, only when the chunks H2 may rewrite (older than its retention time) are
 *       less than half live, and at most {@code compact-busy-write-bytes}. Moving a page means reading it back and
 *       writing it again, in the same single file writer the callbacks' commits wait for: compacting at the idle pace
 *       under load cost a fifth of the notify throughput and doubled its p99 (BENCHMARKS.md (c), session 11). H2's
 *       own background writer also compacts far less under load than when idle. What a sustained peak leaves behind
 *       is reclaimed when it is over.</li>
 * </ul>
 * A round stores the pages it moved itself, so that no callback's commit has to write them. Does nothing on
 * PostgreSQL or an in-memory H2.
 */
@Component
public class H2FileCompaction implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);
    /** H2's own default for its background compaction (AUTO_COMPACT_FILL_RATE), applied when the ledger is idle. */
    private static final int IDLE_FILL_RATE = 90;
    /** Under load, the rewritable chunks are compacted only when less than this share of them is live. */
    private static final int BUSY_FILL_RATE = 50;
    /** {@link FileStore#compact}'s own check is against all chunks, young ones included: 100 leaves it to ours. */
    private static final int ANY_CHUNK = 100;

    private final DataSource dataSource;
    private final long intervalMillis;
    private final int writeBytes;
    private final int busyWriteBytes;
    private ScheduledExecutorService scheduler;
    private volatile MVStore store;
    /** The file's write count after this job's last round; another writer since then means the ledger is busy. */
    private long writesAfterLastRound = -1;

    public H2FileCompaction(DataSource dataSource,
                            @Value("${twpay.ledger.h2.compact-interval-ms:1000}") long intervalMillis,
                            @Value("${twpay.ledger.h2.compact-write-bytes:16777216}") int writeBytes,
                            @Value("${twpay.ledger.h2.compact-busy-write-bytes:2097152}") int busyWriteBytes) {
        this.dataSource = dataSource;
        this.intervalMillis = intervalMillis;
        this.writeBytes = writeBytes;
        this.busyWriteBytes = busyWriteBytes;
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

    /** One round: moves the live pages of chunks below the fill rate of the moment, and stores them; true when any. */
    synchronized boolean compactOnce() {
        MVStore current = store;
        if (current == null || current.isClosed()) {
            return false;
        }
        try {
            FileStore<?> file = current.getFileStore();
            boolean idle = file.getWriteCount() == writesAfterLastRound;
            boolean moved = idle ? current.compact(IDLE_FILL_RATE, writeBytes)
                    : busyWriteBytes > 0 && rewritableChunksFillRate(file) < BUSY_FILL_RATE
                            && current.compact(ANY_CHUNK, busyWriteBytes);
            if (moved) {
                current.commit();
            }
            writesAfterLastRound = file.getWriteCount();
            return moved;
        } catch (RuntimeException e) {
            if (!current.isClosed()) {
                log.warn("H2 ledger file compaction failed, trying again in {} ms: {}", intervalMillis, e.toString());
            }
            return false;
        }
    }

    /** How much of the chunks old enough to be rewritten is live, in percent (H2 tells it only with its other figures). */
    private static int rewritableChunksFillRate(FileStore<?> file) {
        int[] fillRate = {100};
        file.populateInfo((name, value) -> {
            if (name.equals("info.CHUNKS_FILL_RATE_RW")) {
                fillRate[0] = Integer.parseInt(value);
            }
        });
        return fillRate[0];
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
