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
import java.net.http.HttpResponse;
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

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.tappay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.tappay.missed-notify-after", () -> "PT1H");
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

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

        // Record knows the trade, but for another amount: the notify is refused
        stubRecord("DNTFNO", """
                {"rec_trade_id":"DNTFNO","amount":5,"currency":"TWD","record_status":1,"is_captured":true}""");
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DNTFNO", bankTransactionId, 500)), log, "another amount");
        // or in another currency
        stubRecord("DNTFNO", """
                {"rec_trade_id":"DNTFNO","amount":500,"currency":"USD","record_status":1,"is_captured":true}""");
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DNTFNO", bankTransactionId, 500)), log, "is in USD");
        // or of another merchant
        stubRecord("DNTFNO", """
                {"rec_trade_id":"DNTFNO","merchant_id":"someone_else","amount":500,"currency":"TWD",
                 "record_status":1,"is_captured":true}""");
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DNTFNO", bankTransactionId, 500)), log, "another TapPay merchant");
        // a notify that names the trade's rec_trade_id with another bank_transaction_id is not the order's
        CallbackRefusal.assertUniformRefusal(http.post(NOTIFY, "application/json",
                notify("DNTFNO", "TWSOMETHINGELSE", 500)), log, "bank_transaction_id is not the trade's");
        assertThat(rows.orderStatus("NTF_NO")).isEqualTo("PENDING");
        assertThat(rows.journal("NTF_NO")).isEqualTo(2);
    }

    @Test
    void aFailedRecordFailsThePayment() {
        redirected("NTF_FAIL", 200);
        stubRecord("DNTFFAIL", """
                {"rec_trade_id":"DNTFFAIL","amount":200,"currency":"TWD","record_status":-1,"is_captured":false}""");
        assertThat(http.post(NOTIFY, "application/json", notify("DNTFFAIL",
                TapPayTrades.bankTransactionId(MERCHANT, "NTF_FAIL"), 200)).statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("NTF_FAIL")).isEqualTo("FAILED");
    }
}
