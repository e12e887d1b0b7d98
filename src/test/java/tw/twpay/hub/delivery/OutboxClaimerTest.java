package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerAvailability;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.TestFacts;

/**
 * The outbox claim on the embedded default (H2), with the poller off so the test alone claims: claims walk past
 * rows another transaction holds, window by window; the lease is only written again when it would not cover the
 * next attempt; one order's events are claimed in order. (Two nodes at once on PostgreSQL: PostgresLedgerTest.)
 */
@HubTest
class OutboxClaimerTest {

    @DynamicPropertySource
    static void pollerOff(DynamicPropertyRegistry registry) {
        registry.add("twpay.delivery.enabled", () -> "false");
    }

    @Autowired
    LedgerAppender ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NamedParameterJdbcTemplate namedJdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DeliveryProperties properties;

    private OutboxClaimer nodeA;

    @BeforeEach
    void emptyOutbox() {
        jdbc.update("update outbox set status = 'DELIVERED' where status = 'PENDING'");
        nodeA = new OutboxClaimer(namedJdbc, transaction, Clock.systemUTC(), new NodeIdentity("node-a"), properties,
                new LedgerAvailability(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    @Test
    void claimWalksPastRowsAnotherTransactionHoldsAndTakesTheOldestFreeOnes() throws Exception {
        for (int i = 0; i < 130; i++) {
            ledger.append(TestFacts.payment("CLAIM-" + i, PaymentStatus.AUTHORIZED));
        }
        List<Long> pending = jdbc.queryForList("select id from outbox where status = 'PENDING' order by id", Long.class);
        assertThat(pending).hasSize(130);
        // more than a whole window (the batch of 50) is locked by someone else: the claim must look past it
        List<Long> held = pending.subList(0, 60);

        whileAnotherTransactionLocks(held, () -> assertThat(nodeA.claim(50)).extracting(OutboxEntry::id)
                .containsExactlyElementsOf(pending.subList(60, 110)));
        // claimed rows are leased to node A; the next claim takes the 60 released rows, then the last 20
        assertThat(nodeA.claim(100)).extracting(OutboxEntry::id).containsExactlyElementsOf(
                LongStream.concat(pending.subList(0, 60).stream().mapToLong(Long::longValue),
                        pending.subList(110, 130).stream().mapToLong(Long::longValue)).boxed().toList());
        assertThat(nodeA.claim(100)).isEmpty();
    }

    @Test
    void thePollerComesBackAtOnceOnlyAfterAFullBatch() {
        List<LedgerFact> backlog = new java.util.ArrayList<>();
        for (int i = 0; i <= properties.batchSize(); i++) {
            backlog.add(TestFacts.payment("GREEDY-" + i, PaymentStatus.AUTHORIZED));
        }
        ledger.appendAll(backlog);

        // a backlog: full batches, one after the other without waiting
        List<OutboxEntry> full = nodeA.claimDue();
        assertThat(full).hasSize(properties.batchSize());
        assertThat(nodeA.foundWork(full)).isTrue();
        // what is left fits in a batch: the next poll waits its interval, for more to arrive
        List<OutboxEntry> rest = nodeA.claimDue();
        assertThat(rest).hasSize(1);
        assertThat(nodeA.foundWork(rest)).isFalse();
        assertThat(nodeA.foundWork(nodeA.claimDue())).isFalse();
    }

    @Test
    void leaseIsWrittenAgainOnlyWhenItWouldNotCoverTheNextAttempt() {
        ledger.append(TestFacts.payment("LEASE-1", PaymentStatus.AUTHORIZED));
        OutboxEntry entry = nodeA.claim(10).get(0);
        OffsetDateTime leaseInDatabase = claimedUntil(entry.id());

        // fresh claim: the lease covers a whole attempt, nothing is written
        assertThat(nodeA.mayDeliver(entry)).isTrue();
        assertThat(claimedUntil(entry.id())).isEqualTo(leaseInDatabase);

        // the lease as this node knows it is about to run out: it is restarted in the database
        OutboxEntry almostOver = withClaimedUntil(entry, OffsetDateTime.now().plusSeconds(1));
        assertThat(nodeA.mayDeliver(almostOver)).isTrue();
        assertThat(claimedUntil(entry.id())).isAfter(leaseInDatabase);

        // meanwhile the lease ran out and another node took the event: this node must skip it
        jdbc.update("update outbox set claimed_by = 'node-b' where id = ?", entry.id());
        assertThat(nodeA.mayDeliver(almostOver)).isFalse();
    }

    @Test
    void laterEventsOfAnOrderWaitWhileAnEarlierOneWaitsForItsRetry() {
        ledger.append(TestFacts.payment("SEQ-1", PaymentStatus.AUTHORIZED));
        ledger.append(TestFacts.payment("SEQ-1", PaymentStatus.CAPTURED));
        ledger.append(TestFacts.payment("SEQ-OTHER", PaymentStatus.AUTHORIZED));
        List<Long> ids = jdbc.queryForList("select id from outbox where status = 'PENDING' order by id", Long.class);

        // the first event of SEQ-1 failed and is due again later
        jdbc.update("update outbox set failures = 1, next_attempt_at = ? where id = ?",
                OffsetDateTime.now().plusMinutes(5), ids.get(0));
        // SEQ-1's second event waits behind it; the other order is not held up
        assertThat(nodeA.claim(10)).extracting(OutboxEntry::id).containsExactly(ids.get(2));

        // once the first is due it is claimed before (and with) the second
        jdbc.update("update outbox set next_attempt_at = ? where id = ?", OffsetDateTime.now().minusSeconds(1),
                ids.get(0));
        assertThat(nodeA.claim(10)).extracting(OutboxEntry::id).containsExactly(ids.get(0), ids.get(1));
    }

    @Test
    void laterEventsOfAnOrderWaitWhileAnotherNodeDeliversAnEarlierOne() {
        ledger.append(TestFacts.payment("SEQ-2", PaymentStatus.AUTHORIZED));
        OutboxEntry first = nodeA.claim(10).get(0);
        ledger.append(TestFacts.payment("SEQ-2", PaymentStatus.CAPTURED));

        OutboxClaimer nodeB = new OutboxClaimer(namedJdbc, transaction, Clock.systemUTC(), new NodeIdentity("node-b"),
                properties, new LedgerAvailability(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(nodeB.claim(10)).isEmpty();

        jdbc.update("update outbox set status = 'DELIVERED', claimed_by = null, claimed_until = null where id = ?",
                first.id());
        assertThat(nodeB.claim(10)).hasSize(1);
    }

    @Test
    void aLaterEventOfAnOrderWaitsWhileAnotherNodeIsClaimingTheEarlierOneRightNow() throws Exception {
        ledger.append(TestFacts.payment("SEQ-5", PaymentStatus.AUTHORIZED));
        ledger.append(TestFacts.payment("SEQ-5", PaymentStatus.CAPTURED));
        List<Long> ids = jdbc.queryForList("select id from outbox where status = 'PENDING' order by id", Long.class);

        // another node's claim transaction has locked the first event but not yet written its claim: this claim
        // skips that row, and must not take the second one past it
        whileAnotherTransactionLocks(ids.subList(0, 1), () -> assertThat(nodeA.claim(10)).isEmpty());
        assertThat(nodeA.claim(10)).extracting(OutboxEntry::id).containsExactly(ids.get(0), ids.get(1));
    }

    @Test
    void anEarlierEventRedrivenWhileTheClaimRunsStillGoesFirst() throws Exception {
        ledger.append(TestFacts.payment("SEQ-6", PaymentStatus.AUTHORIZED));
        ledger.append(TestFacts.payment("SEQ-6", PaymentStatus.CAPTURED));
        List<Long> ids = jdbc.queryForList("select id from outbox where status = 'PENDING' order by id", Long.class);
        jdbc.update("update outbox set status = 'DEAD' where id = ?", ids.get(0));

        // the redrive commits between the claim reading its window (the first event still dead, so only the second
        // is a candidate) and the claim asking what waits ahead of the candidates
        ExecutorService operator = Executors.newSingleThreadExecutor();
        NamedParameterJdbcTemplate redriveMidClaim = new NamedParameterJdbcTemplate(jdbc) {
            @Override
            public void query(String sql, java.util.Map<String, ?> params,
                    org.springframework.jdbc.core.RowCallbackHandler handler) {
                if (sql.contains("first_waiting")) {
                    try {
                        operator.submit(() -> jdbc.update(
                                "update outbox set status = 'PENDING', next_attempt_at = ? where id = ?",
                                OffsetDateTime.now().minusSeconds(1), ids.get(0))).get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                super.query(sql, params, handler);
            }
        };
        OutboxClaimer claimer = new OutboxClaimer(redriveMidClaim, transaction, Clock.systemUTC(),
                new NodeIdentity("node-a"), properties,
                new LedgerAvailability(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        try {
            assertThat(claimer.claim(10)).isEmpty();
        } finally {
            operator.shutdown();
        }
        assertThat(nodeA.claim(10)).extracting(OutboxEntry::id).containsExactly(ids.get(0), ids.get(1));
    }

    @Test
    void aFailureInTheBatchGivesBackTheLaterEventsOfThatOrderUnattempted() {
        ledger.append(TestFacts.payment("SEQ-3", PaymentStatus.AUTHORIZED));
        ledger.append(TestFacts.payment("SEQ-3", PaymentStatus.CAPTURED));
        ledger.append(TestFacts.payment("SEQ-4", PaymentStatus.AUTHORIZED));
        List<OutboxEntry> batch = nodeA.claim(10);
        assertThat(batch).hasSize(3);

        batch.get(0).batch().hold(batch.get(0).sequenceKey());

        assertThat(nodeA.mayDeliver(batch.get(1))).isFalse();
        assertThat(claimedUntil(batch.get(1).id())).isNull();
        assertThat(nodeA.mayDeliver(batch.get(2))).isTrue();
    }

    @Test
    void aLostClaimGivesBackTheLaterEventsOfThatOrderSoTheyCannotOvertakeIt() {
        ledger.append(TestFacts.payment("SEQ-7", PaymentStatus.AUTHORIZED));
        ledger.append(TestFacts.payment("SEQ-7", PaymentStatus.CAPTURED));
        List<OutboxEntry> batch = nodeA.claim(10);
        assertThat(batch).hasSize(2);
        OutboxEntry first = batch.get(0);
        OutboxEntry second = batch.get(1);

        // node A's lease on the batch ran out (a slow ERP) and node B took the order's first event
        jdbc.update("update outbox set claimed_by = 'node-b' where id = ?", first.id());
        OutboxClaimer nodeALater = new OutboxClaimer(namedJdbc, transaction,
                Clock.offset(Clock.systemUTC(), Duration.ofMillis(properties.leaseMs() + 1000)),
                new NodeIdentity("node-a"), properties,
                new LedgerAvailability(Duration.ofSeconds(1), Duration.ofSeconds(30)));

        assertThat(nodeALater.mayDeliver(first)).isFalse();
        // the second event must wait for node B's delivery of the first: given back, not delivered past it
        assertThat(nodeALater.mayDeliver(second)).isFalse();
        assertThat(jdbc.queryForObject("select claimed_by from outbox where id = ?", String.class, second.id()))
                .isNull();
    }

    /** Runs the check while another transaction (another node's claim, say) holds these outbox rows locked. */
    private void whileAnotherTransactionLocks(List<Long> ids, Runnable check) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        Future<?> holding = other.submit(() -> transaction.executeWithoutResult(status -> {
            namedJdbc.queryForList("select id from outbox where id in (:ids) for update",
                    java.util.Map.of("ids", ids), Long.class);
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            check.run();
        } finally {
            release.countDown();
            holding.get(10, TimeUnit.SECONDS);
            other.shutdown();
        }
    }

    private static OutboxEntry withClaimedUntil(OutboxEntry entry, OffsetDateTime claimedUntil) {
        return new OutboxEntry(entry.id(), entry.eventId(), entry.eventType(), entry.payload(), entry.sequenceKey(),
                entry.failures(), claimedUntil, entry.batch());
    }

    private OffsetDateTime claimedUntil(long id) {
        return jdbc.queryForObject("select claimed_until from outbox where id = ?", OffsetDateTime.class, id);
    }
}
