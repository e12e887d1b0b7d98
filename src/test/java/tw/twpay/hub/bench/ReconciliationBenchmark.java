package tw.twpay.hub.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.TwpayHubApplication;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.delivery.NodeIdentity;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.reconciliation.LedgerSide;
import tw.twpay.hub.reconciliation.ReconciliationEngine;
import tw.twpay.hub.reconciliation.ReconciliationItems;
import tw.twpay.hub.reconciliation.ReconciliationProperties;
import tw.twpay.hub.reconciliation.ReconciliationRun;
import tw.twpay.hub.reconciliation.ReconciliationRuns;
import tw.twpay.hub.reconciliation.ReconciliationSummaries;
import tw.twpay.hub.reconciliation.RunTrigger;
import tw.twpay.hub.reconciliation.SettlementRecord;
import tw.twpay.hub.reconciliation.SettlementSource;
import tw.twpay.hub.reconciliation.SettlementSources;
import tw.twpay.hub.reconciliation.SettlementStream;
import tw.twpay.hub.reconciliation.SettlementWindow;
import tw.twpay.hub.support.EmbeddedLedgerPostgres;

/**
 * BENCHMARKS.md (c): one reconciliation run of N generated gateway records against a ledger of N generated orders,
 * on H2 (file) or an embedded PostgreSQL, inside a heap of 512 MB. Not a JUnit test; run from the project directory:
 *
 * <pre>
 * mvn -q -o -Dbuild.dir=target-recon test-compile dependency:build-classpath -Dmdep.outputFile=target-recon/cp.txt
 * java -Xmx512m -cp target-recon/classes:target-recon/test-classes:$(cat target-recon/cp.txt) \
 *     tw.twpay.hub.bench.ReconciliationBenchmark h2 1000000
 * </pre>
 *
 * <p>The ledger is written straight into {@code ledger_order} with JDBC batches (set-up, not measured). The gateway
 * side is generated while it is read, in a scrambled order (record i is order (i × 7919) mod N), never held in
 * memory. Of every 1,000 orders: one has another amount at the gateway (AMOUNT_MISMATCH), one is captured at the
 * gateway but only authorised in the ledger (STATUS_BEHIND, repaired), one gateway record names an order the
 * ledger lacks (MISSING_IN_LEDGER, repaired; its ledger twin is then MISSING_AT_GATEWAY). Exits 1 when the counts
 * per kind differ from that.
 */
public final class ReconciliationBenchmark {

    private static final String MERCHANT = "shop";
    private static final long SCRAMBLE = 7919;

