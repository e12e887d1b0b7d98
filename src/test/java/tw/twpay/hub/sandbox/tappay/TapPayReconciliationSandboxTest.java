package tw.twpay.hub.sandbox.tappay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.provider.tappay.TapPayMerchant;
import tw.twpay.hub.provider.tappay.TapPayMerchants;
import tw.twpay.hub.provider.tappay.TapPayPaths;
import tw.twpay.hub.provider.tappay.TapPayTrades;
import tw.twpay.hub.support.BusinessDay;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.ReconciliationRunner;

/**
 * A day of the sandbox merchant {@code shop-tappay} reconciled through the API against the in-process TapPay
 * simulator: what was done through the hub, and what was done at the simulator behind the hub's back (a payment the
 * hub never made, a refund, payments of other amounts or currencies), read over several Reconciliation pages of two
 * records, the last one with status 2 and a record of its own.
 */
@HubTest
class TapPayReconciliationSandboxTest {

    static final int PORT = freePort();
    static final String MERCHANT = "shop-tappay";
    static final AtomicInteger ORDERS = new AtomicInteger();
    static final Duration WAIT = Duration.ofSeconds(20);

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void hubOnAKnownPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("twpay.public-base-url", () -> "http://localhost:" + PORT);
        registry.add("twpay.sandbox.tappay.capture-batch-delay", () -> "PT1S");
        registry.add("twpay.providers.tappay.missed-notify-after", () -> "PT1H");
        registry.add("twpay.reconciliation.tappay.records-per-page", () -> "2");
        // the nightly job fires every two seconds here, but no TapPay merchant is scheduled (the other providers'
        // merchants are: "*")
        registry.add("twpay.reconciliation.cron", () -> "0/2 * * * * ?");
        registry.add("twpay.reconciliation.tappay.scheduled-merchants", () -> "");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerAppender appender;
    @Autowired
    TapPayMerchants merchants;
    @Autowired
    TapPayTrades trades;

    HubHttp http;
    ReconciliationRunner runs;
    TapPayMerchant shop;

    @BeforeEach
    void setUp() {
        http = new HubHttp(PORT);
        runs = new ReconciliationRunner(http, jdbc, appender, "TAPPAY", MERCHANT);
        shop = merchants.require(MERCHANT);
    }

    static String orderNo(String kind) {
        return "RCN_" + kind + "_" + ORDERS.incrementAndGet() + "_" + System.nanoTime() % 100000;
    }

