package tw.twpay.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;
import tw.twpay.hub.support.RawHttp;

/** Every bad input to the ERP API is a 4xx before any gateway call, and nothing is stored. */
@HubTest
class BadInputTest {

    private static final String PAYMENT = """
            {"provider":"newebpay","merchant":"shop","orderNo":"%s","amount":{"value":"%s","currency":"TWD"},
             "description":"%s"}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    LedgerRows rows;
    int journalBefore;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        journalBefore = rows.allJournal();
    }

    private void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(response.body()).contains(reason);
        assertThat(rows.allJournal()).isEqualTo(journalBefore);
    }

    private HttpResponse<String> createPayment(String orderNo, String amount, String description) {
        return http.post("/api/v1/payments", "application/json", PAYMENT.formatted(orderNo, amount, description));
    }

    @Test
    void anAmountInExponentNotationIs400() {
        assertRefused(createPayment("BAD_EXP", "1e308", "x"), "not a decimal number");
    }

    @Test
    void anAmountBeyondTheLedgersPrecisionIs400() {
        assertRefused(createPayment("BAD_DIGITS", "12345678901234567890", "x"), "more than 15 digits");
    }

    @Test
    void anAbsurdCaptureOrChargeAmountIs400BeforeTheGateway() {
        assertRefused(http.post("/api/v1/payments/newebpay/shop/BAD_CAPTURE/capture", "application/json",
                "{\"amount\":{\"value\":\"1e999999999\"}}"), "not a decimal number");
        assertRefused(http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"BAD_CHARGE","amount":{"value":"99999999999999999999"},
                 "description":"x","tokenTerm":"m1","tokenValue":"T"}"""), "more than 15 digits");
    }

    @Test
    void aBodyThatIsNotUtf8Is400() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(PAYMENT.formatted("BAD_UTF8", "100", "caf").getBytes(StandardCharsets.UTF_8));
        byte[] json = body.toByteArray();
        int at = new String(json, StandardCharsets.UTF_8).indexOf("caf") + 3;
        byte[] broken = new byte[json.length + 2];
        System.arraycopy(json, 0, broken, 0, at);
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        System.arraycopy(json, at, broken, at + 2, json.length - at);
        RawHttp.Answer answer = RawHttp.send(port, "POST", "/api/v1/payments",
                "Authorization: Bearer " + HubHttp.TEST_KEY + "\r\nContent-Type: application/json\r\n", broken);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("not valid UTF-8");
        assertThat(rows.orders("BAD_UTF8")).isZero();
    }

    @Test
    void controlCharactersInFreeTextAre400() {
        assertRefused(createPayment("BAD_CRLF", "100", "line\\r\\nINFO forged log line"), "control characters");
        assertRefused(createPayment("BAD\\u0000NUL", "100", "x"), "control characters");
        assertRefused(createPayment("BAD_SEP", "100", "a\\u2028b"), "control characters");
    }

    @Test
    void includeRedrivenMustBeTrueOrFalse() {
        HttpResponse<String> response = http.get("/api/v1/dead-letters?includeRedriven=maybe");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("includeRedriven must be true or false");
        assertThat(http.get("/api/v1/dead-letters?includeRedriven=true").statusCode()).isEqualTo(200);
    }

    @Test
    void periodTimesMustBeAWholeNumber() {
        for (String times : new String[] {"12.5", "1e2", "\"twelve\"", "0"}) {
            HttpResponse<String> response = http.post("/api/v1/subscriptions", "application/json", """
                    {"provider":"newebpay","merchant":"shop-recurring","orderNo":"BAD_TIMES","amount":{"value":"199"},
                     "description":"x","period":{"type":"M","point":"05","startType":2,"times":%s}}"""
                    .formatted(times));
            assertThat(response.statusCode()).as(times).isEqualTo(400);
            assertThat(response.body()).as(times).contains("period.times");
        }
        assertThat(rows.orders("BAD_TIMES")).isZero();
    }

    @Test
    void pathParametersAreUrlDecoded() {
        assertThat(createPayment("PATH_ORDER_1", "100", "x").statusCode()).isEqualTo(200);
        HttpResponse<String> found = http.get("/api/v1/payments/newebpay/shop/PATH%5FORDER%5F1");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("\"orderNo\":\"PATH_ORDER_1\"");
    }
}
