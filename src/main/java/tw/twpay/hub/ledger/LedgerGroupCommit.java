package tw.twpay.hub.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for callbacks: the facts of callbacks that arrive together are stored in one transaction, so one
 * commit — one durable write of the H2 file or one WAL flush of PostgreSQL — covers all of them, and each callback
 * is acknowledged only after that commit. There is no background thread and no waiting for company: a callback that
 * finds a committer slot free ({@code twpay.ledger.group-commit.committers}) commits what is queued, its own facts
 * included; one that finds the slots taken queues its facts for the next commit. Committers take turns at the
 * statements on H2 ({@code statement-turns}): the next batch is taken from the queue when the previous one has begun
 * its commit, so the durable write of one batch overlaps the statements of the next, and each batch holds what
 * arrived during both. When a shared transaction fails (a unique key raced by another node, a deadlock between two
 * batches), each callback of it is stored again on its own, so one callback's problem never fails another; when the
 * database is unreachable they all fail at once.
 */
@Component("ledgerGroupCommit")
public class LedgerGroupCommit {

    private final LedgerAppender ledger;
    private final LedgerAvailability availability;
    private final TransactionTemplate transaction;
    private final boolean enabled;
    private final int maxBatch;
    private final Semaphore committers;
    private final Semaphore statementTurn;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    private final Counter commits;
    private final Counter callbacks;

    public LedgerGroupCommit(LedgerAppender ledger, TransactionTemplate transaction, MeterRegistry meters,
                             LedgerAvailability availability,
                             @Value("${twpay.ledger.group-commit.enabled:true}") boolean enabled,
                             @Value("${twpay.ledger.group-commit.max-batch:64}") int maxBatch,
                             @Value("${twpay.ledger.group-commit.committers:2}") int committers,
                             @Value("${twpay.ledger.group-commit.statement-turns:0}") int statementTurns,
                             JdbcTemplate jdbc) {
        this.commits = Counter.builder("twpay.ledger.group.commits")
                .description("ledger transactions committed for callbacks").register(meters);
        this.callbacks = Counter.builder("twpay.ledger.group.callbacks")
                .description("callbacks whose facts those transactions stored").register(meters);
        this.ledger = ledger;
        this.availability = availability;
        this.transaction = transaction;
        this.enabled = enabled;
        this.maxBatch = Math.max(1, maxBatch);
        this.committers = new Semaphore(Math.max(1, committers));
        this.statementTurn = new Semaphore(statementTurns > 0 ? statementTurns
                : defaultStatementTurns(jdbc, this.committers.availablePermits()));
    }

