package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.sandbox.newebpay.NewebPayGatewaySimulator;
import tw.twpay.hub.support.BusinessDay;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * A business day of the sandbox merchant {@code shop} reconciled through the API against the in-process NewebPay
 * simulator (QueryTradeInfo over real HTTP) and against a settlement file: exactly the expected discrepancies and
 * repairs, and a second run of the same window changes nothing in the ledger.
 */
@HubTest
class ReconciliationSandboxTest {

    private static final AtomicInteger ORDERS = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MERCHANT_ID = "MS-SANDBOX-NDNF";

    private static final int PORT = freePort();
    private static final String DROP_FOLDER = "target/settlement-drop-" + java.util.UUID.randomUUID();

    /** The sandbox merchants send their back-end requests to twpay.public-base-url: the hub's own port. */
    @DynamicPropertySource
    static void hubOnAKnownPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("twpay.public-base-url", () -> "http://localhost:" + PORT);
        // the daily job fires every two seconds here: it must still start yesterday's run of a merchant once
        registry.add("twpay.reconciliation.cron", () -> "0/2 * * * * ?");
        registry.add("twpay.reconciliation.watch-folder", () -> "true");
        registry.add("twpay.reconciliation.settlement-files", () -> DROP_FOLDER);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerAppender appender;
    @Autowired
    NewebPayGatewaySimulator gateway;
    @Autowired
    SandboxErpInbox inbox;
    @Autowired
    ReconciliationProperties properties;