    private ReconciliationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "h2";
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path work = Files.createTempDirectory("twpay-recon-bench");
        EmbeddedLedgerPostgres postgres = null;
        List<String> hubArgs = new ArrayList<>(List.of("--server.port=0", "--twpay.delivery.enabled=false",
                "--twpay.reconciliation.watch-folder=false", "--twpay.reconciliation.cron=0 0 0 1 1 ? 2099",
                "--twpay.reconciliation.recovery-cron=0 0 0 1 1 ? 2099",
                "--twpay.providers.newebpay.missed-notify-cron=0 0 0 1 1 ? 2099",
                "--twpay.reconciliation.settlement-files=" + work.resolve("files"),
                "--logging.level.tw.twpay.hub.ledger.LedgerAppender=WARN"));
        if (database.equals("postgres")) {
            postgres = EmbeddedLedgerPostgres.start();
            hubArgs.addAll(postgres.hubArguments("twpay-hub-bench"));
        } else {
            // the embedded default's H2 file (config/application.yaml's URL) under the benchmark's folder
            hubArgs.add("--twpay.data-dir=" + work.resolve("data"));
        }
        for (int i = 2; i < args.length; i++) {
            hubArgs.add(args[i]);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TwpayHubApplication.class)
                .run(hubArgs.toArray(String[]::new));
        int exit;
        try {
            exit = run(context, database, orders, postgres == null ? null : new ServerCpu(postgres.port()));
        } finally {
            context.close();
            if (postgres != null) {
                postgres.close();
            }
        }
        System.exit(exit);
    }

    private static int run(ConfigurableApplicationContext context, String database, int orders, ServerCpu server) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Clock clock = context.getBean(Clock.class);
        LocalDate day = LocalDate.now(SettlementWindow.BUSINESS_ZONE).minusDays(1);
        SettlementWindow window = SettlementWindow.day(ProviderId.NEWEBPAY, MERCHANT, day);

        long setUp = System.nanoTime();
        generateLedger(jdbc, context.getBean(TransactionTemplate.class), window, orders);
        // a ledger in use has its statistics (autovacuum); one loaded a moment ago has none, and PostgreSQL's plan for
        // the chunk's look-up then scans the merchant's orders instead of the trade-id index
        jdbc.execute("analyze");
        System.out.printf("ledger: %,d orders written in %.1f s%n", orders, seconds(setUp));

        ReconciliationProperties configured = context.getBean(ReconciliationProperties.class);
        SettlementSources sources = new SettlementSources(List.of(new GeneratedGateway(orders)));
        ReconciliationRuns runs = context.getBean(ReconciliationRuns.class);
        ReconciliationEngine engine = new ReconciliationEngine(runs, context.getBean(ReconciliationItems.class),
                context.getBean(LedgerSide.class), context.getBean(LedgerAppender.class), sources,
                context.getBean(ReconciliationSummaries.class), configured, new NodeIdentity("bench"), clock);
        String runId = runs.create(window, GeneratedGateway.NAME, null, RunTrigger.API, OffsetDateTime.now(clock));

        System.gc();
        HeapSampler heap = new HeapSampler();
        heap.start();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long processCpuStarted = processCpuNanos();
        long serverCpuStarted = server == null ? 0 : server.nanos();
        long gcStarted = gcMillis();
        long started = System.nanoTime();
        engine.run(runId);
        double elapsed = seconds(started);
        // H2 runs on the calling thread: its CPU time is the run's work, whatever else the machine is doing
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        // the whole hub process (GC and JIT threads included), and PostgreSQL's server processes
        double processCpu = (processCpuNanos() - processCpuStarted) / 1e9;
        double serverCpu = server == null ? 0 : (server.nanos() - serverCpuStarted) / 1e9;
        double gc = (gcMillis() - gcStarted) / 1e3;
        long peakHeap = heap.stopAndPeak();

        ReconciliationRun run = runs.require(runId);
        Map<String, Long> kinds = new java.util.TreeMap<>();
        jdbc.query("select kind, count(*) as n from reconciliation_item where run_id = ? group by kind",
                rs -> {
                    kinds.put(rs.getString("kind"), rs.getLong("n"));
                }, runId);
        long thousandths = orders / 1000;
        Map<String, Long> expected = Map.of("MATCHED", (long) orders - 3 * thousandths, "AMOUNT_MISMATCH", thousandths,
                "STATUS_BEHIND", thousandths, "MISSING_IN_LEDGER", thousandths, "MISSING_AT_GATEWAY", thousandths);
        System.out.printf("database=%s orders=%,d gateway records=%,d chunk=%d%n", database, orders,
                run.progress().recordsRead(), configured.chunkSize());
        System.out.printf("run %s: %s in %.1f s (%,.0f records/s), peak heap in use %,d MB of max %,d MB%n", runId,
                run.state(), elapsed, run.progress().recordsRead() / elapsed, peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("CPU time of the running thread %.1f s, of the hub process %.1f s, of the PostgreSQL server"
                        + " %.1f s; %.1f µs CPU per record (process + server); GC time %.1f s, load average %s%n", cpu,
                processCpu, serverCpu, (processCpu + serverCpu) * 1e6 / run.progress().recordsRead(), gc,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("items per kind: " + kinds);
        boolean ok = run.state().name().equals("DONE") && kinds.equals(new java.util.TreeMap<>(expected));
        System.out.println(ok ? "counts as expected" : "UNEXPECTED counts, expected " + new java.util.TreeMap<>(expected));
        return ok ? 0 : 1;
    }

    /** Order i: B{i}, trade T{i}, TWD 100 + i % 900, CAPTURED (AUTHORIZED when i % 1000 == 1). */
    private static void generateLedger(JdbcTemplate jdbc, TransactionTemplate transaction, SettlementWindow window,
                                       int orders) {
        String sql = "insert into ledger_order (provider, merchant, order_no, merchant_id, provider_trade_id, status, "
                + "amount_value, currency, method, created_by_hub, last_event_id, created_at, updated_at) "
                + "values ('NEWEBPAY', ?, ?, 'MS-SANDBOX-NDNF', ?, ?, ?, 'TWD', 'CREDIT', true, 'bench', ?, ?)";
        Timestamp createdAt = Timestamp.from(window.start().plusHours(12).toInstant());
        int batch = 5000;
        for (int from = 0; from < orders; from += batch) {
            List<Object[]> rows = new ArrayList<>(batch);
            for (int i = from; i < Math.min(orders, from + batch); i++) {
                rows.add(new Object[] {MERCHANT, "B" + i, "T" + i, i % 1000 == 1 ? "AUTHORIZED" : "CAPTURED",
                        100 + i % 900, createdAt, createdAt});
            }
            // one transaction per batch: in autocommit H2 writes its file once per row
            transaction.executeWithoutResult(status -> jdbc.batchUpdate(sql, rows));
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the embedded PostgreSQL: its postmaster (found by its port) and the backends under it. */
    private static final class ServerCpu {
        private final ProcessHandle postmaster;

        ServerCpu(int port) {
            this.postmaster = ProcessHandle.allProcesses()
                    .filter(process -> process.info().arguments().map(List::of)
                            .map(arguments -> arguments.contains("-p") && arguments.contains(Integer.toString(port))
                                    && process.info().command().orElse("").endsWith("postgres"))
                            .orElse(false))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no postmaster on port " + port));
        }

        long nanos() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.descendants())
                    .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                    .sum();
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionTime()))
                .sum();
    }

    /** The most heap in use (live and not yet collected) seen every 50 ms while the run runs. */
    private static final class HeapSampler extends Thread {
        private volatile boolean running = true;
        private volatile long peak;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long stopAndPeak() {
            running = false;
            return peak;
        }
    }

    /** The gateway's books, generated one record at a time in a scrambled order. */
    private static final class GeneratedGateway implements SettlementSource {
        static final String NAME = "bench-generated";
        private final int orders;

        GeneratedGateway(int orders) {
            this.orders = orders;
        }

        @Override
        public ProviderId provider() {
            return ProviderId.NEWEBPAY;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Coverage coverage() {
            return Coverage.EVERY_TRADE;
        }

        @Override
        public Set<String> scheduledMerchants() {
            return Set.of();
        }

        @Override
        public boolean serves(String merchant) {
            return true;
        }

        @Override
        public SettlementStream open(SettlementWindow window, Path input) {
            OffsetDateTime time = window.start().plusHours(13);
            return SettlementStream.of(new Iterator<>() {
                private long next;

                @Override
                public boolean hasNext() {
                    return next < orders;
                }

                @Override
                public SettlementRecord next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int i = (int) ((next++ * SCRAMBLE) % orders);
                    long amount = 100 + i % 900;
                    return switch (i % 1000) {
                        case 0 -> record("T" + i, "B" + i, amount + 1, time);
                        case 2 -> record("X" + i, "X" + i, amount, time);
                        default -> record("T" + i, "B" + i, amount, time);
                    };
                }
            });
        }

        private static SettlementRecord record(String trade, String order, long amount, OffsetDateTime time) {
            return SettlementRecord.reported(trade, order, PaymentStatus.CAPTURED, Money.twd(amount), time,
                    "MS-SANDBOX-NDNF", "SETTLED", null);
        }
    }
}