    String pay(String orderNo, long amount, String capture) throws IOException {
        HttpResponse<String> answer = http.post("/api/v1/payments", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"%d","currency":"TWD"},
                 "description":"Reconciled","prime":"%s","capture":"%s",
                 "cardholder":{"phone":"+886923456789","name":"Jane Doe","email":"jane@example.com"}}"""
                .formatted(MERCHANT, orderNo, amount, TapPayGatewaySimulator.TEST_PRIME, capture));
        return CanonicalJson.mapper().readTree(answer.body()).path("order").path("status").asText();
    }

    String operate(String orderNo, String operation) throws IOException {
        HttpResponse<String> answer = http.post("/api/v1/payments/tappay/" + MERCHANT + "/" + orderNo + "/"
                + operation, "application/json", "");
        return CanonicalJson.mapper().readTree(answer.body()).path("order").path("status").asText();
    }

    /** A payment made at the simulator without the hub (captured by the bank batch a second later). */
    JsonNode payAtTapPay(String orderNumber, String bankTransactionId, long amount, String currency)
            throws Exception {
        return simulator(TapPayPaths.PAY_BY_PRIME, """
                {"prime":"%s","merchant_id":"%s","amount":%d,"currency":"%s","order_number":"%s",%s
                 "details":"behind the hub's back","delay_capture_in_days":0,
                 "cardholder":{"phone_number":"+886923456789","name":"Jane Doe","email":"jane@example.com"},
                 "partner_key":"%s"}""".formatted(TapPayGatewaySimulator.TEST_PRIME, shop.merchantId(), amount,
                currency, orderNumber, bankTransactionId == null ? ""
                        : "\"bank_transaction_id\":\"" + bankTransactionId + "\",", shop.partnerKey()));
    }

    boolean capturedAtTapPay(String recTradeId) throws Exception {
        JsonNode answer = simulator(TapPayPaths.RECORD, "{\"records_per_page\":10,\"page\":0,\"filters\":"
                + "{\"rec_trade_id\":\"" + recTradeId + "\"},\"partner_key\":\"" + shop.partnerKey() + "\"}");
        return answer.path("trade_records").path(0).path("is_captured").asBoolean(false);
    }

    String recTradeId(String orderNo) {
        return jdbc.queryForObject("select provider_trade_id from ledger_order where order_no = ?", String.class,
                orderNo);
    }

    int scheduledRuns(String provider) {
        return jdbc.queryForObject("select count(*) from reconciliation_run where trigger_kind = 'SCHEDULE'"
                + " and provider = ?", Integer.class, provider);
    }

    @Test
    void aMerchantLeftOutOfTheScheduleIsNotReconciledNightly() {
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> scheduledRuns("TAPPAY") == 0);
        // the job did fire meanwhile: NewebPay's and FlashPay's merchants stay scheduled ("*") here
        assertThat(scheduledRuns("NEWEBPAY") + scheduledRuns("FLASHPAY")).as("scheduled runs of the other providers")
                .isPositive();
    }

    @Test
    void aDayOfTheSimulatorGivesExactlyTheExpectedDiscrepanciesAndRepairsAndASecondRunChangesNothing()
            throws Exception {
        LocalDate today = BusinessDay.todayClearOfMidnight();
        String matched = orderNo("MATCHED");
        assertThat(pay(matched, 1001, "auto")).isEqualTo("CAPTURE_REQUESTED");
        String behind = orderNo("BEHIND");
        assertThat(pay(behind, 1002, "auto")).isEqualTo("CAPTURE_REQUESTED");
        String refundBehind = orderNo("REFUND");
        assertThat(pay(refundBehind, 1003, "auto")).isEqualTo("CAPTURE_REQUESTED");
        String authorisedOnly = orderNo("AUTH");
        assertThat(pay(authorisedOnly, 1004, "manual")).isEqualTo("AUTHORIZED");
        String voided = orderNo("VOID");
        assertThat(pay(voided, 1005, "manual")).isEqualTo("AUTHORIZED");
        assertThat(operate(voided, "cancel")).isEqualTo("VOIDED");
        String declined = orderNo("DECLINED");
        assertThat(pay(declined, 1402, "auto")).isEqualTo("FAILED");
        String notAtGateway = orderNo("NOPE");
        runs.created(notAtGateway, Money.twd(300));
        runs.reported(notAtGateway, "D-NOT-AT-TAPPAY", PaymentStatus.CAPTURED, Money.twd(300));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> "CAPTURED".equals(operate(matched, "query")) && "CAPTURED".equals(operate(refundBehind,
                        "query")) && capturedAtTapPay(recTradeId(behind)));
        // a partial refund done at TapPay, not through the hub
        JsonNode refund = simulator(TapPayPaths.REFUND, "{\"rec_trade_id\":\"" + recTradeId(refundBehind)
                + "\",\"amount\":300,\"partner_key\":\"" + shop.partnerKey() + "\"}");
        assertThat(refund.path("status").asInt()).isZero();
        // a payment the hub never made
        String unknown = orderNo("UNKNOWN").replace("_", "");
        String unknownTrade = payAtTapPay(unknown, null, 777, "TWD").path("rec_trade_id").asText();
        // the hub asked for 500 TWD and 5 USD; TapPay holds 550 TWD and 500 TWD under the same bank_transaction_id
        String amountOff = orderNo("AMOUNT");
        trades.claim(MERCHANT, amountOff);
        runs.created(amountOff, Money.twd(500));
        String amountTrade = payAtTapPay(amountOff, TapPayTrades.bankTransactionId(MERCHANT, amountOff), 550, "TWD")
                .path("rec_trade_id").asText();
        String currencyOff = orderNo("CURRENCY");
        trades.claim(MERCHANT, currencyOff);
        runs.created(currencyOff, new Money(new BigDecimal("5.00"), "USD"));
        String currencyTrade = payAtTapPay(currencyOff, TapPayTrades.bankTransactionId(MERCHANT, currencyOff), 500,
                "TWD").path("rec_trade_id").asText();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> capturedAtTapPay(unknownTrade)
                && capturedAtTapPay(amountTrade) && capturedAtTapPay(currencyTrade));

        JsonNode run = runs.run(today, today);
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("DONE");
        String runId = run.path("id").asText();

        assertThat(runs.kinds(runId)).containsOnly(
                Map.entry(matched, List.of("MATCHED")),
                Map.entry(behind, List.of("STATUS_BEHIND")),
                Map.entry(refundBehind, List.of("MATCHED", "STATUS_BEHIND")),
                Map.entry(unknown, List.of("MISSING_IN_LEDGER")),
                Map.entry(amountOff, List.of("AMOUNT_MISMATCH")),
                Map.entry(currencyOff, List.of("CURRENCY_MISMATCH")),
                Map.entry(authorisedOnly, List.of("MATCHED")),
                Map.entry(voided, List.of("MATCHED")),
                Map.entry(notAtGateway, List.of("MISSING_AT_GATEWAY")));
        // seven operations over four pages of two (the last, status 2, with one), then Record for three orders
        assertThat(run.path("progress").path("recordsRead").asLong()).isEqualTo(10);
        assertThat(runs.status(behind)).isEqualTo("CAPTURED");
        assertThat(runs.status(refundBehind)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(runs.status(unknown)).isEqualTo("CAPTURED");
        assertThat(runs.reconciliationEvents(unknown)).singleElement().asString().contains("UNKNOWN_ORDER");
        assertThat(runs.status(amountOff)).isEqualTo("PENDING");
        assertThat(runs.status(declined)).isEqualTo("FAILED");

        List<Integer> trail = runs.paymentTrail();
        String second = runs.done(today, today);
        assertThat(runs.paymentTrail()).isEqualTo(trail);
        assertThat(runs.kinds(second)).containsOnly(
                Map.entry(matched, List.of("MATCHED")),
                Map.entry(behind, List.of("MATCHED")),
                Map.entry(refundBehind, List.of("MATCHED", "MATCHED")),
                Map.entry(unknown, List.of("MATCHED")),
                Map.entry(amountOff, List.of("AMOUNT_MISMATCH")),
                Map.entry(currencyOff, List.of("CURRENCY_MISMATCH")),
                Map.entry(authorisedOnly, List.of("MATCHED")),
                Map.entry(voided, List.of("MATCHED")),
                Map.entry(notAtGateway, List.of("MISSING_AT_GATEWAY")));
    }

    /**
     * Seed 002's own Reconciliation request example names neither merchant_ids nor acquirers: its table marks both
     * optional, "Merchant ID 與收單銀行只可擇一使用" (one or the other, not both). The simulator answers it with the partner
     * key's records, and refuses a request naming both.
     */
    @Test
    void theSeedsReconciliationRequestExampleIsAnswered() throws Exception {
        long before = System.currentTimeMillis();
        String recTradeId = payAtTapPay(orderNo("SEEDEX"), null, 520, "TWD").path("rec_trade_id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> capturedAtTapPay(recTradeId));
        long after = System.currentTimeMillis() + 60_000;

        JsonNode answer = simulator(TapPayPaths.RECONCILIATION, """
                {
                    "partner_key": "%s",
                    "transaction_actions": ["CAPTURE", "REFUND"],
                    "start_time_millis": %d,
                    "end_time_millis": %d
                }""".formatted(shop.partnerKey(), before, after));

        assertThat(answer.path("status").asInt()).as(answer.toString()).isIn(0, 2);
        assertThat(answer.path("reconciliation_datas")).as(answer.toString()).anySatisfy(data -> {
            assertThat(data.path("rec_trade_id").asText()).isEqualTo(recTradeId);
            assertThat(data.path("transaction_action").asText()).isEqualTo("CAPTURE");
            assertThat(data.path("trade_amount").isIntegralNumber()).isTrue();
            assertThat(data.path("trade_amount").asLong()).isEqualTo(520);
        });

        JsonNode both = simulator(TapPayPaths.RECONCILIATION, """
                {"partner_key":"%s","transaction_actions":["CAPTURE"],"start_time_millis":%d,"end_time_millis":%d,
                 "merchant_ids":["%s"],"acquirers":["TW_SANDBOX"]}"""
                .formatted(shop.partnerKey(), before, after, shop.merchantId()));
        assertThat(both.path("status").asInt()).isEqualTo(5);
    }

    JsonNode simulator(String path, String body) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + PORT + "/sandbox/tappay" + path))
                .header("Content-Type", "application/json").header("x-api-key", shop.partnerKey())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return CanonicalJson.mapper().readTree(response.body());
    }
}
