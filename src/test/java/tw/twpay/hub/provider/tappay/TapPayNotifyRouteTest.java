package tw.twpay.hub.provider.tappay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/** Backend notifies are hints: Record (WireMock) confirms them, or nothing is stored and the answer is uniform. */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class TapPayNotifyRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String MERCHANT = TapPayPaymentRouteTest.MERCHANT;
    static final String NOTIFY = "/callbacks/tappay/" + MERCHANT + "/notify";
    /** Record confirmations one order's notifies may ask for in an hour. */
    static final int CONFIRMATIONS_PER_HOUR = 4;

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.tappay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.tappay.missed-notify-after", () -> "PT1H");
        registry.add("twpay.providers.tappay.notify-confirmations-per-hour", () -> CONFIRMATIONS_PER_HOUR);
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

    /** A 3-D Secure payment: TapPay answered the redirect, the order waits PENDING for the notify. */
    void redirected(String orderNo, long amount) {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo(orderNo)))
                .willReturn(aResponse().withStatus(200).withBody(TapPayPaymentRouteTest.paid(orderNo, amount,
                        ",\"payment_url\":\"https://sandbox.tappaysdk.com/3ds\""))));
        assertThat(http.post("/api/v1/payments", "application/json", TapPayPaymentRouteTest.payment(orderNo,
                Long.toString(amount), "TWD", ",\"threeDS\":true,\"returnUrl\":\"https://shop.example.com/back\""))
                .body()).contains("REDIRECT");
    }

    /** A 3-D Secure payment whose answer was lost: the hub holds no rec_trade_id of the trade. */
    void payAnswerLost(String orderNo, long amount) {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo(orderNo)))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(http.post("/api/v1/payments", "application/json", TapPayPaymentRouteTest.payment(orderNo,
                Long.toString(amount), "TWD", ",\"threeDS\":true,\"returnUrl\":\"https://shop.example.com/back\""))
                .statusCode()).isEqualTo(504);
    }

    void stubRecord(String recTradeId, String record) {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.rec_trade_id", equalTo(recTradeId)))
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"status\":2,\"msg\":\"End of list\",\"trade_records\":[" + record + "]}")));
    }

    static String notify(String recTradeId, String bankTransactionId, long amount) {
        return """
                {"status":0,"msg":"Success","rec_trade_id":"%s","bank_transaction_id":"%s","amount":%d,
                 "order_number":"","acquirer":"TW_CTBC","transaction_time_millis":1764140000000,
                 "bank_result_code":"00","bank_result_msg":""}""".formatted(recTradeId, bankTransactionId, amount);
    }

    @Test
    void aNotifyConfirmedByRecordStoresWhatRecordSays() {
        redirected("NTF_OK", 700);
        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, "NTF_OK");
        stubRecord("DNTFOK", """
                {"rec_trade_id":"DNTFOK","bank_transaction_id":"%s","merchant_id":"twpay_sandbox_CTBC","amount":700,
                 "original_amount":700,"refunded_amount":0,"currency":"TWD","record_status":1,"is_captured":true,
                 "auth_code":"111111","time":1764140000000}""".formatted(bankTransactionId));

        HttpResponse<String> response = http.post(NOTIFY, "application/json",
                notify("DNTFOK", bankTransactionId, 700));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("NTF_OK")).isEqualTo("CAPTURED");
        assertThat(jdbc.queryForList("select source from ledger_journal where subject = 'NTF_OK' order by id",
                String.class)).containsExactly("COMMAND", "COMMAND", "CALLBACK");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD)))).hasSize(1);
        // TapPay repeating the notify stores nothing new
        assertThat(http.post(NOTIFY, "application/json", notify("DNTFOK", bankTransactionId, 700)).statusCode())
                .isEqualTo(200);
        assertThat(rows.journal("NTF_OK")).isEqualTo(3);
    }

    @Test
    void aForgedNotifyStoresNothingAndAsksTapPayNothing(CapturedOutput log) {
        int before = rows.allJournal();
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DFORGED", "TWFORGED", 1)), log, "names no trade the hub started");
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json", "not json"), log,
                "not a JSON object");
        CallbackRefusal.assertUniformRefusal(http.post("/callbacks/tappay/nobody/notify", "application/json",
                notify("DFORGED", "TWFORGED", 1)), log, "no TapPay merchant 'nobody'");
        assertThat(rows.allJournal()).isEqualTo(before);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD)))).isEmpty();
    }

    @Test
    void aNotifyRecordDoesNotConfirmStoresNothing(CapturedOutput log) {
        redirected("NTF_NO", 500);
        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, "NTF_NO");
        stubRecord("DNTFNO", "");
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DNTFNO", bankTransactionId, 500)), log, "Record does not know the notified trade");

        // Record's trade must name the order's bank_transaction_id: a record without it could be any trade
        stubRecord("DNTFNO", """
                {"rec_trade_id":"DNTFNO","amount":500,"currency":"TWD","record_status":1,"is_captured":true}""");
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DNTFNO", bankTransactionId, 500)), log, "does not name the order's bank_transaction_id");
        // a record without its currency cannot be checked against the order
        stubRecord("DNTFNO", """
                {"rec_trade_id":"DNTFNO","bank_transaction_id":"%s","amount":500,"record_status":1,
                 "is_captured":true}""".formatted(bankTransactionId));
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DNTFNO", bankTransactionId, 500)), log, "names no currency");
        // nor is a record of another merchant
        stubRecord("DNTFNO", """
                {"rec_trade_id":"DNTFNO","bank_transaction_id":"%s","merchant_id":"someone_else","amount":500,
                 "currency":"TWD","record_status":1,"is_captured":true}""".formatted(bankTransactionId));
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DNTFNO", bankTransactionId, 500)), log, "another TapPay merchant");
        // a notify that names the trade's rec_trade_id with another bank_transaction_id is not the order's
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DNTFNO", "TWSOMETHINGELSE", 500)), log, "bank_transaction_id is not the trade's");
        assertThat(rows.orderStatus("NTF_NO")).isEqualTo("PENDING");
        assertThat(rows.journal("NTF_NO")).isEqualTo(2);
    }

    /**
     * Record confirms the trade, in another amount or currency than the order's: what TapPay reports is stored,
     * flagged by the ledger, and the order does not move. (These notifies were refused before, and nothing was
     * journalled or told to the ERP.)
     */
    @Test
    void aConfirmedTradeInAnotherAmountOrCurrencyIsStoredFlagged() {
        assertFlagged("NTF_ODD", 5, "TWD", "5", "AMOUNT_MISMATCH");
        // USD on the wire is in cents
        assertFlagged("NTF_USD", 500, "USD", "5.00", "CURRENCY_MISMATCH");
    }

    void assertFlagged(String orderNo, long wireAmount, String currency, String amount, String flag) {
        redirected(orderNo, 500);
        int queued = rows.outbox(orderNo);
        String recTradeId = "D" + orderNo.replace("_", "");
        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, orderNo);
        stubRecord(recTradeId, """
                {"rec_trade_id":"%s","bank_transaction_id":"%s","amount":%d,"currency":"%s","record_status":1,
                 "is_captured":true}""".formatted(recTradeId, bankTransactionId, wireAmount, currency));

        assertThat(http.post(NOTIFY, "application/json", notify(recTradeId, bankTransactionId, 500)).statusCode())
                .as(orderNo).isEqualTo(200);

        assertThat(rows.orderStatus(orderNo)).as(orderNo).isEqualTo("PENDING");
        List<Map<String, Object>> flagged = jdbc.queryForList("select amount_value, currency,"
                + " cast(event_json as varchar(100000)) as event_json from ledger_journal"
                + " where subject = ? and outcome = 'FLAGGED'", orderNo);
        assertThat(flagged).as(orderNo).hasSize(1);
        assertThat((java.math.BigDecimal) flagged.get(0).get("amount_value")).isEqualByComparingTo(amount);
        assertThat(flagged.get(0).get("currency")).isEqualTo(currency);
        assertThat(flagged.get(0).get("event_json").toString()).contains(flag);
        // the ERP is told
        assertThat(rows.outbox(orderNo)).as(orderNo).isEqualTo(queued + 1);
    }

    /**
     * The pay answer was lost, so the hub has no rec_trade_id yet: a notify naming the order's bank_transaction_id
     * and someone else's rec_trade_id must not choose the record that confirms it. Record is asked by the hub's own
     * bank_transaction_id only; the genuine notify then stores TapPay's id of the trade.
     */
    @Test
    void aNotifyCannotChooseTheRecordThatConfirmsIt(CapturedOutput log) {
        payAnswerLost("NTF_LOST", 800);
        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, "NTF_LOST");
        // another trade of the merchant, which Record would answer without bank_transaction_id or currency
        stubRecord("DSOMEONEELSE", """
                {"rec_trade_id":"DSOMEONEELSE","amount":800,"record_status":1,"is_captured":true}""");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.bank_transaction_id", equalTo(bankTransactionId)))
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"status\":2,\"msg\":\"End of list\",\"trade_records\":[]}")));

        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DSOMEONEELSE", bankTransactionId, 800)), log, "Record does not know the notified trade");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.rec_trade_id")))).isEmpty();

        // TapPay has the order's trade under its own id: a notify naming another rec_trade_id is still refused
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.bank_transaction_id", equalTo(bankTransactionId)))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"status":2,"msg":"End of list","trade_records":[{"rec_trade_id":"DNTFLOST",
                         "bank_transaction_id":"%s","merchant_id":"twpay_sandbox_CTBC","amount":800,
                         "original_amount":800,"refunded_amount":0,"currency":"TWD","record_status":1,
                         "is_captured":true,"auth_code":"333333","time":1764140000000}]}"""
                        .formatted(bankTransactionId))));
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DSOMEONEELSE", bankTransactionId, 800)), log, "is not the one Record gives");
        assertThat(rows.orderStatus("NTF_LOST")).isEqualTo("PENDING");
        assertThat(rows.journal("NTF_LOST")).isEqualTo(1);
        assertThat(trades.ofOrder(MERCHANT, "NTF_LOST").orElseThrow().recTradeId()).isNull();

        // the genuine notify: confirmed, and TapPay's id of the trade is kept for Capture, Refund and later queries
        assertThat(http.post(NOTIFY, "application/json", notify("DNTFLOST", bankTransactionId, 800)).statusCode())
                .isEqualTo(200);
        assertThat(rows.orderStatus("NTF_LOST")).isEqualTo("CAPTURED");
        assertThat(trades.ofOrder(MERCHANT, "NTF_LOST").orElseThrow().recTradeId()).isEqualTo("DNTFLOST");
        assertThat(jdbc.queryForObject("select provider_trade_id from ledger_order where order_no = 'NTF_LOST'",
                String.class)).isEqualTo("DNTFLOST");
    }

    /**
     * bank_transaction_id is computed from the merchant alias (in the notify's URL) and the order number (often
     * sequential): once TapPay has given the trade its rec_trade_id, a notify must name that id. One naming the order
     * only by bank_transaction_id gets the answer of an unknown order, and TapPay is not asked: no partner-key query
     * for anyone who can post, and no 200 telling that the order exists.
     */
    @Test
    void aNotifyNotNamingTheRecTradeIdTapPayGaveIsRefusedLikeAnUnknownOrderWithoutAskingRecord(CapturedOutput log) {
        redirected("NTF_GUESS", 700);
        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, "NTF_GUESS");
        String record = """
                {"rec_trade_id":"DNTFGUESS","bank_transaction_id":"%s","merchant_id":"twpay_sandbox_CTBC","amount":700,
                 "original_amount":700,"refunded_amount":0,"currency":"TWD","record_status":1,"is_captured":true,
                 "auth_code":"111111","time":1764140000000}""".formatted(bankTransactionId);
        stubRecord("DNTFGUESS", record);
        HttpResponse<String> unknownOrder = http.post(NOTIFY, "application/json", """
                {"bank_transaction_id":"%s"}""".formatted(TapPayTrades.bankTransactionId(MERCHANT, "NTF_NONE")));

        HttpResponse<String> guessed = http.post(NOTIFY, "application/json", """
                {"bank_transaction_id":"%s"}""".formatted(bankTransactionId));

        CallbackRefusal.assertUniformRefusal(guessed, log, "does not name the rec_trade_id TapPay gave the trade");
        assertThat(guessed.body()).isEqualTo(unknownOrder.body());
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DSOMEONEELSE", bankTransactionId, 700)), log, "does not name the rec_trade_id");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD)))).isEmpty();
        assertThat(rows.journal("NTF_GUESS")).isEqualTo(2);

        // TapPay's own notify names the trade's rec_trade_id, and still confirms
        assertThat(http.post(NOTIFY, "application/json", notify("DNTFGUESS", bankTransactionId, 700)).statusCode())
                .isEqualTo(200);
        assertThat(rows.orderStatus("NTF_GUESS")).isEqualTo("CAPTURED");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD)))).hasSize(1);
    }

    /**
     * Notifies that pass the id checks (a trade whose pay answer was lost is named by bank_transaction_id alone, and
     * the customer sees the rec_trade_id of their own trade in the return URL) ask Record at most
     * {@code notify-confirmations-per-hour} times an hour for one order: beyond that they get the uniform refusal,
     * Record is not asked, and nothing is stored. The order is still settled by the hub's own query of Record (the
     * missed-notify poll's, here the ERP's), which the cap does not count.
     */
    @Test
    void notifiesBeyondTheOrdersConfirmationsOfTheHourDoNotAskRecord(CapturedOutput log) {
        payAnswerLost("NTF_CAP", 900);
        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, "NTF_CAP");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.bank_transaction_id", equalTo(bankTransactionId)))
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"status\":2,\"msg\":\"End of list\",\"trade_records\":[]}")));
        String forged = """
                {"bank_transaction_id":"%s"}""".formatted(bankTransactionId);

        for (int i = 0; i < CONFIRMATIONS_PER_HOUR + 3; i++) {
            CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json", forged), log,
                    i < CONFIRMATIONS_PER_HOUR ? "Record does not know the notified trade" : "used up");
        }
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD)))).hasSize(CONFIRMATIONS_PER_HOUR);

        // TapPay's own notify of the hour is refused too (it stores nothing, so it is not acknowledged) ...
        String record = """
                {"status":2,"msg":"End of list","trade_records":[{"rec_trade_id":"DNTFCAP","bank_transaction_id":"%s",
                 "merchant_id":"twpay_sandbox_CTBC","amount":900,"original_amount":900,"refunded_amount":0,
                 "currency":"TWD","record_status":0,"is_captured":false,"auth_code":"444444",
                 "time":1764140000000}]}""".formatted(bankTransactionId);
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.bank_transaction_id", equalTo(bankTransactionId)))
                .willReturn(aResponse().withStatus(200).withBody(record)));
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DNTFCAP", bankTransactionId, 900)), log, "used up");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD)))).hasSize(CONFIRMATIONS_PER_HOUR);
        assertThat(rows.orderStatus("NTF_CAP")).isEqualTo("PENDING");

        // ... and the hub's own Record query settles the order all the same
        assertThat(http.post("/api/v1/payments/tappay/" + MERCHANT + "/NTF_CAP/query", "application/json", "")
                .statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("NTF_CAP")).isEqualTo("AUTHORIZED");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD))))
                .hasSize(CONFIRMATIONS_PER_HOUR + 1);

        // an hour on, the order's notifies may ask Record again
        jdbc.update("update callback_confirmation set window_start = window_start - interval '1' hour"
                + " where order_no = 'NTF_CAP'");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.rec_trade_id", equalTo("DNTFCAP")))
                .willReturn(aResponse().withStatus(200).withBody(record)));
        assertThat(http.post(NOTIFY, "application/json", notify("DNTFCAP", bankTransactionId, 900)).statusCode())
                .isEqualTo(200);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD))))
                .hasSize(CONFIRMATIONS_PER_HOUR + 2);
    }

    /**
     * A notify about a payment whose capture TapPay had scheduled: the notify itself (unsigned) voids nothing; Record
     * showing the capture still scheduled leaves the order as it is, and Record showing the trade refunded before its
     * capture (a void) takes it from CAPTURE_REQUESTED to VOIDED, and the ERP is told.
     */
    @Test
    void aNotifyVoidsAScheduledCaptureOnlyWhenRecordShowsTheVoid() {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo("NTF_VOID")))
                .willReturn(aResponse().withStatus(200).withBody(TapPayPaymentRouteTest.paid("NTF_VOID", 600, ""))));
        assertThat(http.post("/api/v1/payments", "application/json",
                TapPayPaymentRouteTest.payment("NTF_VOID", "600", "TWD", "")).body()).contains("CAPTURE_REQUESTED");
        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, "NTF_VOID");
        String record = """
                {"rec_trade_id":"DNTFVOID","bank_transaction_id":"%s","merchant_id":"twpay_sandbox_CTBC","amount":%d,
                 "original_amount":600,"refunded_amount":0,"currency":"TWD","record_status":%d,"is_captured":false,
                 "cap_millis":%d,"auth_code":"222222","time":1764140000000}""";
        int told = rows.outbox("NTF_VOID");

        stubRecord("DNTFVOID", record.formatted(bankTransactionId, 600, 0, 1764200000000L));
        assertThat(http.post(NOTIFY, "application/json", notify("DNTFVOID", bankTransactionId, 600)).statusCode())
                .isEqualTo(200);
        assertThat(rows.orderStatus("NTF_VOID")).isEqualTo("CAPTURE_REQUESTED");
        assertThat(rows.outbox("NTF_VOID")).isEqualTo(told);

        stubRecord("DNTFVOID", record.formatted(bankTransactionId, 0, 3, 0L));
        assertThat(http.post(NOTIFY, "application/json", notify("DNTFVOID", bankTransactionId, 600)).statusCode())
                .isEqualTo(200);
        assertThat(rows.orderStatus("NTF_VOID")).isEqualTo("VOIDED");
        assertThat(jdbc.queryForObject("select outcome from ledger_journal where subject = 'NTF_VOID'"
                + " and status = 'VOIDED'", String.class)).isEqualTo("APPLIED");
        assertThat(rows.outbox("NTF_VOID")).isEqualTo(told + 1);
    }

    @Test
    void aFailedRecordFailsThePayment() {
        redirected("NTF_FAIL", 200);
        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, "NTF_FAIL");
        stubRecord("DNTFFAIL", """
                {"rec_trade_id":"DNTFFAIL","bank_transaction_id":"%s","amount":200,"currency":"TWD","record_status":-1,
                 "is_captured":false}""".formatted(bankTransactionId));
        assertThat(http.post(NOTIFY, "application/json", notify("DNTFFAIL", bankTransactionId, 200)).statusCode())
                .isEqualTo(200);
        assertThat(rows.orderStatus("NTF_FAIL")).isEqualTo("FAILED");
    }

    @Test
    void bodiesInACharsetTheHubCannotReadOrMultipartWithoutBoundaryGetTheOneRefusal(CapturedOutput log) {
        int before = rows.allJournal();
        CallbackRefusal.assertUnreadableBodiesRefused(port, NOTIFY, log);
        assertThat(rows.allJournal()).isEqualTo(before);
    }
}
