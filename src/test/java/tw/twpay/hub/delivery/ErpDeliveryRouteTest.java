package tw.twpay.hub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.StoreOutcome;
import tw.twpay.hub.ledger.StoreResult;
import tw.twpay.hub.support.CanonicalEventSchema;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;
import tw.twpay.hub.support.TestFacts;

/**
 * Delivery to an ERP webhook played by WireMock: a failed attempt is retried from the outbox after its back-off (the
 * rest of the queue goes on meanwhile, one order's events stay in order), then dead-lettered; after the ERP recovers,
 * redrive delivers each event once under its original CloudEvent id.
 */
@HubTest
class ErpDeliveryRouteTest {

    // a fixed port, so the ERP can be stopped (connection refused) and started again at the same address
    static final WireMockServer erp = new WireMockServer(wireMockConfig().port(freePort()));

    static {
        erp.start();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void erpEndpoint(DynamicPropertyRegistry registry) {
        registry.add("twpay.delivery.uri", () -> "http://localhost:" + erp.port() + "/erp/events");
        // back-off long enough to observe an event waiting for its retry
        registry.add("twpay.delivery.initial-delay-ms", () -> "1000");
        registry.add("twpay.delivery.max-delay-ms", () -> "1000");
        // two orders at a time, so a batch of many orders' events still takes long (see aLongBatch…)
        registry.add("twpay.delivery.concurrency", () -> "2");
    }

    @AfterAll
    static void stopErp() {
        erp.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    LedgerAppender ledger;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        erp.resetAll();
        erp.stubFor(post(urlEqualTo("/erp/events")).willReturn(aResponse().withStatus(204)));
    }

    private static MappingBuilder eventAbout(String orderNo) {
        return post(urlEqualTo("/erp/events")).withRequestBody(matchingJsonPath("$.subject", containing(orderNo)));
    }

    private static List<LoggedRequest> deliveriesOf(String orderNo) {
        return erp.findAll(postRequestedFor(urlEqualTo("/erp/events"))
                .withRequestBody(matchingJsonPath("$.subject", containing(orderNo))));
    }

    private long deadLetterIdOf(String eventId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from dead_letter where event_id = ?", Integer.class, eventId) == 1);
        return jdbc.queryForObject("select id from dead_letter where event_id = ?", Long.class, eventId);
    }

    @Test
    void eventIsDeliveredAsCloudEventJson() throws Exception {
        StoreResult stored = ledger.append(TestFacts.payment("DLV-OK", PaymentStatus.AUTHORIZED));

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf("DLV-OK").size() == 1);
        LoggedRequest request = deliveriesOf("DLV-OK").get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/cloudevents+json");
        JsonNode event = CanonicalJson.mapper().readTree(request.getBodyAsString());
        CanonicalEventSchema.assertValid(event);
        assertThat(event.path("id").asText()).isEqualTo(stored.eventId());
        // CloudEvents 1.0: dataschema is an absolute URI, here the hub's own address of the schema it serves
        java.net.URI dataSchema = java.net.URI.create(event.path("dataschema").asText());
        assertThat(dataSchema.isAbsolute()).as(dataSchema.toString()).isTrue();
        assertThat(dataSchema.getRawPath()).isEqualTo("/api/v1/schema/payment-event.json");
        HttpResponse<String> schema = http.get(dataSchema.getRawPath());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(CanonicalJson.mapper().readTree(schema.body()).path("$id").asText()).endsWith(dataSchema.getRawPath());
        // internal exchange state never leaks to the ERP as headers
        assertThat(request.getHeaders().keys()).noneMatch(name -> name.toLowerCase().startsWith("twpay")
                || name.toLowerCase().startsWith("camel"));
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(jdbc.queryForObject(
                "select status from outbox where event_id = ?", String.class, stored.eventId())));
        // the body is the journal row's CloudEvent JSON, which the outbox row names instead of keeping a copy
        assertThat(request.getBodyAsString()).isEqualTo(jdbc.queryForObject(
                "select event_json from ledger_journal where event_id = ?", String.class, stored.eventId()));
        assertThat(jdbc.queryForMap("select o.payload, o.journal_id, j.event_id from outbox o"
                + " join ledger_journal j on j.id = o.journal_id where o.event_id = ?", stored.eventId()))
                .containsEntry("payload", null).containsEntry("event_id", stored.eventId());
    }

    @Test
    void anEventQueuedBeforeTheOutboxReferencedTheJournalIsDeliveredFromItsOwnCopy() throws Exception {
        // a row as V1..V107 wrote it: the CloudEvent JSON in the outbox row itself, no journal row named
        String eventId = "0b7c6a52-3c4e-4a7e-9a1e-5d0c3f6a1b20";
        String payload = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/twpay-hub/newebpay/shop\","
                + "\"type\":\"tw.twpay.payment.authorized\",\"subject\":\"DLV-OLDROW\"}";
        jdbc.update("insert into outbox (event_id, event_type, payload, sequence_key, status, attempts, failures,"
                + " next_attempt_at, created_at) values (?, 'tw.twpay.payment.authorized', ?, 'newebpay:shop:DLV-OLDROW',"
                + " 'PENDING', 0, 0, ?, ?)", eventId, payload, OffsetDateTime.now(), OffsetDateTime.now());

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf("DLV-OLDROW").size() == 1);
        assertThat(deliveriesOf("DLV-OLDROW").get(0).getBodyAsString()).isEqualTo(payload);
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(jdbc.queryForObject(
                "select status from outbox where event_id = ?", String.class, eventId)));
    }

    @Test
    void erpAnswering500IsRetriedThenDeadLetteredThenRedrivenOnceAfterRecovery() throws Exception {
        erp.stubFor(eventAbout("DLV-500").willReturn(aResponse().withStatus(500).withBody("ERP is down")));
        StoreResult stored = ledger.append(TestFacts.payment("DLV-500", PaymentStatus.CAPTURED));

        long deadLetterId = deadLetterIdOf(stored.eventId());
        // first attempt + max-redeliveries (2)
        assertThat(deliveriesOf("DLV-500")).hasSize(3);
        assertThat(jdbc.queryForObject("select last_error from dead_letter where id = ?", String.class, deadLetterId))
                .contains("500");
        assertThat(jdbc.queryForObject("select status from outbox where event_id = ?", String.class, stored.eventId()))
                .isEqualTo("DEAD");
        JsonNode listed = CanonicalJson.mapper().readTree(http.get("/api/v1/dead-letters").body());
        assertThat(listed.findValuesAsText("eventId")).contains(stored.eventId());

        erp.resetAll();
        erp.stubFor(post(urlEqualTo("/erp/events")).willReturn(aResponse().withStatus(200)));
        HttpResponse<String> redrive = http.post("/api/v1/dead-letters/" + deadLetterId + "/redrive", "application/json", "");
        assertThat(redrive.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf("DLV-500").size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> deliveriesOf("DLV-500").size() == 1);
        JsonNode redelivered = CanonicalJson.mapper().readTree(deliveriesOf("DLV-500").get(0).getBodyAsString());
        assertThat(redelivered.path("id").asText()).isEqualTo(stored.eventId());
        assertThat(jdbc.queryForObject("select redriven_at from dead_letter where id = ?", Object.class, deadLetterId))
                .isNotNull();
        assertThat(http.post("/api/v1/dead-letters/" + deadLetterId + "/redrive", "application/json", "").statusCode())
                .isEqualTo(409);
    }

    @Test
    void deadLettersAreListedPageByPageAfterTheLastIdSeen() throws Exception {
        List<Long> deadLetterIds = new java.util.ArrayList<>();
        for (String orderNo : List.of("DLV-PAGE-1", "DLV-PAGE-2", "DLV-PAGE-3")) {
            erp.stubFor(eventAbout(orderNo).willReturn(aResponse().withStatus(500)));
        }
        for (String orderNo : List.of("DLV-PAGE-1", "DLV-PAGE-2", "DLV-PAGE-3")) {
            deadLetterIds.add(deadLetterIdOf(ledger.append(TestFacts.payment(orderNo, PaymentStatus.CAPTURED))
                    .eventId()));
        }
        java.util.Collections.sort(deadLetterIds);

        JsonNode firstPage = CanonicalJson.mapper().readTree(http.get("/api/v1/dead-letters?limit=2&after="
                + (deadLetterIds.get(0) - 1)).body());
        assertThat(firstPage.findValues("id")).extracting(JsonNode::asLong)
                .containsExactly(deadLetterIds.get(0), deadLetterIds.get(1));
        JsonNode nextPage = CanonicalJson.mapper().readTree(http.get("/api/v1/dead-letters?limit=2&after="
                + deadLetterIds.get(1)).body());
        assertThat(nextPage.findValues("id")).extracting(JsonNode::asLong).contains(deadLetterIds.get(2))
                .allMatch(id -> id > deadLetterIds.get(1));

        HttpResponse<String> bad = http.get("/api/v1/dead-letters?after=last");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("after must be a number");
        assertThat(http.get("/api/v1/dead-letters?after=-1").body()).contains("after must not be negative");
    }

    @Test
    void anEventTheErpRefusesWaitsForItsRetryWithoutHoldingUpTheOthers() {
        erp.stubFor(eventAbout("DLV-STUCK").willReturn(aResponse().withStatus(500)));
        StoreResult stuck = ledger.append(TestFacts.payment("DLV-STUCK", PaymentStatus.CAPTURED));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf("DLV-STUCK").size() == 1);

        // the failure is recorded in the outbox: due again after the back-off, claimed by nobody meanwhile
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "select failures from outbox where event_id = ?", Integer.class, stuck.eventId()) == 1);
        java.util.Map<String, Object> row = jdbc.queryForMap(
                "select status, claimed_by, last_error from outbox where event_id = ?", stuck.eventId());
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("claimed_by")).isNull();
        assertThat(row.get("last_error").toString()).contains("500");
        OffsetDateTime nextAttempt = jdbc.queryForObject("select next_attempt_at from outbox where event_id = ?",
                OffsetDateTime.class, stuck.eventId());
        java.util.Date firstAttempt = deliveriesOf("DLV-STUCK").get(0).getLoggedDate();
        assertThat(nextAttempt.toInstant()).isAfterOrEqualTo(firstAttempt.toInstant().plusMillis(900));

        // an event of another order queued after it goes out while it waits, before its last attempt
        ledger.append(TestFacts.payment("DLV-NEXT", PaymentStatus.AUTHORIZED));
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveriesOf("DLV-NEXT").size() == 1);
        java.util.Date nextDelivered = deliveriesOf("DLV-NEXT").get(0).getLoggedDate();
        assertThat(deliveriesOf("DLV-STUCK")).filteredOn(request -> request.getLoggedDate().before(nextDelivered))
                .hasSizeLessThan(3);

        // first attempt + max-redeliveries (2), then the dead letter
        deadLetterIdOf(stuck.eventId());
        assertThat(deliveriesOf("DLV-STUCK")).hasSize(3);
    }

    @Test
    void aLongBatchRecordsWhatTheErpAcceptedBeforeItsClaimsRunOutNotOnlyAtItsEnd() {
        // 40 events of one batch, half a second each, two at a time: 10 s, as long as the claim (lease-ms 10 s; an
        // attempt may take 3 s); the events accepted early must be recorded as delivered before the claim could lapse
        erp.stubFor(eventAbout("DLV-LONG").willReturn(aResponse().withStatus(204).withFixedDelay(500)));
        List<LedgerFact> facts = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            facts.add(TestFacts.payment("DLV-LONG-" + i, PaymentStatus.AUTHORIZED));
        }
        StoreResult first = ledger.appendAll(facts).get(0);

        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(jdbc.queryForObject(
                "select status from outbox where event_id = ?", String.class, first.eventId())));
        assertThat(deliveriesOf("DLV-LONG")).as("the batch was still going").hasSizeLessThan(40);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox o join ledger_journal j on j.id = o.journal_id"
                        + " where o.status = 'DELIVERED' and j.event_json like '%DLV-LONG%'",
                Integer.class) == 40);
        assertThat(deliveriesOf("DLV-LONG")).hasSize(40);
    }

    @Test
    void anOrdersLaterEventWaitsBehindItsDeadLetteredFirstUntilTheRedriveThenBothGoInOrder() throws Exception {
        erp.stubFor(eventAbout("DLV-DEADSEQ").willReturn(aResponse().withStatus(500)));
        StoreResult first = ledger.append(TestFacts.payment("DLV-DEADSEQ", PaymentStatus.AUTHORIZED));
        ledger.append(TestFacts.payment("DLV-DEADSEQ", PaymentStatus.CAPTURED));

        long deadLetterId = deadLetterIdOf(first.eventId());
        assertThat(deliveriesOf("DLV-DEADSEQ")).hasSize(3);
        erp.resetAll();
        erp.stubFor(post(urlEqualTo("/erp/events")).willReturn(aResponse().withStatus(204)));
        // the ERP is back, but the order's capture must not overtake its authorisation, which only a redrive sends
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> deliveriesOf("DLV-DEADSEQ").isEmpty());
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where event_id <> ? and event_id in "
                + "(select event_id from ledger_journal where event_json like '%DLV-DEADSEQ%')", Integer.class,
                first.eventId()))
                .isZero();

        assertThat(http.post("/api/v1/dead-letters/" + deadLetterId + "/redrive", "application/json", "").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf("DLV-DEADSEQ").size() == 2);
        List<String> statuses = new java.util.ArrayList<>();
        for (LoggedRequest request : deliveriesOf("DLV-DEADSEQ")) {
            statuses.add(CanonicalJson.mapper().readTree(request.getBodyAsString()).path("data").path("status").asText());
        }
        assertThat(statuses).containsExactly("AUTHORIZED", "CAPTURED");
    }

    @Test
    void anOrdersEventsReachTheErpInOrderWhenTheFirstNeedsARetry() throws Exception {
        erp.stubFor(eventAbout("DLV-SEQ").inScenario("seq").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        erp.stubFor(eventAbout("DLV-SEQ").inScenario("seq").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(204)));
        ledger.append(TestFacts.payment("DLV-SEQ", PaymentStatus.AUTHORIZED));
        ledger.append(TestFacts.payment("DLV-SEQ", PaymentStatus.CAPTURED));

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf("DLV-SEQ").size() == 3);
        List<String> statuses = new java.util.ArrayList<>();
        for (LoggedRequest request : deliveriesOf("DLV-SEQ")) {
            statuses.add(CanonicalJson.mapper().readTree(request.getBodyAsString()).path("data").path("status").asText());
        }
        assertThat(statuses).containsExactly("AUTHORIZED", "AUTHORIZED", "CAPTURED");
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox o join ledger_journal j on j.id = o.journal_id"
                        + " where o.status = 'DELIVERED' and j.event_json like '%DLV-SEQ%'", Integer.class) == 2);
    }

    @Test
    void erpTimingOutIsDeadLettered() {
        erp.stubFor(eventAbout("DLV-SLOW").willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        StoreResult stored = ledger.append(TestFacts.payment("DLV-SLOW", PaymentStatus.CAPTURED));

        long deadLetterId = deadLetterIdOf(stored.eventId());
        assertThat(jdbc.queryForObject("select last_error from dead_letter where id = ?", String.class, deadLetterId))
                .containsIgnoringCase("timeout");
    }

    @Test
    void erpRefusingConnectionsIsDeadLetteredAndRedriveAllDeliversAfterRecovery() throws Exception {
        int erpPort = erp.port();
        erp.stop();
        StoreResult stored;
        try {
            stored = ledger.append(TestFacts.payment("DLV-REFUSED", PaymentStatus.CAPTURED));
            long deadLetterId = deadLetterIdOf(stored.eventId());
            assertThat(jdbc.queryForObject("select last_error from dead_letter where id = ?", String.class, deadLetterId))
                    .containsIgnoringCase("refused");
        } finally {
            erp.start();
        }
        assertThat(erp.port()).isEqualTo(erpPort);
        erp.stubFor(post(urlEqualTo("/erp/events")).willReturn(aResponse().withStatus(200)));

        JsonNode result = CanonicalJson.mapper().readTree(
                http.post("/api/v1/dead-letters/redrive", "application/json", "").body());
        assertThat(result.path("redriven")).isNotEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf("DLV-REFUSED").size() == 1);
        JsonNode event = CanonicalJson.mapper().readTree(deliveriesOf("DLV-REFUSED").get(0).getBodyAsString());
        assertThat(event.path("id").asText()).isEqualTo(stored.eventId());
    }

    @Test
    void sameFactFromEightThreadsAtOnceIsOneJournalRowOneOutboxRowOneDelivery() throws Exception {
        LedgerFact fact = TestFacts.payment("DLV-RACE", PaymentStatus.AUTHORIZED);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        Callable<StoreResult> store = () -> {
            start.await();
            return ledger.append(fact);
        };
        try {
            List<Future<StoreResult>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(store));
            }
            start.countDown();
            long applied = 0;
            for (Future<StoreResult> future : futures) {
                StoreOutcome outcome = future.get().outcome();
                assertThat(outcome).isIn(StoreOutcome.APPLIED, StoreOutcome.DUPLICATE);
                if (outcome == StoreOutcome.APPLIED) {
                    applied++;
                }
            }
            assertThat(applied).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        LedgerRows rows = new LedgerRows(jdbc);
        assertThat(rows.journal("DLV-RACE")).isEqualTo(1);
        assertThat(rows.outbox("DLV-RACE")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf("DLV-RACE").size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> deliveriesOf("DLV-RACE").size() == 1);
    }
}
