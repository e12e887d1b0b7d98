package tw.twpay.hub.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import tw.twpay.hub.ledger.H2FileCompaction;
import tw.twpay.hub.ledger.H2JournalFiles;

/**
 * How big the embedded ledger's H2 file grows under a steady stream of durable commits, and how much of it
 * {@link H2FileCompaction} gives back once the stream stops (BENCHMARKS.md (c), session 11). H2 alone, no hub: one
 * thread commits one 2 KB journal row at a time ({@code WRITE_DELAY=0}, H2's default retention time of 45 s) at a
 * fixed rate for a while, then the ledger stays idle; the file's size, H2's own fill figures and the compaction
 * thread's CPU are printed every ten seconds.
 *
 * <pre>
 * java -cp target-load/classes:target-load/test-classes:$(cat target-load/cp.txt) \
 *     tw.twpay.hub.bench.H2FileGrowthBenchmark 100 180 60
 * </pre>
 *
 * <p>Arguments: commits per second, seconds of load, seconds of idle after it; then optionally the compaction's
 * interval, idle and busy write bytes (as {@code twpay.ledger.h2.compact-*}; interval 0 turns it off).
 */
public final class H2FileGrowthBenchmark {

    private H2FileGrowthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int perSecond = Integer.parseInt(args[0]);
        int loadSeconds = Integer.parseInt(args[1]);
        int idleSeconds = Integer.parseInt(args[2]);
        long interval = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        int writeBytes = args.length > 4 ? Integer.parseInt(args[4]) : 16 << 20;
        int busyWriteBytes = args.length > 5 ? Integer.parseInt(args[5]) : 2 << 20;

        Path directory = Files.createTempDirectory("twpay-h2-growth");
        JdbcDataSource file = H2JournalFiles.fileDatabase(directory, "ledger", "");
        H2FileCompaction compaction = new H2FileCompaction(file, interval, writeBytes, busyWriteBytes);
        System.out.printf(Locale.ROOT, "H2FileGrowthBenchmark: %d commits/s of one 2 KB row for %d s, then %d s idle;"
                + " compaction every %d ms, %d bytes idle, %d bytes busy%n", perSecond, loadSeconds, idleSeconds,
                interval, writeBytes, busyWriteBytes);
        try (Connection connection = file.getConnection()) {
            H2JournalFiles.createJournal(connection);
            compaction.start();
            long start = System.nanoTime();
            long nextReport = 10;
            int committed = 0;
            while (true) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (elapsed >= loadSeconds + idleSeconds) {
                    break;
                }
                if (elapsed >= nextReport) {
                    report(connection, directory, nextReport, committed, elapsed < loadSeconds);
                    nextReport += 10;
                }
                if (elapsed < loadSeconds && committed < elapsed * perSecond) {
                    H2JournalFiles.commitRows(connection, committed, 1, 2000, 1_000_003);
                    committed++;
                } else {
                    // pacing of the load generator, and the idle phase
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            }
            report(connection, directory, loadSeconds + idleSeconds, committed, false);
        } finally {
            compaction.stop();
            try (var files = Files.list(directory)) {
                files.forEach(path -> path.toFile().delete());
            }
            Files.deleteIfExists(directory);
        }
    }

    private static void report(Connection connection, Path directory, long second, int committed, boolean loaded)
            throws Exception {
        Map<String, Long> figures = H2JournalFiles.fileFigures(connection);
        long compactionCpu = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("h2-file-compaction")) {
                compactionCpu = ManagementFactory.getThreadMXBean().getThreadCpuTime(
                        thread.getId()) / 1_000_000;
            }
        }
        System.out.printf(Locale.ROOT, "%4d s %-6s rows %7d (%6.1f MB of rows)  file %7.1f MB  chunks %3d %% live"
                        + " (older than 45 s: %3d %%)  compaction CPU %6d ms%n", second, loaded ? "load" : "idle",
                committed, committed * 2.0 / 1024, Files.size(directory.resolve("ledger.mv.db")) / 1048576.0,
                figures.get("info.CHUNKS_FILL_RATE"), figures.get("info.CHUNKS_FILL_RATE_RW"), compactionCpu);
    }
}
