package tw.twpay.hub.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.callback.testpay.TestPayNotifyChannel;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.support.CanonicalEventSchema;
import tw.twpay.hub.support.ErpInbox;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;
import tw.twpay.hub.support.RawHttp;

/** Drives the shared callback pipeline over real HTTP with the test-only provider. */
@HubTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class CallbackPipelineRouteTest {

    private org.springframework.boot.test.system.CapturedOutput output;

    @org.junit.jupiter.api.BeforeEach
    void captureLog(org.springframework.boot.test.system.CapturedOutput captured) {
        this.output = captured;
    }

    private static final String NOTIFY = "/callbacks/testpay/shop-a/notify";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SandboxErpInbox inbox;

    HubHttp http;
    LedgerRows rows;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
    }

    static Map<String, String> notify(String merchantSecret, String orderNo, String status, String amount) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("orderNo", orderNo);
        fields.put("status", status);
        fields.put("amount", amount);
        fields.put("tradeNo", "T-" + orderNo);
        fields.put("signature", TestPayNotifyChannel.sign(merchantSecret, orderNo, status, amount, "T-" + orderNo));
        return fields;
    }

    @Test
    void validCallbackIsStoredAcknowledgedAndDeliveredAsSchemaValidCloudEvent() throws Exception {
        HttpResponse<String> response = http.postForm(NOTIFY, notify("secret-a", "ORD-1", "AUTHORIZED", "855"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(TestPayNotifyChannel.ACK);
        assertThat(rows.journal("ORD-1")).isEqualTo(1);
        assertThat(rows.orderStatus("ORD-1")).isEqualTo("AUTHORIZED");

        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "ORD-1").size() == 1);
        JsonNode event = ErpInbox.eventsAbout(inbox, "ORD-1").get(0);
        CanonicalEventSchema.assertValid(event);
        assertThat(event.path("type").asText()).isEqualTo("tw.twpay.payment.v1");
        assertThat(event.path("source").asText()).isEqualTo("/twpay-hub/testpay/shop-a");
        JsonNode data = event.path("data");
        assertThat(data.path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(data.path("amount").path("value").asText()).isEqualTo("855.00");
        assertThat(data.path("amount").path("currency").asText()).isEqualTo("TWD");
        assertThat(data.path("occurredAt").asText()).isEqualTo("2026-11-01T10:00:00+08:00");
        // the hub never created ORD-1, so the event says so
        assertThat(data.path("flags").toString()).contains("UNKNOWN_ORDER");

        JsonNode query = CanonicalJson.mapper().readTree(http.get("/api/v1/payments/testpay/shop-a/ORD-1").body());
        assertThat(query.path("order").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(query.path("order").path("createdByHub").asBoolean()).isFalse();
        assertThat(query.path("journal")).hasSize(1);
        assertThat(query.path("journal").get(0).path("eventId").asText()).isEqualTo(event.path("id").asText());
    }

    @Test
    void theGatewaysRequestHeadersAreNotEchoedInTheAcknowledgement() {
        Map<String, String> fields = notify("secret-a", "ORD-HEADERS", "AUTHORIZED", "12");
        String form = fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + java.net.URLEncoder.encode(field.getValue(),
                        java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        HttpResponse<String> response = http.send(http.request(NOTIFY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Gateway-Trace", "trace-123")
                .header("User-Agent", "GatewayNotifier/1.0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(TestPayNotifyChannel.ACK);
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-Gateway-Trace")
                || name.equalsIgnoreCase("User-Agent"));
        assertThat(rows.journal("ORD-HEADERS")).isEqualTo(1);
    }

    @Test
    void sameCallbackThreeTimesIsOneJournalRowAndOneEvent() {
        Map<String, String> fields = notify("secret-a", "ORD-DUP", "CAPTURED", "100");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = http.postForm(NOTIFY, fields);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(TestPayNotifyChannel.ACK);
        }
        assertThat(rows.journal("ORD-DUP")).isEqualTo(1);
        assertThat(rows.outbox("ORD-DUP")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "ORD-DUP").size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> ErpInbox.eventsAbout(inbox, "ORD-DUP").size() == 1);
    }

    @Test
    void lateAuthorizationAfterCaptureIsJournalledButNeitherMovesStateNorEmits() {
        http.postForm(NOTIFY, notify("secret-a", "ORD-LATE", "CAPTURED", "300"));
        HttpResponse<String> late = http.postForm(NOTIFY, notify("secret-a", "ORD-LATE", "AUTHORIZED", "300"));

        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(rows.journal("ORD-LATE")).isEqualTo(2);
        assertThat(rows.outbox("ORD-LATE")).isEqualTo(1);
        assertThat(rows.orderStatus("ORD-LATE")).isEqualTo("CAPTURED");
        assertThat(jdbc.queryForObject("select outcome from ledger_journal where subject = 'ORD-LATE' and status = 'AUTHORIZED'",
                String.class)).isEqualTo("REGRESSION");
    }

    @Test
    void wrongSignatureGetsTheUniformRefusalNothingStoredAndTheReasonLogged() {
        Map<String, String> forged = notify("not-the-secret", "ORD-FORGED", "CAPTURED", "999");
        HttpResponse<String> response = http.postForm(NOTIFY, forged);

        CallbackRefusal.assertUniformRefusal(response, output, "signature does not match");
        assertThat(rows.journal("ORD-FORGED")).isZero();
        assertThat(rows.orders("ORD-FORGED")).isZero();
    }

    @Test
    void missingFieldGetsTheUniformRefusalAndTheLogNamesTheField() {
        Map<String, String> fields = notify("secret-a", "ORD-MISSING", "CAPTURED", "1");
        fields.remove("tradeNo");
        HttpResponse<String> response = http.postForm(NOTIFY, fields);

        CallbackRefusal.assertUniformRefusal(response, output, "tradeNo");
        assertThat(rows.journal("ORD-MISSING")).isZero();
    }

    @Test
    void unknownMerchantAliasGetsTheUniformRefusal() {
        HttpResponse<String> response = http.postForm("/callbacks/testpay/no-such-shop/notify",
                notify("secret-a", "ORD-NOSHOP", "CAPTURED", "1"));

        CallbackRefusal.assertUniformRefusal(response, output, "no-such-shop");
        assertThat(rows.journal("ORD-NOSHOP")).isZero();
    }

    @Test
    void merchantComesFromThePathNotFromAFormField() {
        Map<String, String> fields = notify("secret-b", "ORD-SPOOF", "CAPTURED", "1");
        fields.put("merchant", "shop-b");
        HttpResponse<String> response = http.postForm(NOTIFY, fields);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(rows.journal("ORD-SPOOF")).isZero();
    }

    @Test
    void bodyOverTheLimitIs413BeforeAnyWork() {
        Map<String, String> fields = notify("secret-a", "ORD-BIG", "CAPTURED", "1");
        fields.put("padding", "x".repeat(70_000));
        int journalBefore = rows.allJournal();

        HttpResponse<String> response = http.postForm(NOTIFY, fields);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("twpay.http.max-body-bytes");
        assertThat(rows.allJournal()).isEqualTo(journalBefore);
        // valid traffic is unaffected
        assertThat(http.postForm(NOTIFY, notify("secret-a", "ORD-AFTER-BIG", "CAPTURED", "1")).statusCode()).isEqualTo(200);
    }

    /**
     * The servlet container maps a path with an escaped letter ({@code %63} is {@code c}) to the callbacks' servlet
     * as it maps the plain one: the size limit holds for it, and it gets the one refusal — never a 500 with stack
     * traces in the log.
     */
    @Test
    void anEscapedLetterInTheCallbacksPathIsNoWayAroundTheLimitsNorA500() throws Exception {
        String escaped = "/%63allbacks/testpay/shop-a/notify";
        Map<String, String> fields = notify("secret-a", "ORD-ESCAPED", "CAPTURED", "1");
        fields.put("padding", "x".repeat(70_000));

        HttpResponse<String> tooLarge = http.postForm(escaped, fields);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("twpay.http.max-body-bytes");
        RawHttp.Answer chunked = RawHttp.send(port, ("POST " + escaped + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n3\r\na=1\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(chunked.status()).isEqualTo(411);
        HttpResponse<String> valid = http.postForm(escaped, notify("secret-a", "ORD-ESCAPED", "CAPTURED", "1"));
        assertThat(valid.statusCode()).isEqualTo(400);
        assertThat(valid.body()).isEqualTo(CallbackRefusal.BODY);
        CallbackRefusal.assertSameHeaders(http.postForm(NOTIFY, Map.of("a", "1")).headers(), valid.headers(),
                "the escaped path's refusal");
        assertThat(rows.journal("ORD-ESCAPED")).isZero();
        assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("Invalid contextPath");
    }

    @Test
    void getIsNotACallback() {
        assertThat(http.get(NOTIFY).statusCode()).isEqualTo(405);
    }

    @Test
    void multipartCallbackIsReadLikeAForm() {
        Map<String, String> fields = notify("secret-a", "ORD-MULTI", "AUTHORIZED", "42");
        String boundary = "twpay-boundary";
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");

        HttpResponse<String> response = http.post(NOTIFY, "multipart/form-data; boundary=" + boundary, body.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("ORD-MULTI")).isEqualTo("AUTHORIZED");
    }

    @Test
    void unknownOrderQueryIsJson404() {
        HttpResponse<String> response = http.get("/api/v1/payments/testpay/shop-a/NEVER");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(response.body()).contains("\"error\"");
    }

    @Test
    void cardNumbersInCallbacksNeverReachTheLedger() {
        Map<String, String> fields = notify("secret-a", "ORD-CARD", "AUTHORIZED", "10");
        fields.put("card", "4111111111111111");
        assertThat(http.postForm(NOTIFY, fields).statusCode()).isEqualTo(200);

        List<String> stored = jdbc.queryForList(
                "select cast(raw_payload as varchar(100000)) || cast(event_json as varchar(100000)) from ledger_journal where subject = 'ORD-CARD'",
                String.class);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).doesNotContain("4111111111111111").contains("411111******1111");
    }
}
