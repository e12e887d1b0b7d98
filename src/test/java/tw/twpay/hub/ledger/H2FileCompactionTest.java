package tw.twpay.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded ledger file with {@code WRITE_DELAY 0} writes a chunk per commit and H2 itself never reclaims the old
 * ones: the same commits grow the file several times as much without {@link H2FileCompaction} as with it.
 */
class H2FileCompactionTest {

    private static final int COMMITS = 10_000;

    @TempDir
    Path directory;

    @Test
    void commitsOneByOneKeepTheFileSmallOnlyWithCompaction() throws Exception {
        long without = fileSizeAfterCommits("plain", false);
        long with = fileSizeAfterCommits("compacted", true);

        // about 15 KB per commit without (H2 2.3), most of which compaction lets the next chunks reuse (one sixth of
        // the file is left with it)
        assertThat(without).isGreaterThan(COMMITS * 10_000L);
        assertThat(with).isLessThan(without / 2);
    }

    @Test
    void underLoadARoundMovesLittleAndOnlyFromMostlyEmptyChunksWhileAnIdleLedgerIsCompactedAtOnce() throws Exception {
        JdbcDataSource file = H2JournalFiles.fileDatabase(directory, "paced", ";RETENTION_TIME=0");
        H2FileCompaction compaction = new H2FileCompaction(file, 0, 16 << 20, 64 << 10);
        try (Connection connection = file.getConnection()) {
            H2JournalFiles.createJournal(connection);
            compaction.start();
            commitRows(connection, 0, 2_000);

            // callbacks were stored since the last round: a busy round, a small one
            long before = writtenBytes(connection);
            assertThat(compaction.compactOnce()).isTrue();
            long busyRound = writtenBytes(connection) - before;
            // the pages it moved are in the file: no callback's commit is left to write them
            assertThat(mvStore(connection).hasUnsavedChanges()).isFalse();

            // nothing but the compaction wrote since: idle, everything below 90 % live is compacted at once
            before = writtenBytes(connection);
            assertThat(compaction.compactOnce()).isTrue();
            long idleRound = writtenBytes(connection) - before;
            assertThat(mvStore(connection).hasUnsavedChanges()).isFalse();

            assertThat(busyRound).isLessThan(256 << 10);
            assertThat(idleRound).isGreaterThan(4 * busyRound);

            // busy again, but the file is mostly live: nothing to do
            commitRows(connection, 2_000, 5);
            assertThat(compaction.compactOnce()).isFalse();
        } finally {
            compaction.stop();
        }
    }

    @Test
    void aFileDatabaseIsCompactedOnATimer() throws Exception {
        JdbcDataSource file = H2JournalFiles.fileDatabase(directory, "timer", "");
        H2FileCompaction compaction = new H2FileCompaction(file, 50, 1 << 20, 1 << 20);
        try (Connection open = file.getConnection()) {
            compaction.start();
            assertThat(compaction.isRunning()).isTrue();
        } finally {
            compaction.stop();
        }
        assertThat(compaction.isRunning()).isFalse();
    }

    @Test
    void anInMemoryDatabaseHasNoFileToCompact() {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:compaction-" + System.nanoTime());
        H2FileCompaction compaction = new H2FileCompaction(memory, 10, 1 << 20, 1 << 20);
        compaction.start();
        assertThat(compaction.isRunning()).isFalse();
        assertThat(compaction.compactOnce()).isFalse();
    }

    private long fileSizeAfterCommits(String name, boolean compacted) throws Exception {
        // no retention, so that a chunk's space may be reused within the test (H2 keeps old chunks 45 s); with a short
        // one (200 ms) how much was reusable depended on how fast the machine committed, and a busy run came out
        // just above half
        JdbcDataSource file = H2JournalFiles.fileDatabase(directory, name, ";RETENTION_TIME=0");
        // rounds run by the test every 100 commits rather than by the timer, so that a busy machine cannot skip them
        H2FileCompaction compaction = new H2FileCompaction(file, 0, 16 << 20, 16 << 20);
        try (Connection connection = file.getConnection()) {
            H2JournalFiles.createJournal(connection);
            compaction.start();
            for (int i = 0; i < COMMITS; i += 100) {
                commitRows(connection, i, 100);
                if (compacted) {
                    compaction.compactOnce();
                }
            }
            return Files.size(directory.resolve(name + ".mv.db"));
        } finally {
            compaction.stop();
        }
    }

    /** One commit per row of about 1.5 KB. */
    private static void commitRows(Connection connection, int from, int count) throws Exception {
        H2JournalFiles.commitRows(connection, from, count, 1500, COMMITS);
    }

    private static long writtenBytes(Connection connection) throws Exception {
        return H2JournalFiles.fileFigures(connection).get("info.FILE_WRITE_BYTES");
    }

    private static MVStore mvStore(Connection connection) throws Exception {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                .getMvStore();
    }
}
