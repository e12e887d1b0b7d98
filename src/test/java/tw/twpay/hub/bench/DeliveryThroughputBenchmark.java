package tw.twpay.hub.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.TwpayHubApplication;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.support.TestFacts;

/**
 * Benchmark (f) of BENCHMARKS.md: how fast the outbox drains to an ERP that takes a fixed time to answer, for each
 * {@code twpay.delivery.concurrency}. A backlog of events (one order each, as after an ERP outage) is queued with the
 * poller stopped; then the poller is started and timed until every event is recorded as delivered. A first backlog
 * of 3,000 is drained untimed before, so the JIT has compiled the delivery path. The ERP is a JDK
 * HTTP server on loopback whose every answer (204) comes after {@code erp-answer-ms}; it counts what it received, so
 * an event delivered twice shows.
 *
 * <p>Not a JUnit test; run from the project directory (the hub reads {@code config/} and {@code routes/}):
 *
 * <pre>
 * mvn -q -o -Dbuild.dir=target-load test-compile dependency:build-classpath -Dmdep.outputFile=target-load/cp.txt
 * java -Xms1g -Xmx1g -cp target-load/classes:target-load/test-classes:$(cat target-load/cp.txt) \
 *     tw.twpay.hub.bench.DeliveryThroughputBenchmark 5000 10 1,8,32
 * </pre>
 *
 * <p>Arguments: events in the backlog, the ERP's answer time in ms, the concurrencies to measure (one hub each, on a
 * fresh H2 file). Exits 1 when an event was not delivered exactly once.
 */
public final class DeliveryThroughputBenchmark {

    private static final int QUEUED_PER_TRANSACTION = 500;
    private static final int WARM_UP_EVENTS = 3000;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int answerMs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String[] levels = (args.length > 2 ? args[2] : "1,8,32").split(",");

        Erp erp = new Erp(answerMs);
        boolean ok = true;
        List<String> rows = new ArrayList<>();
        try {
            for (String level : levels) {
                int concurrency = Integer.parseInt(level.trim());
                Path work = Files.createTempDirectory("twpay-delivery-bench");
                try {
                    Result result = measure(work, erp, events, concurrency);
                    rows.add(result.row(events, answerMs, concurrency));
                    ok &= result.exactlyOnce();
                } finally {
                    deleteQuietly(work);
                }
            }
        } finally {
            erp.close();
        }
        System.out.println();
        System.out.println("| events | ERP answer | concurrency | drained in | events/s | received | distinct |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        System.out.println(ok ? "ALL OK" : "FAILED: an event was not delivered exactly once");
        System.exit(ok ? 0 : 1);
    }

    private static Result measure(Path work, Erp erp, int events, int concurrency) throws Exception {
        erp.reset();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(TwpayHubApplication.class).run(
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.tw.twpay=WARN",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("bench")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64",
                "--twpay.delivery.enabled=false",
                "--twpay.delivery.uri=http://127.0.0.1:" + erp.port() + "/erp/events",
                "--twpay.delivery.concurrency=" + concurrency,
                "--camel.component.http.connections-per-route=" + Math.max(20, concurrency))) {
            LedgerAppender ledger = hub.getBean(LedgerAppender.class);
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            CamelContext camel = hub.getBean(CamelContext.class);

            // warm-up: a first backlog drained untimed, so the JIT has compiled the delivery path
            queue(ledger, WARM_UP_EVENTS);
            camel.getRouteController().startRoute("outbox-poller");
            drain(erp, WARM_UP_EVENTS, jdbc);
            camel.getRouteController().stopRoute("outbox-poller");
            queue(ledger, events);
            erp.reset();

            long started = System.nanoTime();
            camel.getRouteController().startRoute("outbox-poller");
            drain(erp, events, jdbc);
            long elapsed = System.nanoTime() - started;
            Result result = new Result(elapsed, erp.received(), erp.distinct());
            System.out.printf(Locale.ROOT, "concurrency=%d: %s%n", concurrency, result.row(events, erp.answerMs,
                    concurrency));
            return result;
        }
    }

    /** The backlog: one event per order, queued in transactions of a few hundred (not timed). */
    private static void queue(LedgerAppender ledger, int events) {
        String run = Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
        List<LedgerFact> chunk = new ArrayList<>(QUEUED_PER_TRANSACTION);
        for (int i = 0; i < events; i++) {
            chunk.add(TestFacts.payment("DTB-" + run + "-" + i, PaymentStatus.AUTHORIZED));
            if (chunk.size() == QUEUED_PER_TRANSACTION || i == events - 1) {
                ledger.appendAll(chunk);
                chunk.clear();
            }
        }
    }

    /**
     * Waits until the ERP has received this many deliveries, then until the outbox holds no pending event (the
     * delivery records of the last batch). The database is only asked at the end: counting rows every few
     * milliseconds through the whole drain took a third of a core away from the hub.
     */
    private static void drain(Erp erp, long received, JdbcTemplate jdbc) throws InterruptedException {
        while (erp.received() < received) {
            Thread.sleep(10);
        }
        while (jdbc.queryForObject("select count(*) from outbox where status = 'PENDING'", Integer.class) > 0) {
            Thread.sleep(10);
        }
    }

    private record Result(long elapsedNanos, long received, int distinct) {

        boolean exactlyOnce() {
            return received == distinct;
        }

        String row(int events, int answerMs, int concurrency) {
            double seconds = elapsedNanos / 1e9;
            return String.format(Locale.ROOT, "| %d | %d ms | %d | %.1f s | **%.0f** | %d | %d |", events, answerMs,
                    concurrency, seconds, events / seconds, received, distinct);
        }
    }

    /** An ERP on loopback that answers every delivery with 204 after a fixed time. */
    private static final class Erp implements AutoCloseable {

        private final int answerMs;
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(128);
        private final Set<String> ids = ConcurrentHashMap.newKeySet();
        private final AtomicLong received = new AtomicLong();

        Erp(int answerMs) throws IOException {
            this.answerMs = answerMs;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.createContext("/erp/events", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    body.readAllBytes();
                }
                received.incrementAndGet();
                ids.add(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")));
                try {
                    // the ERP's answer time (a pause, not work: it takes no CPU)
                    Thread.sleep(answerMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(threads);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void reset() {
            ids.clear();
            received.set(0);
        }

        long received() {
            return received.get();
        }

        int distinct() {
            return ids.size();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
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