    HubHttp http;
    LocalDate today;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        today = BusinessDay.todayClearOfMidnight();
    }

    @Test
    void aDayQueriedOrderByOrderGivesTheExpectedDiscrepanciesAndRepairsAndASecondRunChangesNothing() {
        String matched = created(855);
        String tradeOfMatched = gateway.payWithoutNotify(MERCHANT_ID, matched, BigDecimal.valueOf(855));
        callback(matched, tradeOfMatched, PaymentStatus.AUTHORIZED, 855);
        String behind = created(300);
        String tradeOfBehind = gateway.payWithoutNotify(MERCHANT_ID, behind, BigDecimal.valueOf(300));
        String missingAtGateway = created(120);
        callback(missingAtGateway, "T-NOT-AT-GATEWAY", PaymentStatus.AUTHORIZED, 120);
        String neverPaid = created(50);

        String runId = startAndFinish("{\"provider\":\"newebpay\",\"merchant\":\"shop\",\"date\":\"" + today + "\"}");

        Map<String, String> kinds = discrepancyKinds(runId);
        assertThat(kinds).containsEntry(behind, "STATUS_BEHIND").containsEntry(missingAtGateway, "MISSING_AT_GATEWAY")
                .doesNotContainKeys(matched, neverPaid);
        assertThat(status(behind)).isEqualTo("AUTHORIZED");
        assertThat(jdbc.queryForObject("select provider_trade_id from ledger_order where order_no = ?", String.class,
                behind)).isEqualTo(tradeOfBehind);
        assertThat(status(missingAtGateway)).isEqualTo("AUTHORIZED");
        assertThat(status(neverPaid)).isEqualTo("PENDING");
        assertThat(journalSource(behind)).contains("RECONCILIATION");
        JsonNode run = json(http.get("/api/v1/reconciliations/" + runId));
        assertThat(run.path("progress").path("repaired").asLong()).isEqualTo(1);
        assertThat(run.path("summary").path("byKind").path("STATUS_BEHIND").path("count").asLong()).isEqualTo(1);
        assertThat(run.path("summary").path("byKind").path("STATUS_BEHIND").path("amounts").path("TWD").asText())
                .isEqualTo("300.00");
        assertThat(run.path("summary").path("sources").get(0).path("name").asText())
                .isEqualTo("newebpay-query-trade-info");

        // the summary reached the ERP as a reconciliation CloudEvent valid against the served schema
        JsonNode summaryEvent = await().atMost(WAIT).until(() -> inbox.list().stream()
                .filter(e -> runId.equals(e.path("subject").asText())).findFirst().orElse(null), e -> e != null);
        assertThat(summaryEvent.path("type").asText()).isEqualTo("tw.twpay.reconciliation.v1");
        assertThat(reconciliationSchema().validate(summaryEvent)).isEmpty();

        int journal = count("select count(*) from ledger_journal where event_type = 'tw.twpay.payment.v1'");
        int outbox = count("select count(*) from outbox where event_type = 'tw.twpay.payment.v1'");
        String second = startAndFinish("{\"provider\":\"newebpay\",\"merchant\":\"shop\",\"date\":\"" + today + "\"}");
        assertThat(count("select count(*) from ledger_journal where event_type = 'tw.twpay.payment.v1'"))
                .isEqualTo(journal);
        assertThat(count("select count(*) from outbox where event_type = 'tw.twpay.payment.v1'")).isEqualTo(outbox);
        Map<String, String> again = discrepancyKinds(second);
        assertThat(again).containsEntry(missingAtGateway, "MISSING_AT_GATEWAY").doesNotContainKey(behind);
    }

    @Test
    void aSettlementFileGivesMissingBehindAndMismatchedRecordsAndASecondImportChangesNothing() {
        String matched = created(855);
        callback(matched, "T-MATCHED", PaymentStatus.AUTHORIZED, 855);
        String behind = created(400);
        callback(behind, "T-BEHIND", PaymentStatus.AUTHORIZED, 400);
        String amountOff = created(500);
        callback(amountOff, "T-AMOUNT", PaymentStatus.AUTHORIZED, 500);
        String currencyOff = created(600);
        callback(currencyOff, "T-CURRENCY", PaymentStatus.AUTHORIZED, 600);
        String refundedAlready = created(700);
        callback(refundedAlready, "T-REFUNDED", PaymentStatus.AUTHORIZED, 700);
        callback(refundedAlready, "T-REFUNDED", PaymentStatus.REFUNDED, 700);
        String notInFile = created(120);
        callback(notInFile, "T-ABSENT", PaymentStatus.AUTHORIZED, 120);
        String unknown = "UNKNOWN" + ORDERS.incrementAndGet() + System.nanoTime() % 100000;
        String file = "order_no,trade_no,status,amount,currency,time\r\n"
                + matched + ",T-MATCHED,AUTHORIZED,855,TWD," + today + " 10:00:00\r\n"
                + behind + ",T-BEHIND,CAPTURED,400,TWD," + today + " 10:01:00\r\n"
                + amountOff + ",T-AMOUNT,AUTHORIZED,450,TWD," + today + " 10:02:00\r\n"
                + currencyOff + ",T-CURRENCY,AUTHORIZED,600,USD," + today + " 10:03:00\r\n"
                + refundedAlready + ",T-REFUNDED,CAPTURED,700,TWD," + today + " 10:04:00\r\n"
                + unknown + ",T-UNKNOWN,CAPTURED,999,TWD," + today + " 10:05:00\r\n";

        String runId = importAndFinish(file);

        Map<String, String> kinds = discrepancyKinds(runId);
        assertThat(kinds).containsOnly(
                Map.entry(behind, "STATUS_BEHIND"),
                Map.entry(amountOff, "AMOUNT_MISMATCH"),
                Map.entry(currencyOff, "CURRENCY_MISMATCH"),
                Map.entry(unknown, "MISSING_IN_LEDGER"),
                Map.entry(notInFile, "MISSING_AT_GATEWAY"));
        assertThat(status(behind)).isEqualTo("CAPTURED");
        assertThat(status(unknown)).isEqualTo("CAPTURED");
        assertThat(status(amountOff)).isEqualTo("AUTHORIZED");
        assertThat(status(refundedAlready)).isEqualTo("REFUNDED");
        JsonNode unknownEvent = await().atMost(WAIT).until(() -> inbox.list().stream()
                .filter(e -> unknown.equals(e.path("subject").asText())).findFirst().orElse(null), e -> e != null);
        assertThat(unknownEvent.path("data").path("flags").toString()).contains("UNKNOWN_ORDER");
        assertThat(unknownEvent.path("data").path("source").asText()).isEqualTo("RECONCILIATION");
        JsonNode summary = json(http.get("/api/v1/reconciliations/" + runId)).path("summary");
        assertThat(summary.path("byKind").path("MATCHED").path("count").asLong()).isEqualTo(2);
        assertThat(summary.path("repaired").asLong()).isEqualTo(2);
        assertThat(summary.path("discrepancies").asLong()).isEqualTo(5);

        // CSV for finance
        HttpResponse<String> csv = http.getAccepting("/api/v1/reconciliations/" + runId + "/discrepancies", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFF" + DiscrepancyCsv.HEADER.trim());
        assertThat(lines).hasSize(6).anySatisfy(line -> assertThat(line)
                .contains(amountOff + ",T-AMOUNT,AUTHORIZED,450.00,TWD,").contains(",AUTHORIZED,500.00,TWD,"));

        // a human resolves one: who and why are kept, once
        JsonNode item = firstDiscrepancy(runId, "AMOUNT_MISMATCH");
        String resolvePath = "/api/v1/reconciliations/" + runId + "/discrepancies/" + item.path("id").asLong()
                + "/resolve";
        HttpResponse<String> resolved = http.post(resolvePath, "application/json",
                "{\"resolvedBy\":\"finance.lin\",\"note\":\"partial capture agreed with the buyer\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(json(resolved).path("resolution").path("resolvedBy").asText()).isEqualTo("finance.lin");
        assertThat(http.post(resolvePath, "application/json", "{\"resolvedBy\":\"x\",\"note\":\"again\"}")
                .statusCode()).isEqualTo(409);

        int journal = count("select count(*) from ledger_journal where event_type = 'tw.twpay.payment.v1'");
        int outbox = count("select count(*) from outbox where event_type = 'tw.twpay.payment.v1'");
        String second = importAndFinish(file);
        assertThat(count("select count(*) from ledger_journal where event_type = 'tw.twpay.payment.v1'"))
                .isEqualTo(journal);
        assertThat(count("select count(*) from outbox where event_type = 'tw.twpay.payment.v1'")).isEqualTo(outbox);
        assertThat(discrepancyKinds(second)).containsOnly(
                Map.entry(amountOff, "AMOUNT_MISMATCH"),
                Map.entry(currencyOff, "CURRENCY_MISMATCH"),
                Map.entry(notInFile, "MISSING_AT_GATEWAY"));
    }

    @Test
    void requestsAreCheckedAndOneRunPerWindowRunsAtATime() {
        assertThat(http.post("/api/v1/reconciliations", "application/json",
                "{\"provider\":\"newebpay\",\"merchant\":\"shop\"}").statusCode()).isEqualTo(400);
        assertThat(http.post("/api/v1/reconciliations", "application/json",
                "{\"provider\":\"newebpay\",\"merchant\":\"nobody\",\"date\":\"" + today + "\"}").statusCode())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/reconciliations", "application/json",
                "{\"provider\":\"acme\",\"merchant\":\"shop\",\"date\":\"" + today + "\"}").statusCode())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/reconciliations", "application/json",
                "{\"provider\":\"newebpay\",\"merchant\":\"shop\",\"date\":\"" + today.plusDays(2) + "\"}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> refused = http.post("/api/v1/reconciliations/settlement-files?provider=newebpay"
                + "&merchant=shop&date=" + today, "text/csv", "MerchantOrderNo,TradeNo,Amt\r\nA,B,1\r\n");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("MerchantOrderNo").contains("order_no");

        // a window already running (its row claimed by no node yet) refuses a second start
        LocalDate day = today.minusDays(40);
        String first = new ReconciliationRunsAccess(jdbc).insertRunning("NEWEBPAY", "shop", day);
        HttpResponse<String> conflict = http.post("/api/v1/reconciliations", "application/json",
                "{\"provider\":\"newebpay\",\"merchant\":\"shop\",\"date\":\"" + day + "\"}");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(first).isNotBlank();
        assertThat(json(http.get("/api/v1/reconciliations?provider=newebpay&merchant=shop&date=" + day)).size())
                .isEqualTo(1);
        assertThat(http.get("/api/v1/reconciliations/no-such-run").statusCode()).isEqualTo(404);

        // documented in the OpenAPI document, the event schema served beside the payment schema
        JsonNode paths = json(http.get("/api/v1/openapi.json")).path("paths");
        assertThat(paths.has("/reconciliations")).isTrue();
        assertThat(paths.has("/reconciliations/{id}/discrepancies")).isTrue();
        assertThat(paths.has("/reconciliations/{id}/discrepancies/{itemId}/resolve")).isTrue();
        assertThat(paths.has("/reconciliations/settlement-files")).isTrue();
        HttpResponse<String> schema = http.get("/api/v1/schema/reconciliation-event.json");
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(json(schema).path("$id").asText()).endsWith("/api/v1/schema/reconciliation-event.json");
    }

    @Test
    void theDailyJobReconcilesEachScheduledMerchantsPreviousDayOnce() {
        LocalDate yesterday = today.minusDays(1);
        String sql = "select count(*) from reconciliation_run where trigger_kind = 'SCHEDULE' and merchant = ? "
                + "and window_from = ? and window_to = ?";
        await().atMost(WAIT).until(() -> jdbc.queryForObject(sql + " and state = 'DONE'", Integer.class, "shop",
                yesterday, yesterday) == 1);
        // the job fires again and again; the day was reconciled, so no further run starts
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> jdbc.queryForObject(sql, Integer.class, "shop", yesterday, yesterday) == 1);
        // NDNP merchants cannot be queried with QueryTradeInfo: not scheduled
        assertThat(jdbc.queryForObject(sql, Integer.class, "shop-recurring", yesterday, yesterday)).isZero();
    }

    @Test
    void aSettlementFileDroppedInTheFolderIsReconciledAndMovedAside() throws Exception {
        String behind = created(210);
        callback(behind, "T-DROP", PaymentStatus.AUTHORIZED, 210);
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(properties.settlementFiles());
        String name = "newebpay-shop-" + today + ".csv";
        java.nio.file.Path temp = folder.resolve(name + ".part");
        java.nio.file.Files.writeString(temp, "order_no,trade_no,status,amount\n" + behind + ",T-DROP,CAPTURED,210\n");
        java.nio.file.Files.move(temp, folder.resolve(name));

        await().atMost(WAIT).until(() -> "CAPTURED".equals(status(behind)));
        await().atMost(WAIT).until(() -> java.nio.file.Files.exists(folder.resolve(".done").resolve(name)));
        String runId = jdbc.queryForObject("select id from reconciliation_run where trigger_kind = 'FILE' "
                + "and source = 'newebpay-settlement-file' order by created_at desc limit 1", String.class);
        assertThat(discrepancyKinds(awaitDone(runId))).containsEntry(behind, "STATUS_BEHIND");

        java.nio.file.Files.writeString(folder.resolve("newebpay-shop-" + today + "-x.csv.part"), "bad");
        java.nio.file.Files.move(folder.resolve("newebpay-shop-" + today + "-x.csv.part"),
                folder.resolve("not-a-settlement-name.csv"));
        await().atMost(WAIT).until(() -> java.nio.file.Files.exists(folder.resolve(".failed")
                .resolve("not-a-settlement-name.csv")));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String created(long amount) {
        String orderNo = "RC" + ORDERS.incrementAndGet() + "T" + System.nanoTime() % 1_000_000;
        HttpResponse<String> answer = http.post("/api/v1/payments", "application/json", "{\"provider\":\"newebpay\","
                + "\"merchant\":\"shop\",\"orderNo\":\"" + orderNo + "\",\"amount\":{\"value\":\"" + amount
                + "\",\"currency\":\"TWD\"},\"description\":\"reconciliation test\",\"email\":\"b@example.com\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return orderNo;
    }

    private void callback(String orderNo, String tradeNo, PaymentStatus status, long amount) {
        OffsetDateTime now = OffsetDateTime.now();
        PaymentEvent event = new PaymentEvent("NEWEBPAY", "shop", MERCHANT_ID, orderNo, tradeNo, status,
                Money.twd(amount), "CREDIT", null, null, now, now, EventSource.CALLBACK, "SUCCESS", null, null,
                List.of(), null);
        appender.append(new LedgerFact(LedgerFact.key("NEWEBPAY", "shop", orderNo, tradeNo, status, "test"),
                event, null));
    }

    private String startAndFinish(String body) {
        HttpResponse<String> started = http.post("/api/v1/reconciliations", "application/json", body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return awaitDone(json(started).path("id").asText());
    }

    private String importAndFinish(String csv) {
        HttpResponse<String> started = http.post("/api/v1/reconciliations/settlement-files?provider=newebpay"
                + "&merchant=shop&date=" + today, "text/csv", csv);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return awaitDone(json(started).path("id").asText());
    }

    private String awaitDone(String runId) {
        JsonNode run = await().atMost(WAIT).until(() -> json(http.get("/api/v1/reconciliations/" + runId)),
                r -> !"RUNNING".equals(r.path("state").asText()));
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("DONE");
        return runId;
    }

    private Map<String, String> discrepancyKinds(String runId) {
        Map<String, String> kinds = new HashMap<>();
        String after = "0";
        while (after != null) {
            JsonNode page = json(http.get("/api/v1/reconciliations/" + runId + "/discrepancies?limit=2&after=" + after));
            page.path("items").forEach(item -> kinds.put(item.path("orderNo").asText(), item.path("kind").asText()));
            after = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.path("next").asText();
        }
        // orders of the other tests' days share the table: keep this run's own
        return kinds.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private JsonNode firstDiscrepancy(String runId, String kind) {
        return json(http.get("/api/v1/reconciliations/" + runId + "/discrepancies?kind=" + kind)).path("items").get(0);
    }

    private String status(String orderNo) {
        return jdbc.queryForObject("select status from ledger_order where order_no = ?", String.class, orderNo);
    }

    private List<String> journalSource(String orderNo) {
        return jdbc.queryForList("select source from ledger_journal where subject = ?", String.class, orderNo);
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return CanonicalJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static JsonSchema reconciliationSchema() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                ReconciliationSandboxTest.class.getResourceAsStream("/schema/reconciliation-event.json"), config);
    }

    /** Writes a RUNNING run straight into the table, as a node that has not claimed it yet would have left it. */
    record ReconciliationRunsAccess(JdbcTemplate jdbc) {
        String insertRunning(String provider, String merchant, LocalDate day) {
            String id = java.util.UUID.randomUUID().toString();
            jdbc.update("insert into reconciliation_run (id, provider, merchant, window_from, window_to, source, "
                    + "trigger_kind, state, running_key, heartbeat_at, attempts, records_read, matched, repaired, "
                    + "discrepancies, created_at) values (?, ?, ?, ?, ?, 'newebpay-query-trade-info', 'API', 'RUNNING', "
                    + "?, current_timestamp, 0, 0, 0, 0, 0, current_timestamp)", id, provider, merchant, day, day,
                    provider + "|" + merchant + "|" + day + "|" + day);
            return id;
        }
    }
}
