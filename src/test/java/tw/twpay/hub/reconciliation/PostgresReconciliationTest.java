package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.delivery.NodeIdentity;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.support.EmbeddedLedgerPostgres;
import tw.twpay.hub.support.HubTest;

/**
 * Reconciliation on PostgreSQL shared by two nodes (two engines and schedules with their own node identities on
 * one database, which is all the nodes share): the daily job starts one run per merchant and day however many
 * nodes fire it, a run whose node stopped is taken over and finished by the other without a repair applied twice,
 * and a failed scheduled run is retried after its back-off while a failed API run is not.
 */
@HubTest
// the hub goes with its PostgreSQL: a cached context would keep its clustered Quartz asking a stopped server
@org.springframework.test.annotation.DirtiesContext
class PostgresReconciliationTest {

    static final EmbeddedLedgerPostgres postgres = EmbeddedLedgerPostgres.start();
    private static final AtomicInteger DAYS = new AtomicInteger(100);

    @DynamicPropertySource
    static void ledgerOnPostgres(DynamicPropertyRegistry registry) {
        // Quartz clustered on the same PostgreSQL, as in the production profile
        postgres.register(registry, "twpay-hub-reconciliation");
        registry.add("twpay.delivery.enabled", () -> "false");
        // the hub's own recovery poll stays out of the way of the nodes this test drives by hand
        registry.add("twpay.reconciliation.recovery-cron", () -> "0 0 0 1 1 ? 2099");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    ReconciliationApi api;
    @Autowired
    LedgerAppender appender;
    @Autowired
    ReconciliationRuns runs;
    @Autowired
    ReconciliationItems items;
    @Autowired
    LedgerSide ledger;
    @Autowired
    ReconciliationSummaries summaries;
    @Autowired
    ReconciliationProperties configured;
    @Autowired
    Clock clock;

    /**
     * A run that waits for its retry (or still runs) lists its discrepancies again from the top when it runs: a
     * resolution written on one now would be dropped with it, and the discrepancy come back unresolved. Such a run's
     * discrepancies are refused (409) until it is DONE.
     */
    @Test
    void aDiscrepancyOfARunThatWillListItsItemsAgainIsNotResolvedUntilTheRunIsDone() {
        String runId = java.util.UUID.randomUUID().toString();
        jdbc.update("insert into reconciliation_run (id, provider, merchant, window_from, window_to, source,"
                + " trigger_kind, state, attempts, next_attempt_at, records_read, matched, repaired, discrepancies,"
                + " created_at, last_error) values (?, 'NEWEBPAY', 'shop', date '2026-01-06', date '2026-01-06',"
                + " 'newebpay-query', 'SCHEDULE', 'FAILED', 1, current_timestamp + interval '1 hour', 1, 0, 0, 1,"
                + " current_timestamp, 'gateway unreachable')", runId);
        jdbc.update("insert into reconciliation_item (run_id, kind, order_no) values (?, 'AMOUNT_MISMATCH',"
                + " 'RESOLVE_RETRIED')", runId);
        String itemId = String.valueOf(jdbc.queryForObject("select id from reconciliation_item where run_id = ?",
                Long.class, runId));
        String resolution = "{\"resolvedBy\":\"finance.lin\",\"note\":\"booked\"}";

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.resolve(runId, itemId, resolution))
                .isInstanceOfSatisfying(tw.twpay.hub.web.RejectedRequestException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.getMessage()).contains("tried again", "DONE");
                });
        jdbc.update("update reconciliation_run set state = 'RUNNING', next_attempt_at = null where id = ?", runId);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.resolve(runId, itemId, resolution))
                .isInstanceOfSatisfying(tw.twpay.hub.web.RejectedRequestException.class,
                        refused -> assertThat(refused.status()).isEqualTo(409));
        assertThat(jdbc.queryForObject("select resolved_by from reconciliation_item where id = ?", String.class,
                Long.parseLong(itemId))).isNull();

        jdbc.update("update reconciliation_run set state = 'DONE' where id = ?", runId);
        assertThat(api.resolve(runId, itemId, resolution).resolution().resolvedBy()).isEqualTo("finance.lin");
    }

    /**
     * Two people resolve one discrepancy at once: both read it unresolved, the second's write finds it resolved by
     * the first. The second is told so (409, naming who resolved it), not answered a 500.
     */
    @Test
    void aDiscrepancyResolvedByTwoPeopleAtOnceIsResolvedByTheFirstAndTheSecondIsTold() throws Exception {
        String runId = java.util.UUID.randomUUID().toString();
        jdbc.update("insert into reconciliation_run (id, provider, merchant, window_from, window_to, source,"
                + " trigger_kind, state, attempts, records_read, matched, repaired, discrepancies, created_at)"
                + " values (?, 'NEWEBPAY', 'shop', date '2026-01-05', date '2026-01-05', 'newebpay-query', 'API',"
                + " 'DONE', 1, 1, 0, 0, 1, current_timestamp)", runId);
        jdbc.update("insert into reconciliation_item (run_id, kind, order_no) values (?, 'AMOUNT_MISMATCH',"
                + " 'RESOLVE_RACE')", runId);
        long itemId = jdbc.queryForObject("select id from reconciliation_item where run_id = ?", Long.class, runId);
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (java.sql.Connection first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            try (var resolve = first.prepareStatement("update reconciliation_item set resolved_at = current_timestamp,"
                    + " resolved_by = 'finance.chen', resolution_note = 'booked' where id = ?")) {
                resolve.setLong(1, itemId);
                resolve.executeUpdate();
            }
            // the first resolution is written, not yet committed: the second reads the item unresolved
            Future<ReconciliationItem> secondResolution = second.submit(() ->
                    items.resolve(runId, itemId, "finance.lin", "also booked", OffsetDateTime.now(clock)));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query like 'update reconciliation_item%'", Integer.class) > 0);
            first.commit();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> secondResolution.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(tw.twpay.hub.web.RejectedRequestException.class)
                    .cause().satisfies(refused -> {
                        assertThat(((tw.twpay.hub.web.RejectedRequestException) refused).status()).isEqualTo(409);
                        assertThat(refused.getMessage()).contains("finance.chen");
                    });
        } finally {
            second.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select resolved_by from reconciliation_item where id = ?", String.class,
                itemId)).isEqualTo("finance.chen");
    }

    @Test
    void theDailyJobIsInTheClusteredStoreInTaipeiTimeAndStartsOneRunPerMerchantAndDayOnTwoNodes() throws Exception {
        assertThat(jdbc.queryForList("select time_zone_id from qrtz_cron_triggers where cron_expression = ?",
                String.class, configured.cron())).containsExactly("Asia/Taipei");
        SettlementSources sources = new SettlementSources(List.of(new ListedSource("test-daily", List.of())));
        ReconciliationSchedule nodeA = new ReconciliationSchedule(sources, runs, configured, clock);
        ReconciliationSchedule nodeB = new ReconciliationSchedule(sources, runs, configured, clock);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> a = nodes.submit(() -> {
                together.await();
                return nodeA.startPreviousDay();
            });
            Future<List<String>> b = nodes.submit(() -> {
                together.await();
                return nodeB.startPreviousDay();
            });
            List<String> started = new ArrayList<>(a.get(30, TimeUnit.SECONDS));
            started.addAll(b.get(30, TimeUnit.SECONDS));
            assertThat(started).hasSize(2); // shop and shop-2, once each
        } finally {
            nodes.shutdownNow();
        }
        assertThat(nodeA.startPreviousDay()).isEmpty();
        LocalDate yesterday = LocalDate.now(SettlementWindow.BUSINESS_ZONE).minusDays(1);
        assertThat(jdbc.queryForList("select merchant from reconciliation_run where source = 'test-daily' "
                + "and window_from = ? and window_to = ? order by merchant", String.class, yesterday, yesterday))
                .containsExactly("shop", "shop-2");
    }

    @Test
    void aRunWhoseNodeStoppedIsTakenOverAndNoRepairIsAppliedTwice() throws Exception {
        LocalDate day = nextDay();
        String first = order("TAKE1", PaymentStatus.AUTHORIZED);
        String second = order("TAKE2", PaymentStatus.AUTHORIZED);
        String third = order("TAKE3", PaymentStatus.CAPTURED);
        CountDownLatch nodeAStopped = new CountDownLatch(1);
        CountDownLatch nodeAResumes = new CountDownLatch(1);
        ListedSource source = new ListedSource("test-takeover", List.of(captured(first), captured(second),
                captured(third))) {
            @Override
            void beforeRecord(int index, int opening) throws InterruptedException {
                if (opening == 1 && index == 1) {
                    nodeAStopped.countDown();
                    nodeAResumes.await();
                }
            }
        };
        SettlementSources sources = new SettlementSources(List.of(source));
        ReconciliationProperties oneByOne = properties(1, Duration.ofMinutes(1), Duration.ZERO);
        ReconciliationEngine nodeA = engine(sources, oneByOne, "node-a");
        ReconciliationEngine nodeB = engine(sources, oneByOne, "node-b");
        SettlementWindow window = SettlementWindow.day(ProviderId.NEWEBPAY, "shop", day);
        String runId = runs.create(window, source.name(), null, RunTrigger.API, OffsetDateTime.now(clock));

        ExecutorService nodeAThread = Executors.newSingleThreadExecutor();
        try {
            Future<?> a = nodeAThread.submit(() -> nodeA.run(runId));
            assertThat(nodeAStopped.await(30, TimeUnit.SECONDS)).isTrue();
            // node A repaired the first order, then stopped beating (a crash, a long GC pause)
            assertThat(status(first)).isEqualTo("CAPTURED");
            assertThat(runs.require(runId).node()).isEqualTo("node-a");
            jdbc.update("update reconciliation_run set heartbeat_at = ? where id = ?",
                    OffsetDateTime.now(clock).minusMinutes(5), runId);

            nodeB.run(runId);

            ReconciliationRun run = runs.require(runId);
            assertThat(run.state()).isEqualTo(RunState.DONE);
            assertThat(run.node()).isEqualTo("node-b");
            assertThat(run.attempts()).isEqualTo(2);
            // node A comes back: its run was taken over, so it writes nothing more
            nodeAResumes.countDown();
            a.get(30, TimeUnit.SECONDS);
        } finally {
            nodeAResumes.countDown();
            nodeAThread.shutdownNow();
        }
        ReconciliationRun run = runs.require(runId);
        assertThat(run.state()).isEqualTo(RunState.DONE);
        assertThat(run.node()).isEqualTo("node-b");
        // node A's repair of the first order is listed as node B found it: already stored (until the audit of
        // 2026-11-27 the run listed it MATCHED, and its report lost the discrepancy node A had repaired)
        assertThat(itemKinds(runId)).containsExactlyInAnyOrder("STATUS_BEHIND", "STATUS_BEHIND", "MATCHED");
        assertThat(run.progress().repaired()).isEqualTo(2);
        assertThat(run.progress().discrepancies()).isEqualTo(2);
        assertThat(jdbc.queryForMap("select repair_outcome, repair_event_id, ledger_status from reconciliation_item"
                + " where run_id = ? and order_no = ?", runId, first)).containsEntry("repair_outcome", "DUPLICATE")
                .containsEntry("repair_event_id", reconciliationEventId(first))
                .containsEntry("ledger_status", "AUTHORIZED");
        assertThat(jdbc.queryForObject("select repair_outcome from reconciliation_item where run_id = ? and"
                + " order_no = ?", String.class, runId, second)).isEqualTo("APPLIED");
        assertThat(reconciliationFacts(first)).isEqualTo(1);
        assertThat(reconciliationFacts(second)).isEqualTo(1);
        assertThat(reconciliationFacts(third)).isZero();
        assertThat(status(second)).isEqualTo("CAPTURED");
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = ? "
                + "and event_type = 'tw.twpay.reconciliation.v1'", Integer.class, runId)).isEqualTo(1);
    }

    @Test
    void aFailedScheduledRunIsRetriedAfterItsBackOffAndAFailedApiRunIsNot() {
        String paid = order("RETRY1", PaymentStatus.AUTHORIZED);
        ListedSource flaky = new ListedSource("test-flaky", List.of(captured(paid))) {
            @Override
            void beforeRecord(int index, int opening) {
                if (opening == 1) {
                    throw new IllegalStateException("gateway answered 503");
                }
            }
        };
        SettlementSources sources = new SettlementSources(List.of(flaky));
        ReconciliationProperties noWait = properties(500, Duration.ofMinutes(2), Duration.ZERO);
        ReconciliationEngine engine = engine(sources, noWait, "node-a");
        SettlementWindow window = SettlementWindow.day(ProviderId.NEWEBPAY, "shop", nextDay());
        String scheduled = runs.create(window, flaky.name(), null, RunTrigger.SCHEDULE, OffsetDateTime.now(clock));

        engine.run(scheduled);

        ReconciliationRun failed = runs.require(scheduled);
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(failed.lastError()).contains("gateway answered 503");
        assertThat(failed.nextAttemptAt()).isNotNull();
        assertThat(status(paid)).isEqualTo("AUTHORIZED");

        List<String> resumed = new ReconciliationSchedule(sources, runs, noWait, clock).runsToResume();
        assertThat(resumed).contains(scheduled);
        engine(sources, noWait, "node-b").run(scheduled);
        ReconciliationRun retried = runs.require(scheduled);
        assertThat(retried.state()).isEqualTo(RunState.DONE);
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(status(paid)).isEqualTo("CAPTURED");

        ListedSource alwaysFails = new ListedSource("test-broken", List.of(captured(paid))) {
            @Override
            void beforeRecord(int index, int opening) {
                throw new IllegalStateException("broken");
            }
        };
        SettlementSources broken = new SettlementSources(List.of(alwaysFails));
        String byApi = runs.create(SettlementWindow.day(ProviderId.NEWEBPAY, "shop", nextDay()), alwaysFails.name(),
                null, RunTrigger.API, OffsetDateTime.now(clock));
        engine(broken, noWait, "node-a").run(byApi);
        assertThat(runs.require(byApi).state()).isEqualTo(RunState.FAILED);
        assertThat(runs.require(byApi).nextAttemptAt()).isNull();
        assertThat(new ReconciliationSchedule(broken, runs, noWait, clock).runsToResume()).doesNotContain(byApi);
    }

    @Test
    void aFurtherPartialRefundIsFoundByTheLedgersRefundedTotalAndRepairedOnce() {
        ReconciledOrders orders = new ReconciledOrders(appender, jdbc, clock);
        String refunded = orders.order("REFUND", PaymentStatus.CAPTURED);
        orders.partlyRefunded(refunded, Money.twd(30));
        String captured = order("REFUNDX", PaymentStatus.CAPTURED);
        SettlementRecord furtherRefund = SettlementRecord.reported("T-" + refunded, refunded,
                PaymentStatus.PARTIALLY_REFUNDED, Money.twd(100), null, "MS1", "PARTIALLY_REFUNDED", null)
                .withRefunded(Money.twd(50));
        ListedSource source = new ListedSource("test-refunds", List.of(furtherRefund, captured(captured)));
        SettlementSources sources = new SettlementSources(List.of(source));
        ReconciliationEngine engine = engine(sources, properties(500, Duration.ofMinutes(2), Duration.ZERO), "node-a");
        SettlementWindow window = SettlementWindow.day(ProviderId.NEWEBPAY, "shop", nextDay());
        assertThat(ledger.refundedTotals(window, List.of(refunded, captured)))
                .containsExactlyEntriesOf(java.util.Map.of(refunded, Money.twd(30)));

        String first = runs.create(window, source.name(), null, RunTrigger.API, OffsetDateTime.now(clock));
        engine.run(first);
        assertThat(itemKinds(first)).containsExactlyInAnyOrder("STATUS_BEHIND", "MATCHED");
        assertThat(ledger.refundedTotals(window, List.of(refunded))).containsEntry(refunded, Money.twd(50));

        String second = runs.create(window, source.name(), null, RunTrigger.API, OffsetDateTime.now(clock));
        engine.run(second);
        assertThat(itemKinds(second)).containsExactly("MATCHED", "MATCHED");
        assertThat(reconciliationFacts(refunded)).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private ReconciliationEngine engine(SettlementSources sources, ReconciliationProperties properties, String node) {
        return new ReconciliationEngine(runs, items, ledger, appender, sources, summaries, properties,
                new NodeIdentity(node), clock);
    }

    private ReconciliationProperties properties(int chunkSize, Duration staleAfter, Duration retryDelay) {
        return new ReconciliationProperties(configured.cron(), configured.recoveryCron(), chunkSize, staleAfter, 4,
                retryDelay, 2.0, Duration.ofHours(1), 31, Path.of("target"));
    }

    private static LocalDate nextDay() {
        return LocalDate.of(2020, 1, 1).plusDays(DAYS.incrementAndGet());
    }

    private String order(String prefix, PaymentStatus status) {
        return new ReconciledOrders(appender, jdbc, clock).order(prefix, status);
    }

    private static SettlementRecord captured(String orderNo) {
        return ReconciledOrders.captured(orderNo);
    }

    private String status(String orderNo) {
        return new ReconciledOrders(appender, jdbc, clock).status(orderNo);
    }

    private int reconciliationFacts(String orderNo) {
        return jdbc.queryForObject("select count(*) from ledger_journal where subject = ? and source = 'RECONCILIATION'",
                Integer.class, orderNo);
    }

    private String reconciliationEventId(String orderNo) {
        return jdbc.queryForObject("select event_id from ledger_journal where subject = ? and source = 'RECONCILIATION'",
                String.class, orderNo);
    }

    private List<String> itemKinds(String runId) {
        return jdbc.queryForList("select kind from reconciliation_item where run_id = ?", String.class, runId);
    }

    /** A source that lists the given records; a subclass may stop or fail before a record. */
    static class ListedSource implements SettlementSource {
        private final String name;
        private final List<SettlementRecord> records;
        private final AtomicInteger openings = new AtomicInteger();

        ListedSource(String name, List<SettlementRecord> records) {
            this.name = name;
            this.records = records;
        }

        void beforeRecord(int index, int opening) throws InterruptedException {
        }

        @Override
        public ProviderId provider() {
            return ProviderId.NEWEBPAY;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Coverage coverage() {
            return Coverage.ASKED_ORDERS;
        }

        @Override
        public Set<String> scheduledMerchants() {
            return Set.of("shop", "shop-2");
        }

        @Override
        public boolean serves(String merchant) {
            return true;
        }

        @Override
        public SettlementStream open(SettlementWindow window, Path input) {
            int opening = openings.incrementAndGet();
            Iterator<SettlementRecord> listed = records.iterator();
            return SettlementStream.of(new Iterator<>() {
                int index;

                @Override
                public boolean hasNext() {
                    if (listed.hasNext()) {
                        try {
                            beforeRecord(index, opening);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                    return listed.hasNext();
                }

                @Override
                public SettlementRecord next() {
                    index++;
                    return listed.next();
                }
            });
        }
    }
}