    /** Stores the facts of one callback; returns once they are committed, or throws what stopped them. */
    public List<StoreResult> store(List<LedgerFact> facts) {
        if (!enabled) {
            return ledger.appendAll(facts);
        }
        Pending mine = new Pending(facts);
        queue.add(mine);
        while (!mine.isDone()) {
            if (!mine.taken && committers.tryAcquire()) {
                try {
                    // commit what is queued until a batch (ours or another committer's) has taken this callback
                    while (!mine.taken && commitQueued()) {
                        // the batch just committed was others' callbacks: go on with the next
                    }
                } finally {
                    committers.release();
                    wakeNextInQueue();
                }
            } else {
                // a batch being committed holds ours (its committer wakes us when it is done), or the committer
                // slots are taken and we are woken when one frees up with callbacks still queued; the timeout only
                // covers a wake-up that went to another thread
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    if (!mine.isDone()) {
                        throw new IllegalStateException("interrupted while the ledger committed");
                    }
                }
            }
        }
        return mine.result();
    }

    /**
     * On H2, which runs in this process, a batch's statements are CPU work: one batch at a time runs them while the
     * previous one writes, so that batches grow and the file is written less often per callback. On a database
     * server each statement is a round trip the committer waits for: batches run theirs side by side.
     */
    private static int defaultStatementTurns(JdbcTemplate jdbc, int committers) {
        try {
            return LedgerDatabase.isPostgres(jdbc) ? committers : 1;
        } catch (DataAccessException unreachable) {
            return committers;
        }
    }

    /** A committer left: the oldest callback still queued takes the free slot at once instead of at its next look. */
    private void wakeNextInQueue() {
        Pending next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.waiter);
        }
    }

    /**
     * Commits up to maxBatch queued callbacks; false when none was queued. One batch at a time runs its statements;
     * the next committer takes its batch only when this one has moved on to its commit (the durable write), so the
     * next batch's statements run meanwhile and it takes in every callback that arrived during both.
     */
    private boolean commitQueued() {
        StatementTurn turn = new StatementTurn(statementTurn);
        List<Pending> batch = new ArrayList<>();
        try {
            for (Pending next; batch.size() < maxBatch && (next = queue.poll()) != null; ) {
                next.taken = true;
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return false;
            }
            commit(batch, turn);
        } finally {
            turn.end();
            // whatever went wrong (an Error included), no callback of the batch waits for ever
            for (Pending pending : batch) {
                if (!pending.isDone()) {
                    pending.fail(new IllegalStateException("the ledger commit of this callback did not complete"));
                }
            }
        }
        return true;
    }

    private void commit(List<Pending> batch, StatementTurn turn) {
        // the same lock order in every batch (the orders' keys), so two committers do not deadlock on two orders
        batch.sort(Comparator.comparing(pending -> pending.lockKey));
        List<List<StoreResult>> results;
        try {
            results = transaction.execute(status -> {
                List<List<StoreResult>> stored = new ArrayList<>(batch.size());
                for (Pending pending : batch) {
                    stored.add(ledger.storeInTransaction(pending.facts, null));
                }
                // the statements are done; the commit follows when this returns
                turn.end();
                return stored;
            });
        } catch (RuntimeException e) {
            if (LedgerAvailability.isOutage(e)) {
                batch.forEach(pending -> pending.fail(e));
            } else {
                batch.forEach(this::storeAlone);
            }
            return;
        }
        commits.increment();
        callbacks.increment(batch.size());
        availability.reached();
        for (int i = 0; i < batch.size(); i++) {
            LedgerAppender.logStored(batch.get(i).facts, results.get(i));
            batch.get(i).succeed(results.get(i));
        }
    }

    private void storeAlone(Pending pending) {
        try {
            List<StoreResult> stored = ledger.appendAll(pending.facts);
            commits.increment();
            callbacks.increment();
            availability.reached();
            pending.succeed(stored);
        } catch (RuntimeException e) {
            pending.fail(e);
        }
    }

    /** A committer's turn to run its batch's statements, ended (once) when it commits or gives up. */
    private static final class StatementTurn {
        private final Semaphore turns;
        private boolean held;

        StatementTurn(Semaphore turns) {
            turns.acquireUninterruptibly();
            this.turns = turns;
            this.held = true;
        }

        void end() {
            if (held) {
                held = false;
                turns.release();
            }
        }
    }

    /** One callback's facts waiting for their commit. */
    private static final class Pending {
        private final List<LedgerFact> facts;
        private final String lockKey;
        private final Thread waiter = Thread.currentThread();
        /** In a batch: a committer is storing it, and wakes the waiter when it is done. */
        private volatile boolean taken;
        private volatile boolean done;
        private volatile List<StoreResult> results;
        private volatile RuntimeException failure;

        Pending(List<LedgerFact> facts) {
            this.facts = facts;
            this.lockKey = facts.isEmpty() ? "" : LedgerAppender.sequenceKey(facts.get(0).event());
        }

        boolean isDone() {
            return done;
        }

        void succeed(List<StoreResult> stored) {
            results = stored;
            done = true;
            LockSupport.unpark(waiter);
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
            LockSupport.unpark(waiter);
        }

        List<StoreResult> result() {
            if (failure != null) {
                throw failure;
            }
            return results;
        }
    }
}
