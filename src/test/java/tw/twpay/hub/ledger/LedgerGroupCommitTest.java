package tw.twpay.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.TestFacts;

/**
 * Callbacks stored at the same moment share commits, and sharing changes nothing about each one's outcome: every
 * fact stored once, a duplicate reported as such, a fact the database refuses fails alone.
 */
@HubTest
class LedgerGroupCommitTest {

    private static final int THREADS = 16;

    @Autowired
    LedgerGroupCommit groupCommit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private <T> List<Future<T>> allAtOnce(int count, java.util.function.IntFunction<Callable<T>> task) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Callable<T> work = task.apply(i);
            futures.add(pool.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        start.countDown();
        return futures;
    }

    private double counter(String name) {
        return meters.counter(name).count();
    }

    @Test
    void concurrentCallbacksShareCommitsAndEachIsStoredOnce() throws Exception {
        double commitsBefore = counter("twpay.ledger.group.commits");
        double callbacksBefore = counter("twpay.ledger.group.callbacks");
        List<Future<List<StoreResult>>> stored = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            int r = round;
            stored.addAll(allAtOnce(THREADS, i -> () ->
                    groupCommit.store(List.of(TestFacts.payment("GC-" + r + "-" + i, PaymentStatus.AUTHORIZED)))));
        }
        for (Future<List<StoreResult>> result : stored) {
            assertThat(result.get().get(0).outcome()).isEqualTo(StoreOutcome.APPLIED);
        }
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject like 'GC-%'", Long.class))
                .isEqualTo(20L * THREADS);
        assertThat(jdbc.queryForObject("select count(*) from outbox where sequence_key like '%:GC-%'", Long.class))
                .isEqualTo(20L * THREADS);
        double callbacks = counter("twpay.ledger.group.callbacks") - callbacksBefore;
        double commits = counter("twpay.ledger.group.commits") - commitsBefore;
        assertThat(callbacks).isEqualTo(20.0 * THREADS);
        assertThat(commits).as("commits for %s callbacks arriving 16 at a time", callbacks).isLessThan(callbacks);
    }

    @Test
    void theSameFactFromManyCallbacksAtOnceIsStoredOnce() throws Exception {
        List<Future<List<StoreResult>>> stored = allAtOnce(THREADS, i -> () ->
                groupCommit.store(List.of(TestFacts.payment("GC-SAME", PaymentStatus.CAPTURED))));
        int applied = 0;
        for (Future<List<StoreResult>> result : stored) {
            StoreOutcome outcome = result.get().get(0).outcome();
            assertThat(outcome).isIn(StoreOutcome.APPLIED, StoreOutcome.DUPLICATE);
            applied += outcome == StoreOutcome.APPLIED ? 1 : 0;
        }
        assertThat(applied).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = 'GC-SAME'", Long.class))
                .isEqualTo(1L);
    }

    @Test
    void aFactTheDatabaseRefusesFailsAloneAndItsBatchMatesAreStored() throws Exception {
        String tooLong = "GC-BAD-" + "X".repeat(300);
        List<Future<List<StoreResult>>> stored = allAtOnce(THREADS, i -> () -> groupCommit.store(List.of(
                TestFacts.payment(i == 7 ? tooLong : "GC-MATE-" + i, PaymentStatus.AUTHORIZED))));
        for (int i = 0; i < THREADS; i++) {
            if (i == 7) {
                int index = i;
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> stored.get(index).get())
                        .hasCauseInstanceOf(RuntimeException.class);
            } else {
                assertThat(stored.get(i).get().get(0).outcome()).isEqualTo(StoreOutcome.APPLIED);
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject like 'GC-MATE-%'",
                Long.class)).isEqualTo((long) THREADS - 1);
    }
}
