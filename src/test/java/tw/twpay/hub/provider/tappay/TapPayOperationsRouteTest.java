package tw.twpay.hub.provider.tappay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/** Record, Cap Today, Cap Cancel, Refund (and void), Refund Cancel through the real routes; TapPay is WireMock. */
@HubTest
class TapPayOperationsRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String MERCHANT = TapPayPaymentRouteTest.MERCHANT;

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.tappay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.tappay.missed-notify-after", () -> "PT1H");
        registry.add("twpay.commands.settle-unknown-after", () -> "PT0S");
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TapPayTrades trades;

    HubHttp http;
    LedgerRows rows;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        gateway.resetAll();
    }

    void paidManually(String orderNo, long amount) {
        paid(orderNo, amount, ",\"capture\":\"manual\"", "AUTHORIZED");
    }

    /** Paid with TapPay's automatic capture: the capture is scheduled, not yet made. */
    void paidWithCapture(String orderNo, long amount) {
        paid(orderNo, amount, "", "CAPTURE_REQUESTED");
    }

    private void paid(String orderNo, long amount, String capture, String status) {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo(orderNo)))
                .willReturn(aResponse().withStatus(200)
                        .withBody(TapPayPaymentRouteTest.paid(orderNo, amount, ""))));
        HttpResponse<String> response = http.post("/api/v1/payments", "application/json",
                TapPayPaymentRouteTest.payment(orderNo, Long.toString(amount), "TWD", capture));
        assertThat(response.body()).contains(status);
    }

    static String recTradeId(String orderNo) {
        return "D" + orderNo.replace("_", "");
    }

    void stubAnswer(String path, String orderNo, String answer) {
        String field = path.equals(TapPayPaths.RECORD) ? "$.filters.rec_trade_id" : "$.rec_trade_id";
        gateway.stubFor(post(urlEqualTo(path))
                .withRequestBody(matchingJsonPath(field, equalTo(recTradeId(orderNo))))
                .willReturn(aResponse().withStatus(200).withBody(answer)));
    }

    /** Record's answer about the order's trade (rec_trade_id as {@link #recTradeId}), as TapPay's Record sends it. */
    void stubRecord(String orderNo, long amount, long originalAmount, long refundedAmount, int recordStatus,
                    boolean captured, long capMillis) {
        stubAnswer(TapPayPaths.RECORD, orderNo, """
                {"status":2,"msg":"End of list","number_of_transactions":1,"trade_records":[
                 {"rec_trade_id":"%s","bank_transaction_id":"%s","merchant_id":"twpay_sandbox_CTBC",
                  "amount":%d,"original_amount":%d,"refunded_amount":%d,"currency":"TWD","record_status":%d,
                  "is_captured":%b,"cap_millis":%d,"auth_code":"654321","time":1764140000000}]}"""
                .formatted(recTradeId(orderNo), TapPayTrades.bankTransactionId(MERCHANT, orderNo), amount,
                        originalAmount, refundedAmount, recordStatus, captured, capMillis));
    }

    /** An order paid with manual capture, then captured by Cap Today. */
    void captureRequested(String orderNo, long amount) throws Exception {
        paidManually(orderNo, amount);
        stubAnswer(TapPayPaths.CAP_TODAY, orderNo, "{\"status\":0,\"msg\":\"\"}");
        assertThat(status(operate(orderNo, "capture", ""))).isEqualTo("CAPTURE_REQUESTED");
    }

    HttpResponse<String> operate(String orderNo, String operation, String body) {
        return http.post("/api/v1/payments/tappay/" + MERCHANT + "/" + orderNo + "/" + operation, "application/json",
                body);
    }

    static String status(HttpResponse<String> response) throws Exception {
        return CanonicalJson.mapper().readTree(response.body()).path("order").path("status").asText();
    }

    JsonNode lastRequest(String path) throws Exception {
        var requests = gateway.findAll(postRequestedFor(urlEqualTo(path)));
        return CanonicalJson.mapper().readTree(requests.get(requests.size() - 1).getBodyAsString());
    }

    @Test
    void aLostPaymentAnswerIsSettledByRecordOnTheBankTransactionId() throws Exception {
        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, "OPS_LOST");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(http.post("/api/v1/payments", "application/json",
                TapPayPaymentRouteTest.payment("OPS_LOST", "500", "TWD", "")).statusCode()).isEqualTo(504);
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.bank_transaction_id", equalTo(bankTransactionId)))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"status":2,"msg":"End of list","number_of_transactions":1,"trade_records":[
                         {"rec_trade_id":"DLOST1","bank_transaction_id":"%s","merchant_id":"twpay_sandbox_CTBC",
                          "amount":500,"original_amount":500,"refunded_amount":0,"currency":"TWD","record_status":0,
                          "is_captured":false,"cap_millis":1764200000000,"auth_code":"654321","time":1764140000000}]}"""
                        .formatted(bankTransactionId))));

        HttpResponse<String> query = operate("OPS_LOST", "query", "");

        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(status(query)).isEqualTo("CAPTURE_REQUESTED");
        assertThat(jdbc.queryForList("select source from ledger_journal where subject = 'OPS_LOST' order by id",
                String.class)).containsExactly("COMMAND", "QUERY");
        assertThat(trades.ofOrder(MERCHANT, "OPS_LOST").orElseThrow().recTradeId()).isEqualTo("DLOST1");
        JsonNode sent = lastRequest(TapPayPaths.RECORD);
        assertThat(sent.path("filters").has("rec_trade_id")).isFalse();
        // now that TapPay's id is known, Record is asked by it; the same record again changes nothing
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.rec_trade_id", equalTo("DLOST1")))
                .willReturn(aResponse().withStatus(200).withBody(gateway.getAllServeEvents().stream()
                        .filter(event -> event.getRequest().getUrl().equals(TapPayPaths.RECORD)).findFirst().orElseThrow()
                        .getResponse()
                        .getBodyAsString())));
        assertThat(operate("OPS_LOST", "query", "").statusCode()).isEqualTo(200);
        assertThat(rows.journal("OPS_LOST")).isEqualTo(2);
    }

    @Test
    void tradeHistoryListsTheOperationsAndSettlesARefundStillPendingAtTheBank() throws Exception {
        paidManually("OPS_HIST", 800);
        String id = recTradeId("OPS_HIST");
        // Record counts the refund (and, as tappay-nodejs' typings mislead, no refunded_amount)
        String record = """
                {"status":2,"msg":"End of list","trade_records":[{"rec_trade_id":"%s","merchant_id":"twpay_sandbox_CTBC",
                 "amount":0,"original_amount":800,"currency":"TWD","record_status":3,"is_captured":true,
                 "cap_millis":1764150000000,"auth_code":"123456","time":1764140000000}]}""".formatted(id);
        stubAnswer(TapPayPaths.RECORD, "OPS_HIST", record);
        String history = """
                {"status":0,"msg":"Success","rec_trade_id":"%s","currency":"TWD","trade_history":[
                 {"action":0,"amount":800,"millis":1764140000000,"success":true,"is_pending":false},
                 {"action":1,"amount":800,"millis":1764150000000,"success":true,"is_pending":false},
                 {"action":3,"amount":800,"millis":1764160000000,"success":true,"is_pending":%s,"refund_id":"R1",
                  "can_refund_cancel_millis":1764170000000}]}""";
        stubAnswer(TapPayPaths.TRADE_HISTORY, "OPS_HIST", history.formatted(id, "true"));

        HttpResponse<String> pending = operate("OPS_HIST", "query", "");

        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(status(pending)).isEqualTo("REFUND_REQUESTED");
        JsonNode operations = CanonicalJson.mapper().readTree(pending.body()).path("operations");
        assertThat(operations).hasSize(3);
        assertThat(operations.get(2).path("action").asText()).isEqualTo("REFUND");
        assertThat(operations.get(2).path("actionCode").asInt()).isEqualTo(3);
        assertThat(operations.get(2).path("pending").asBoolean()).isTrue();
        assertThat(operations.get(2).path("refundId").asText()).isEqualTo("R1");
        assertThat(operations.get(2).path("amount").path("value").asText()).isIn("800", "800.00");
        assertThat(lastRequest(TapPayPaths.TRADE_HISTORY).path("rec_trade_id").asText()).isEqualTo(id);

        // the bank made the refund: the same record is now REFUNDED, for the amount the history shows done
        stubAnswer(TapPayPaths.TRADE_HISTORY, "OPS_HIST", history.formatted(id, "false"));
        assertThat(status(operate("OPS_HIST", "query", ""))).isEqualTo("REFUNDED");
        assertThat(jdbc.queryForObject("select amount_value from ledger_journal where subject = 'OPS_HIST'"
                + " and status = 'REFUNDED'", java.math.BigDecimal.class)).isEqualByComparingTo("800");
        int journal = rows.journal("OPS_HIST");

        // no history to be had: the record alone answers (the same fact, nothing new), without operations
        gateway.stubFor(post(urlEqualTo(TapPayPaths.TRADE_HISTORY))
                .willReturn(aResponse().withStatus(503)));
        HttpResponse<String> alone = operate("OPS_HIST", "query", "");
        assertThat(alone.statusCode()).isEqualTo(200);
        assertThat(status(alone)).isEqualTo("REFUNDED");
        assertThat(CanonicalJson.mapper().readTree(alone.body()).path("operations")).isEmpty();
        assertThat(rows.journal("OPS_HIST")).isEqualTo(journal);
    }

    /**
     * A record TapPay does not have, or of another merchant, changes nothing; a record of the order's trade in
     * another amount or currency is stored as TapPay reports it, flagged, without moving the order. (It was refused
     * with a 502 before: nothing journalled, the ERP never told, the poll asking again for days.)
     */
    @Test
    void aRecordTapPayDoesNotHaveOrOfAnotherMerchantChangesNothingAndOneThatDisagreesIsFlagged() throws Exception {
        paidManually("OPS_ODD", 100);
        stubAnswer(TapPayPaths.RECORD, "OPS_ODD", "{\"status\":2,\"msg\":\"End of list\",\"trade_records\":[]}");
        assertThat(status(operate("OPS_ODD", "query", ""))).isEqualTo("AUTHORIZED");
        stubAnswer(TapPayPaths.RECORD, "OPS_ODD", """
                {"status":0,"trade_records":[{"rec_trade_id":"DOPSODD","merchant_id":"someone_else","amount":100,
                 "currency":"TWD","record_status":1,"is_captured":true}]}""");
        assertThat(operate("OPS_ODD", "query", "").statusCode()).isEqualTo(502);
        assertThat(rows.journal("OPS_ODD")).isEqualTo(2);

        stubAnswer(TapPayPaths.RECORD, "OPS_ODD", """
                {"status":0,"trade_records":[{"rec_trade_id":"DOPSODD","amount":999,"currency":"TWD",
                 "record_status":1,"is_captured":true}]}""");
        HttpResponse<String> flagged = operate("OPS_ODD", "query", "");

        assertThat(flagged.statusCode()).isEqualTo(200);
        assertThat(status(flagged)).isEqualTo("AUTHORIZED");
        assertThat(rows.orderStatus("OPS_ODD")).isEqualTo("AUTHORIZED");
        assertThat(rows.journal("OPS_ODD")).isEqualTo(3);
        java.util.Map<String, Object> row = jdbc.queryForMap("select status, amount_value, currency, source,"
                + " cast(event_json as varchar(100000)) as event_json from ledger_journal"
                + " where subject = 'OPS_ODD' and outcome = 'FLAGGED'");
        assertThat(row.get("status")).isEqualTo("CAPTURED");
        assertThat((java.math.BigDecimal) row.get("amount_value")).isEqualByComparingTo("999");
        assertThat(row.get("currency")).isEqualTo("TWD");
        assertThat(row.get("source")).isEqualTo("QUERY");
        assertThat(row.get("event_json").toString()).contains("AMOUNT_MISMATCH");
        // the same record again is the same fact
        assertThat(operate("OPS_ODD", "query", "").statusCode()).isEqualTo(200);
        assertThat(rows.journal("OPS_ODD")).isEqualTo(3);

        // a currency TapPay has no amount rule for is kept as TapPay wrote it, and flagged
        paidManually("OPS_YEN", 100);
        stubAnswer(TapPayPaths.RECORD, "OPS_YEN", """
                {"status":2,"trade_records":[{"rec_trade_id":"DOPSYEN","amount":100,"currency":"JPY",
                 "record_status":0,"is_captured":false,"auth_code":"123456"}]}""");
        assertThat(status(operate("OPS_YEN", "query", ""))).isEqualTo("AUTHORIZED");
        assertThat(jdbc.queryForObject("select cast(event_json as varchar(100000)) from ledger_journal"
                + " where subject = 'OPS_YEN' and outcome = 'FLAGGED' and currency = 'JPY'", String.class))
                .contains("CURRENCY_MISMATCH");

        // the ledger flags only reports of payments: a refund of a trade in another currency is refused, not applied
        paidManually("OPS_USD_REFUND", 1000);
        stubAnswer(TapPayPaths.RECORD, "OPS_USD_REFUND", """
                {"status":2,"trade_records":[{"rec_trade_id":"DOPSUSDREFUND","currency":"USD","original_amount":7,
                 "refunded_amount":7,"record_status":3,"is_captured":true,"auth_code":"123456"}]}""");
        assertThat(operate("OPS_USD_REFUND", "query", "").statusCode()).isEqualTo(502);
        assertThat(rows.orderStatus("OPS_USD_REFUND")).isEqualTo("AUTHORIZED");
        assertThat(rows.journal("OPS_USD_REFUND")).isEqualTo(2);
    }

    @Test
    void captureCancelCaptureRefundAndCancelRefund() throws Exception {
        paidManually("OPS_FULL", 1000);

        stubAnswer(TapPayPaths.CAP_TODAY, "OPS_FULL", "{\"status\":0,\"msg\":\"\",\"cap_millis\":1764200000000,"
                + "\"currency\":\"TWD\"}");
        assertThat(operate("OPS_FULL", "capture", "{\"amount\":{\"value\":\"10\"}}").statusCode()).isEqualTo(400);
        assertThat(status(operate("OPS_FULL", "capture", ""))).isEqualTo("CAPTURE_REQUESTED");
        assertThat(lastRequest(TapPayPaths.CAP_TODAY).path("rec_trade_id").asText()).isEqualTo("DOPSFULL");

        stubAnswer(TapPayPaths.CAP_CANCEL, "OPS_FULL", "{\"status\":0,\"msg\":\"\"}");
        assertThat(status(operate("OPS_FULL", "cancel-capture", ""))).isEqualTo("AUTHORIZED");
        assertThat(status(operate("OPS_FULL", "capture", ""))).isEqualTo("CAPTURE_REQUESTED");

        stubAnswer(TapPayPaths.RECORD, "OPS_FULL", """
                {"status":2,"trade_records":[{"rec_trade_id":"DOPSFULL","amount":1000,"original_amount":1000,
                 "refunded_amount":0,"currency":"TWD","record_status":1,"is_captured":true,"auth_code":"123456"}]}""");
        assertThat(status(operate("OPS_FULL", "query", ""))).isEqualTo("CAPTURED");

        assertThat(operate("OPS_FULL", "refund", "{\"amount\":{\"value\":\"1001\"}}").statusCode()).isEqualTo(400);
        stubAnswer(TapPayPaths.REFUND, "OPS_FULL", """
                {"status":0,"msg":"","refund_id":"R100","refund_amount":400,"is_captured":true,"currency":"TWD"}""");
        HttpResponse<String> refund = operate("OPS_FULL", "refund", "{\"amount\":{\"value\":\"400\"}}");
        assertThat(status(refund)).isEqualTo("REFUND_REQUESTED");
        JsonNode refundSent = lastRequest(TapPayPaths.REFUND);
        assertThat(refundSent.path("amount").isIntegralNumber()).isTrue();
        assertThat(refundSent.path("amount").asLong()).isEqualTo(400);

        stubAnswer(TapPayPaths.REFUND_CANCEL, "OPS_FULL", """
                {"status":0,"msg":"","currency":"TWD","rec_trade_id":"DOPSFULL",
                 "result":[{"success":true,"refund_id":"R100","amount":400}]}""");
        assertThat(status(operate("OPS_FULL", "cancel-refund", ""))).isEqualTo("CAPTURED");
        assertThat(lastRequest(TapPayPaths.REFUND_CANCEL).path("refund_id").asText()).isEqualTo("R100");
        assertThat(jdbc.queryForList("select status from ledger_journal where subject = 'OPS_FULL' order by id",
                String.class)).containsExactly("PENDING", "AUTHORIZED", "CAPTURE_REQUESTED", "AUTHORIZED",
                "CAPTURE_REQUESTED", "CAPTURED", "REFUND_REQUESTED", "CAPTURED");
    }

    /** TapPay's withdrawals take no amount: one given is refused, not dropped. */
    @Test
    void aWithdrawalGivenAnAmountIsRefusedBeforeAnyCall() throws Exception {
        paidManually("OPS_WHOLE", 500);
        stubAnswer(TapPayPaths.CAP_TODAY, "OPS_WHOLE", "{\"status\":0,\"msg\":\"\"}");
        assertThat(status(operate("OPS_WHOLE", "capture", ""))).isEqualTo("CAPTURE_REQUESTED");

        HttpResponse<String> part = operate("OPS_WHOLE", "cancel-capture", "{\"amount\":{\"value\":\"100\"}}");

        assertThat(part.statusCode()).isEqualTo(400);
        assertThat(part.body()).contains("leave amount out");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.CAP_CANCEL)))).isEmpty();
        assertThat(rows.orderStatus("OPS_WHOLE")).isEqualTo("CAPTURE_REQUESTED");
    }

    @Test
    void aRefundBeforeCaptureIsAWholeVoid() throws Exception {
        paidManually("OPS_VOID", 300);
        assertThat(operate("OPS_VOID", "refund", "{\"amount\":{\"value\":\"100\"}}").statusCode()).isEqualTo(400);
        stubAnswer(TapPayPaths.REFUND, "OPS_VOID", """
                {"status":0,"msg":"","refund_id":"RV1","refund_amount":300,"is_captured":false}""");
        assertThat(status(operate("OPS_VOID", "refund", ""))).isEqualTo("VOIDED");
        assertThat(lastRequest(TapPayPaths.REFUND).has("amount")).isFalse();
    }

    @Test
    void refusalsPassTapPaysMessageOnAndUnknownOutcomesChangeNothing() throws Exception {
        paidManually("OPS_NO", 300);
        stubAnswer(TapPayPaths.REFUND, "OPS_NO", "{\"status\":92,\"msg\":\"Refund not allowed today\"}");
        HttpResponse<String> refused = operate("OPS_NO", "cancel", "");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("92 Refund not allowed today");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.CAP_TODAY)).willReturn(aResponse().withStatus(503)));
        assertThat(operate("OPS_NO", "capture", "").statusCode()).isEqualTo(504);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.CAP_TODAY))))
                .as("Cap Today answered 503 is not sent again by the HTTP client").hasSize(1);
        assertThat(rows.orderStatus("OPS_NO")).isEqualTo("AUTHORIZED");
        assertThat(operate("OPS_NO", "cancel-refund", "").statusCode()).isEqualTo(409);
        assertThat(rows.journal("OPS_NO")).isEqualTo(2);
        assertThat(List.of(operate("NOT_AN_ORDER", "query", "").statusCode())).containsExactly(404);

        paidManually("OPS_BANK", 300);
        stubAnswer(TapPayPaths.CAP_TODAY, "OPS_BANK", "{\"status\":10004,\"msg\":\"Bank time-out\"}");
        assertThat(operate("OPS_BANK", "capture", "").statusCode()).isEqualTo(504);
        assertThat(rows.orderStatus("OPS_BANK")).isEqualTo("AUTHORIZED");
        assertThat(rows.journal("OPS_BANK")).isEqualTo(2);
    }

    /**
     * An operation whose outcome is unknown is never sent again: the order takes no other operation until a query
     * of TapPay (here at once: settle-unknown-after is PT0S in this class) shows what was done.
     */
    @Test
    void anOperationWithAnUnknownOutcomeBlocksTheOrderUntilAQuerySettlesIt() throws Exception {
        paidManually("OPS_UNKNOWN", 1000);
        stubAnswer(TapPayPaths.CAP_TODAY, "OPS_UNKNOWN", "{\"status\":0,\"msg\":\"\",\"rec_trade_id\":\"DOPSUNKNOWN\"}");
        assertThat(status(operate("OPS_UNKNOWN", "capture", ""))).isEqualTo("CAPTURE_REQUESTED");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.REFUND))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(operate("OPS_UNKNOWN", "refund", "{\"amount\":{\"value\":\"400\"}}").statusCode()).isEqualTo(504);
        HttpResponse<String> again = operate("OPS_UNKNOWN", "refund", "{\"amount\":{\"value\":\"400\"}}");
        HttpResponse<String> other = operate("OPS_UNKNOWN", "cancel-capture", "");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("has a refund of 400.00 TWD in flight since", "/query");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.REFUND)))).as("refunds sent").hasSize(1);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.CAP_CANCEL)))).isEmpty();

        // TapPay did refund: Record says so, and the query settles the refund
        stubRecord("OPS_UNKNOWN", 600, 1000, 400, 2, true, 1764200000000L);
        assertThat(operate("OPS_UNKNOWN", "query", "").statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("OPS_UNKNOWN")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(rows.operationsInFlight("OPS_UNKNOWN")).isZero();

        // the order takes operations again
        stubAnswer(TapPayPaths.REFUND, "OPS_UNKNOWN", """
                {"status":0,"msg":"","refund_id":"R2","refund_amount":100,"is_captured":true}""");
        assertThat(operate("OPS_UNKNOWN", "refund", "{\"amount\":{\"value\":\"100\"}}").statusCode()).isEqualTo(200);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.REFUND)))).hasSize(2);
    }

    /**
     * A refund whose answer was lost reaches the ledger only as the query that settles it: the refunded total Record
     * reports is what the next refund without an amount leaves out (it sent the whole capture, which TapPay refuses).
     */
    @Test
    void aRefundSettledByQueryIsTakenOffTheDefaultRefund() throws Exception {
        captureRequested("OPS_BALANCE", 1000);
        stubRecord("OPS_BALANCE", 1000, 1000, 0, 1, true, 1764200000000L);
        assertThat(status(operate("OPS_BALANCE", "query", ""))).isEqualTo("CAPTURED");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.REFUND)).willReturn(aResponse().withStatus(503)));
        assertThat(operate("OPS_BALANCE", "refund", "{\"amount\":{\"value\":\"300\"}}").statusCode())
                .isEqualTo(504);
        stubRecord("OPS_BALANCE", 700, 1000, 300, 2, true, 1764200000000L);
        assertThat(status(operate("OPS_BALANCE", "query", ""))).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(rows.operationsInFlight("OPS_BALANCE")).isZero();

        stubAnswer(TapPayPaths.REFUND, "OPS_BALANCE", """
                {"status":0,"msg":"","refund_id":"R9","refund_amount":700,"is_captured":true}""");
        assertThat(operate("OPS_BALANCE", "refund", "{\"amount\":{\"value\":\"701\"}}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> rest = operate("OPS_BALANCE", "refund", "");

        assertThat(status(rest)).isEqualTo("REFUND_REQUESTED");
        assertThat(lastRequest(TapPayPaths.REFUND).path("amount").asLong()).isEqualTo(700);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.REFUND)))).as("refunds sent").hasSize(2);
    }

    /** A refund made in TapPay's portal, learned by query, is not refundable again through the hub. */
    @Test
    void aRefundMadeOutsideTheHubLearnedByQueryReducesTheDefaultRefund() throws Exception {
        captureRequested("OPS_PORTAL", 1000);
        stubRecord("OPS_PORTAL", 750, 1000, 250, 2, true, 1764200000000L);
        assertThat(status(operate("OPS_PORTAL", "query", ""))).isEqualTo("PARTIALLY_REFUNDED");

        stubAnswer(TapPayPaths.REFUND, "OPS_PORTAL", """
                {"status":0,"msg":"","refund_id":"R10","refund_amount":750,"is_captured":true}""");
        HttpResponse<String> tooMuch = operate("OPS_PORTAL", "refund", "{\"amount\":{\"value\":\"800\"}}");
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("can still be refunded 750");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.REFUND)))).isEmpty();

        assertThat(status(operate("OPS_PORTAL", "refund", ""))).isEqualTo("REFUND_REQUESTED");
        assertThat(lastRequest(TapPayPaths.REFUND).path("amount").asLong()).isEqualTo(750);
    }

    /** TapPay refunded, then the ledger write failed: the ERP is told not to send the refund again, and cannot. */
    @Test
    void aRefundTheLedgerCouldNotRecordIsNotSentAgain() throws Exception {
        paidManually("OPS_UNRECORDED", 1000);
        stubAnswer(TapPayPaths.CAP_TODAY, "OPS_UNRECORDED", "{\"status\":0,\"msg\":\"\"}");
        assertThat(status(operate("OPS_UNRECORDED", "capture", ""))).isEqualTo("CAPTURE_REQUESTED");
        stubAnswer(TapPayPaths.REFUND, "OPS_UNRECORDED", """
                {"status":0,"msg":"","refund_id":"RU1","refund_amount":400,"is_captured":true}""");
        HttpResponse<String> refund;
        jdbc.execute("alter table ledger_journal add constraint audit_no_refunds"
                + " check (subject <> 'OPS_UNRECORDED' or status <> 'REFUND_REQUESTED')");
        try {
            refund = operate("OPS_UNRECORDED", "refund", "{\"amount\":{\"value\":\"400\"}}");
        } finally {
            jdbc.execute("alter table ledger_journal drop constraint audit_no_refunds");
        }

        assertThat(refund.statusCode()).isEqualTo(504);
        assertThat(refund.body()).contains("do not send it again");
        HttpResponse<String> again = operate("OPS_UNRECORDED", "refund", "{\"amount\":{\"value\":\"400\"}}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.REFUND)))).as("refunds sent").hasSize(1);
        assertThat(rows.orderStatus("OPS_UNRECORDED")).isEqualTo("CAPTURE_REQUESTED");
    }

    /**
     * A withdrawal whose outcome is unknown, which TapPay did carry out: its query reports the order a step back
     * (AUTHORIZED after a capture request), and the ledger follows the gateway instead of ignoring the step; the
     * withdrawal is not sent again.
     */
    @Test
    void aWithdrawalWithAnUnknownOutcomeSettledByQueryTakesTheOrderBack() throws Exception {
        paidManually("OPS_WITHDRAWN", 800);
        stubAnswer(TapPayPaths.CAP_TODAY, "OPS_WITHDRAWN", "{\"status\":0,\"msg\":\"\"}");
        assertThat(status(operate("OPS_WITHDRAWN", "capture", ""))).isEqualTo("CAPTURE_REQUESTED");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.CAP_CANCEL))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(operate("OPS_WITHDRAWN", "cancel-capture", "").statusCode()).isEqualTo(504);

        stubRecord("OPS_WITHDRAWN", 800, 800, 0, 0, false, 0L);
        assertThat(operate("OPS_WITHDRAWN", "query", "").statusCode()).isEqualTo(200);

        assertThat(rows.orderStatus("OPS_WITHDRAWN")).isEqualTo("AUTHORIZED");
        assertThat(rows.operationsInFlight("OPS_WITHDRAWN")).isZero();
        assertThat(operate("OPS_WITHDRAWN", "cancel-capture", "").statusCode()).isEqualTo(409);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.CAP_CANCEL)))).hasSize(1);
    }

    /**
     * A query while the operation's call is still running settles nothing, however short settle-unknown-after is
     * (PT0S in this class): TapPay may not have finished with it, and a second refund would be sent. (It was settled
     * by any query made settle-unknown-after after the operation started.)
     */
    @Test
    void aQueryWhileTheCallIsStillRunningDoesNotSettleTheOperation() throws Exception {
        captureRequested("OPS_RUNNING", 1000);
        stubRecord("OPS_RUNNING", 1000, 1000, 0, 1, true, 1764200000000L);
        assertThat(status(operate("OPS_RUNNING", "query", ""))).isEqualTo("CAPTURED");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.REFUND))
                .withRequestBody(matchingJsonPath("$.rec_trade_id", equalTo(recTradeId("OPS_RUNNING"))))
                .willReturn(aResponse().withStatus(200).withFixedDelay(4000).withBody("""
                        {"status":0,"msg":"","refund_id":"R7","refund_amount":400,"is_captured":true}""")));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> refund = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> operate("OPS_RUNNING", "refund", "{\"amount\":{\"value\":\"400\"}}"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3))
                .until(() -> gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.REFUND))).size() == 1);

        // TapPay has not refunded yet, as far as Record shows
        assertThat(operate("OPS_RUNNING", "query", "").statusCode()).isEqualTo(200);
        assertThat(rows.operationsInFlight("OPS_RUNNING")).isOne();
        assertThat(operate("OPS_RUNNING", "refund", "{\"amount\":{\"value\":\"400\"}}").statusCode())
                .isEqualTo(409);

        assertThat(status(refund.get(10, java.util.concurrent.TimeUnit.SECONDS))).isEqualTo("REFUND_REQUESTED");
        assertThat(rows.operationsInFlight("OPS_RUNNING")).isZero();
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.REFUND)))).as("refunds sent").hasSize(1);
    }

    /** A query that shows the gateway elsewhere than the ledger can follow leaves the operation standing. */
    @Test
    void aQueryTheLedgerCannotFollowLeavesTheOperationStanding() throws Exception {
        paidManually("OPS_STANDS", 800);
        gateway.stubFor(post(urlEqualTo(TapPayPaths.CAP_TODAY)).willReturn(aResponse().withStatus(503)));
        assertThat(operate("OPS_STANDS", "capture", "").statusCode()).isEqualTo(504);
        // a record in another amount is stored flagged: the order does not move, so nothing tells what the capture did
        stubRecord("OPS_STANDS", 900, 900, 0, 0, false, 1764200000000L);
        assertThat(operate("OPS_STANDS", "query", "").statusCode()).isEqualTo(200);

        assertThat(rows.orderStatus("OPS_STANDS")).isEqualTo("AUTHORIZED");
        assertThat(operate("OPS_STANDS", "capture", "").statusCode()).isEqualTo(409);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.CAP_TODAY)))).hasSize(1);
    }

    /**
     * A refund of a payment whose capture TapPay had scheduled, its outcome unknown, which TapPay did carry out as a
     * void: the query's record (refunded, not captured) takes the order from CAPTURE_REQUESTED to VOIDED, as TapPay's
     * own answer to the refund would have, and the ERP is told. (It was stored as a REGRESSION before: the order stayed
     * CAPTURE_REQUESTED, the ERP never heard of the void, and the refund stood in flight, every operation a 409.)
     */
    @Test
    void aVoidOfAScheduledCaptureLearnedByQueryVoidsTheOrder() throws Exception {
        paidWithCapture("OPS_VOIDED_CAP", 500);
        gateway.stubFor(post(urlEqualTo(TapPayPaths.REFUND)).willReturn(aResponse().withStatus(503)));
        assertThat(operate("OPS_VOIDED_CAP", "refund", "").statusCode()).isEqualTo(504);
        assertThat(rows.operationsInFlight("OPS_VOIDED_CAP")).isEqualTo(1);
        int told = rows.outbox("OPS_VOIDED_CAP");

        stubRecord("OPS_VOIDED_CAP", 0, 500, 0, 3, false, 0L);
        gateway.stubFor(post(urlEqualTo(TapPayPaths.TRADE_HISTORY)).willReturn(aResponse().withStatus(503)));
        HttpResponse<String> query = operate("OPS_VOIDED_CAP", "query", "");

        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(status(query)).isEqualTo("VOIDED");
        assertThat(rows.orderStatus("OPS_VOIDED_CAP")).isEqualTo("VOIDED");
        assertThat(jdbc.queryForList("select status || ' ' || source || ' ' || outcome from ledger_journal"
                + " where subject = 'OPS_VOIDED_CAP' order by id", String.class))
                .endsWith("VOIDED QUERY APPLIED");
        assertThat(rows.outbox("OPS_VOIDED_CAP")).as("the ERP is told of the void").isEqualTo(told + 1);
        assertThat(rows.operationsInFlight("OPS_VOIDED_CAP")).isZero();
        HttpResponse<String> next = operate("OPS_VOIDED_CAP", "refund", "");
        assertThat(next.statusCode()).isEqualTo(409);
        assertThat(next.body()).contains("in status VOIDED").doesNotContain("in flight");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.REFUND)))).hasSize(1);

        // the same record again tells the ERP nothing more
        assertThat(status(operate("OPS_VOIDED_CAP", "query", ""))).isEqualTo("VOIDED");
        assertThat(status(operate("OPS_VOIDED_CAP", "query", ""))).isEqualTo("VOIDED");
        assertThat(rows.outbox("OPS_VOIDED_CAP")).isEqualTo(told + 1);
    }

    /**
     * Each partial refund is a fact of its own, also when Record has no refunded_amount and the refunded amount comes
     * from Trade History; without the history the record's own numbers (its trade amount less what is left) give the
     * same amount, so the two paths store one fact for one state of the trade, whichever comes first. (The second
     * refund was a DUPLICATE before: the key held refunded_amount, absent, so 0 every time; and without the history
     * the fact carried the trade's whole amount under the key the history's fact used.)
     */
    @Test
    void eachPartialRefundIsItsOwnFactWhenRecordHasNoRefundedAmount() throws Exception {
        paidManually("OPS_PARTS", 1000);
        stubRecord("OPS_PARTS", 1000, 1000, 0, 1, true, 1764150000000L);
        assertThat(status(operate("OPS_PARTS", "query", ""))).isEqualTo("CAPTURED");
        String first = refundDone("R1", 300);
        String second = first + refundDone("R2", 200);
        String third = second + refundDone("R3", 100);

        int journal = rows.journal("OPS_PARTS");
        assertPartlyRefundedByQuery("OPS_PARTS", 700, first);
        assertThat(rows.journal("OPS_PARTS")).isEqualTo(journal + 1);
        assertPartlyRefundedByQuery("OPS_PARTS", 700, null);
        assertThat(rows.journal("OPS_PARTS")).as("the same refund without the history").isEqualTo(journal + 1);

        assertPartlyRefundedByQuery("OPS_PARTS", 500, second);
        assertThat(rows.journal("OPS_PARTS")).as("a second refund").isEqualTo(journal + 2);
        assertPartlyRefundedByQuery("OPS_PARTS", 500, null);
        assertThat(rows.journal("OPS_PARTS")).isEqualTo(journal + 2);

        // the third is learned first without the history, then with it
        assertPartlyRefundedByQuery("OPS_PARTS", 400, null);
        assertThat(rows.journal("OPS_PARTS")).as("a third refund").isEqualTo(journal + 3);
        assertPartlyRefundedByQuery("OPS_PARTS", 400, third);
        assertThat(rows.journal("OPS_PARTS")).isEqualTo(journal + 3);

        assertThat(jdbc.queryForList("select amount_value from ledger_journal where subject = 'OPS_PARTS'"
                + " and status = 'PARTIALLY_REFUNDED' and outcome = 'APPLIED' order by id", BigDecimal.class))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("300"), new BigDecimal("500"), new BigDecimal("600"));

        // a partial refund neither Record nor a history tells the amount of is not stored as the whole trade's
        stubAnswer(TapPayPaths.RECORD, "OPS_PARTS", """
                {"status":2,"trade_records":[{"rec_trade_id":"%s","currency":"TWD","record_status":2,
                 "is_captured":true,"auth_code":"123456"}]}""".formatted(recTradeId("OPS_PARTS")));
        gateway.stubFor(post(urlEqualTo(TapPayPaths.TRADE_HISTORY)).willReturn(aResponse().withStatus(503)));
        HttpResponse<String> untold = operate("OPS_PARTS", "query", "");
        assertThat(untold.statusCode()).isEqualTo(502);
        assertThat(untold.body()).contains("partly refunded and tells not how much");
        assertThat(rows.journal("OPS_PARTS")).isEqualTo(journal + 3);
    }

    static String refundDone(String refundId, long amount) {
        return """
                ,{"action":3,"amount":%d,"millis":1764160000000,"success":true,"is_pending":false,"refund_id":"%s"}"""
                .formatted(amount, refundId);
    }

    /**
     * A query of the order's trade, partly refunded with so much left: Record without refunded_amount, then Trade
     * History with these refunds after the authorisation and the capture (null: no history to be had).
     */
    void assertPartlyRefundedByQuery(String orderNo, long left, String refunds) throws Exception {
        String id = recTradeId(orderNo);
        stubAnswer(TapPayPaths.RECORD, orderNo, """
                {"status":2,"msg":"End of list","trade_records":[{"rec_trade_id":"%s","merchant_id":"twpay_sandbox_CTBC",
                 "amount":%d,"original_amount":1000,"currency":"TWD","record_status":2,"is_captured":true,
                 "cap_millis":1764150000000,"auth_code":"123456","time":1764140000000}]}""".formatted(id, left));
        if (refunds == null) {
            gateway.stubFor(post(urlEqualTo(TapPayPaths.TRADE_HISTORY)).willReturn(aResponse().withStatus(503)));
        } else {
            stubAnswer(TapPayPaths.TRADE_HISTORY, orderNo, """
                    {"status":0,"msg":"Success","rec_trade_id":"%s","currency":"TWD","trade_history":[
                     {"action":0,"amount":1000,"millis":1764140000000,"success":true,"is_pending":false},
                     {"action":1,"amount":1000,"millis":1764150000000,"success":true,"is_pending":false}%s]}"""
                    .formatted(id, refunds));
        }
        HttpResponse<String> query = operate(orderNo, "query", "");
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(status(query)).isEqualTo("PARTIALLY_REFUNDED");
    }
}
