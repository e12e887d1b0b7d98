package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;
import tw.twpay.hub.support.RawHttp;

/**
 * A callback the hub cannot record is a 400 with nothing stored, never a 500 (a 500 makes the gateway retry
 * forever): malformed form encoding, bytes that are not UTF-8, and validly signed payloads with an absurd amount or
 * an id longer than the ledger keeps.
 */
@HubTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class NewebPayCallbackBadInputTest {

    private org.springframework.boot.test.system.CapturedOutput output;

    @org.junit.jupiter.api.BeforeEach
    void captureLog(org.springframework.boot.test.system.CapturedOutput captured) {
        this.output = captured;
    }

    private static final String NOTIFY = "/callbacks/newebpay/shop/notify";

    @LocalServerPort
    int port;
    @Autowired
    NewebPayMerchants merchants;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    LedgerRows rows;
    NewebPayMerchant shop;

    @BeforeEach
    void setUp() {
        http = HubHttp.anonymous(port);
        rows = new LedgerRows(jdbc);
        shop = merchants.require("shop");
    }

    private RawHttp.Answer postRawForm(byte[] body) {
        return RawHttp.send(port, "POST", NOTIFY, "Content-Type: application/x-www-form-urlencoded\r\n", body);
    }

    @Test
    void malformedPercentEncodingIs400() {
        int before = rows.allJournal();
        RawHttp.Answer answer = postRawForm("MerchantID=%zz&TradeInfo=00&TradeSha=00".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains(CallbackRefusal.BODY);
        assertThat(output.getOut()).contains("percent-escape");
        assertThat(rows.allJournal()).isEqualTo(before);
    }

    @Test
    void formValuesThatAreNotUtf8Are400() {
        RawHttp.Answer escaped = postRawForm("MerchantID=%FF%FE&TradeInfo=00&TradeSha=00".getBytes(StandardCharsets.US_ASCII));
        assertThat(escaped.status()).isEqualTo(400);
        assertThat(escaped.body()).contains(CallbackRefusal.BODY);
        assertThat(output.getOut()).contains("UTF-8");
        byte[] raw = "MerchantID=\u00ff&TradeInfo=00&TradeSha=00".getBytes(StandardCharsets.ISO_8859_1);
        RawHttp.Answer unescaped = postRawForm(raw);
        assertThat(unescaped.status()).isEqualTo(400);
    }

    @Test
    void aSignedNotifyWithAnAbsurdAmountIs400AndStoresNothing() {
        String tooLong = "amount has more than 15 digits before the decimal point";
        String[][] amountsAndReasons = {
            {"1e308", tooLong}, {"123456789012345678901", tooLong}, {"-5", "amount must not be negative"}};
        for (String[] amountAndReason : amountsAndReasons) {
            String amount = amountAndReason[0];
            String json = NewebPayCallbackForms.successJson(shop.merchantId(), "BAD_AMT", "26112200000901", 1)
                    .replace("\"Amt\":1,", "\"Amt\":\"" + amount + "\",");
            int logBefore = output.getOut().length();
            HttpResponse<String> response = http.postForm(NOTIFY, NewebPayCallbackForms.notify(shop, json));
            assertThat(response.statusCode()).as(amount).isEqualTo(400);
            assertThat(response.body()).as(amount).contains(CallbackRefusal.BODY);
            // this request's own log line, not one an earlier amount left
            assertThat(output.getOut().substring(logBefore)).as(amount)
                    .contains("refused: the callback cannot be recorded: " + amountAndReason[1]);
        }
        assertThat(rows.journal("BAD_AMT")).isZero();
    }

    @Test
    void aSignedNotifyWithAnOverLongIdIs400AndStoresNothing() {
        String longOrderNo = "O".repeat(200);
        HttpResponse<String> order = http.postForm(NOTIFY, NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), longOrderNo, "26112200000902", 10)));
        assertThat(order.statusCode()).isEqualTo(400);
        assertThat(order.body()).contains(CallbackRefusal.BODY);
        assertThat(output.getOut()).contains("orderNo").contains("128");
        assertThat(rows.journal(longOrderNo)).isZero();

        HttpResponse<String> trade = http.postForm(NOTIFY, NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "LONG_TRADE", "9".repeat(100), 10)));
        assertThat(trade.statusCode()).isEqualTo(400);
        assertThat(trade.body()).contains(CallbackRefusal.BODY);
        assertThat(output.getOut()).contains("providerTradeId");
        assertThat(rows.journal("LONG_TRADE")).isZero();
    }

    @Test
    void aValidNotifyStillGoesThrough() {
        HttpResponse<String> response = http.postForm(NOTIFY, NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "GOOD_ONE", "26112200000903", 10)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rows.journal("GOOD_ONE")).isEqualTo(1);
    }

    @Test
    void bodiesInACharsetTheHubCannotReadOrMultipartWithoutBoundaryGetTheOneRefusal() {
        int before = rows.allJournal();
        for (String path : new String[] {NOTIFY, "/callbacks/newebpay/shop/period-notify",
                "/callbacks/newebpay/nobody/notify"}) {
            CallbackRefusal.assertUnreadableBodiesRefused(port, path, output);
        }
        assertThat(rows.allJournal()).isEqualTo(before);
    }
}
