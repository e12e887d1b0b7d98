package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
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
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.TestFacts;

/**
 * The outbox claim on the embedded default (H2), with the poller off so the test alone claims: claims walk past
 * rows another transaction holds, window by window, and the lease is only written again when it would not cover
 * the next delivery. (Two nodes at once on PostgreSQL: PostgresLedgerTest.)
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
        nodeA = new OutboxClaimer(namedJdbc, transaction, Clock.systemUTC(), new NodeIdentity("node-a"), properties);
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

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        Future<?> holding = holder.submit(() -> transaction.executeWithoutResult(status -> {
            namedJdbc.queryForList("select id from outbox where id in (:ids) for update",
                    java.util.Map.of("ids", held), Long.class);
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            List<OutboxEntry> claimed = nodeA.claim(50);
            assertThat(claimed).extracting(OutboxEntry::id).containsExactlyElementsOf(pending.subList(60, 110));
        } finally {
            release.countDown();
            holding.get(10, TimeUnit.SECONDS);
            holder.shutdown();
        }
        // claimed rows are leased to node A; the next claim takes the 60 released rows, then the last 20
        assertThat(nodeA.claim(100)).extracting(OutboxEntry::id).containsExactlyElementsOf(
                LongStream.concat(pending.subList(0, 60).stream().mapToLong(Long::longValue),
                        pending.subList(110, 130).stream().mapToLong(Long::longValue)).boxed().toList());
        assertThat(nodeA.claim(100)).isEmpty();
    }

    @Test
    void leaseIsWrittenAgainOnlyWhenItWouldNotCoverTheNextDelivery() {
        ledger.append(TestFacts.payment("LEASE-1", PaymentStatus.AUTHORIZED));
        OutboxEntry entry = nodeA.claim(10).get(0);
        OffsetDateTime leaseInDatabase = claimedUntil(entry.id());

        // fresh claim: the lease covers a whole delivery, nothing is written
        assertThat(nodeA.renewClaim(entry.id(), entry.claimedUntil())).isTrue();
        assertThat(claimedUntil(entry.id())).isEqualTo(leaseInDatabase);

        // the lease as this node knows it is about to run out: it is restarted in the database
        OffsetDateTime almostOver = OffsetDateTime.now().plusSeconds(1);
        assertThat(nodeA.renewClaim(entry.id(), almostOver)).isTrue();
        assertThat(claimedUntil(entry.id())).isAfter(leaseInDatabase);

        // meanwhile the lease ran out and another node took the event: this node must skip it
        jdbc.update("update outbox set claimed_by = 'node-b' where id = ?", entry.id());
        assertThat(nodeA.renewClaim(entry.id(), almostOver)).isFalse();
    }

    private OffsetDateTime claimedUntil(long id) {
        return jdbc.queryForObject("select claimed_until from outbox where id = ?", OffsetDateTime.class, id);
    }
}
