package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.delivery.NodeIdentity;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.reconciliation.PostgresReconciliationTest.ListedSource;
import tw.twpay.hub.support.HubTest;

/**
 * A run retried after an attempt that repaired part of the window and failed (on the embedded H2 ledger): the retry
 * lists the earlier attempt's repairs as what they were — behind, or missing in the ledger — already stored, so the
 * run's items and counts are those of a run that never failed; a later run of the same window finds the repaired
 * orders in agreement.
 */
@HubTest
class ReconciliationRetryTest {

    private static final AtomicInteger DAYS = new AtomicInteger();

    @Autowired
    JdbcTemplate jdbc;
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

    @Test
    void aRetryListsTheRepairsOfTheFailedAttemptAndALaterRunFindsThemMatched() {
        String behind = order("RETRY_BEHIND", PaymentStatus.AUTHORIZED);
        String unknown = "RETRY_UNKNOWN-" + System.nanoTime();
        String behindToo = order("RETRY_BEHIND2", PaymentStatus.AUTHORIZED);
        String agreeing = order("RETRY_AGREES", PaymentStatus.CAPTURED);
        // the first order twice (a settlement lists a trade again): listed behind once, then in agreement
        List<SettlementRecord> records = List.of(captured(behind), captured(unknown), captured(behindToo),
                captured(behind), captured(agreeing));
        ListedSource failsOnce = new ListedSource("test-retry", records) {
            @Override
            void beforeRecord(int index, int opening) {
                if (opening == 1 && index == 2) {
                    throw new IllegalStateException("gateway answered 503");
                }
            }
        };
        SettlementSources sources = new SettlementSources(List.of(failsOnce));
        ReconciliationProperties oneByOne = new ReconciliationProperties(configured.cron(), configured.recoveryCron(),
                1, Duration.ofMinutes(2), 4, Duration.ZERO, 2.0, Duration.ofHours(1), 31, Path.of("target"));
        SettlementWindow window = SettlementWindow.day(ProviderId.NEWEBPAY, "shop",
                LocalDate.of(2019, 1, 1).plusDays(DAYS.incrementAndGet()));
        String runId = runs.create(window, failsOnce.name(), null, RunTrigger.SCHEDULE, OffsetDateTime.now(clock));

        engine(sources, oneByOne).run(runId);
        ReconciliationRun failed = runs.require(runId);
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(status(behind)).isEqualTo("CAPTURED");
        assertThat(status(unknown)).isEqualTo("CAPTURED");
        assertThat(status(behindToo)).isEqualTo("AUTHORIZED");

        assertThat(new ReconciliationSchedule(sources, runs, oneByOne, clock).runsToResume()).contains(runId);
        engine(sources, oneByOne).run(runId);

        ReconciliationRun retried = runs.require(runId);
        assertThat(retried.state()).isEqualTo(RunState.DONE);
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(items(runId)).containsOnly(
                Map.entry(behind + " STATUS_BEHIND", "DUPLICATE " + repairEventId(behind) + " AUTHORIZED"),
                Map.entry(unknown + " MISSING_IN_LEDGER", "DUPLICATE " + repairEventId(unknown) + " null"),
                Map.entry(behindToo + " STATUS_BEHIND", "APPLIED " + repairEventId(behindToo) + " AUTHORIZED"),
                Map.entry(behind + " MATCHED", "null null CAPTURED"),
                Map.entry(agreeing + " MATCHED", "null null CAPTURED"));
        assertThat(retried.progress().repaired()).isEqualTo(3);
        assertThat(retried.progress().discrepancies()).isEqualTo(3);
        assertThat(retried.progress().matched()).isEqualTo(2);
        assertThat(retried.summary().path("repaired").asLong()).isEqualTo(3);
        for (String orderNo : List.of(behind, unknown, behindToo)) {
            assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = ? and source ="
                    + " 'RECONCILIATION'", Integer.class, orderNo)).as(orderNo).isEqualTo(1);
        }

        // a later run of the window is no attempt of this one: the ledger agrees now, and it repairs nothing
        String later = runs.create(window, failsOnce.name(), null, RunTrigger.API, OffsetDateTime.now(clock));
        engine(sources, oneByOne).run(later);
        assertThat(runs.require(later).state()).isEqualTo(RunState.DONE);
        assertThat(items(later).keySet()).containsOnly(behind + " MATCHED", unknown + " MATCHED",
                behindToo + " MATCHED", agreeing + " MATCHED");
        assertThat(runs.require(later).progress().repaired()).isZero();
        assertThat(items(runId)).hasSize(5);
    }

    private ReconciliationEngine engine(SettlementSources sources, ReconciliationProperties properties) {
        return new ReconciliationEngine(runs, items, ledger, appender, sources, summaries, properties,
                new NodeIdentity("node-retry"), clock);
    }

    /** "orderNo kind" → "repair outcome, repair event id, ledger status" of the run's items. */
    private Map<String, String> items(String runId) {
        Map<String, String> listed = new TreeMap<>();
        jdbc.query("select order_no, kind, repair_outcome, repair_event_id, ledger_status from reconciliation_item"
                + " where run_id = ?", rs -> {
                    listed.merge(rs.getString("order_no") + " " + rs.getString("kind"), rs.getString("repair_outcome")
                            + " " + rs.getString("repair_event_id") + " " + rs.getString("ledger_status"),
                            (a, b) -> a + " | " + b);
                }, runId);
        return listed;
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

    private String repairEventId(String orderNo) {
        return jdbc.queryForObject("select event_id from ledger_journal where subject = ? and source = 'RECONCILIATION'",
                String.class, orderNo);
    }
}
