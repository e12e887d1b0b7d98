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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
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

/** Pay by Prime through the real routes to a TapPay played by WireMock: every answer family. */
@HubTest
class TapPayPaymentRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String MERCHANT = "shop-tappay";

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gatewayAndMerchants(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.tappay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.public-base-url", () -> "https://hub.example.com");
        // the missed-notify poll stays out of this test's way
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
    @Autowired
    TapPayMerchants merchants;

    HubHttp http;
    LedgerRows rows;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        gateway.resetAll();
    }

    static String payment(String orderNo, String amount, String currency, String extra) {
        return """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"%s","currency":"%s"},
                 "description":"Annual plan","prime":"test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9",
                 "cardholder":{"phone":"+886923456789","name":"王小明","email":"LittleMing@Wang.com"}%s}"""
                .formatted(MERCHANT, orderNo, amount, currency, extra);
    }

    HttpResponse<String> pay(String orderNo, String amount, String extra) {
        return http.post("/api/v1/payments", "application/json", payment(orderNo, amount, "TWD", extra));
    }

    void stubPay(String orderNo, String answer) {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo(orderNo)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(answer)));
    }

    static String paid(String orderNo, long amount, String extra) {
        return """
                {"status":0,"msg":"Success","rec_trade_id":"D%s","bank_transaction_id":"%s","auth_code":"123456",
                 "amount":%d,"currency":"TWD","acquirer":"TW_CTBC","transaction_time_millis":1764140000000,
                 "card_info":{"bin_code":"424242","last_four":"4242","issuer":"","funding":0,"type":1,"level":"",
                 "country":"UNITED KINGDOM","expiry_date":"203012"},"bank_result_code":"00","bank_result_msg":""%s}"""
                .formatted(orderNo.replace("_", ""), TapPayTrades.bankTransactionId(MERCHANT, orderNo), amount, extra);
    }

    List<LoggedRequest> payRequests(String orderNo) {
        return gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo(orderNo))));
    }

    static JsonNode json(String text) throws Exception {
        return CanonicalJson.mapper().readTree(text);
    }

    @Test
    void payByPrimeSchedulesTheCaptureAndJournalsPendingFirst() throws Exception {
        stubPay("TP_PAID", paid("TP_PAID", 855, ""));

        HttpResponse<String> response = pay("TP_PAID", "855", "");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode order = json(response.body()).path("order");
        assertThat(order.path("status").asText()).isEqualTo("CAPTURE_REQUESTED");
        assertThat(order.path("providerTradeId").asText()).isEqualTo("DTPPAID");
        assertThat(order.path("card").path("last4").asText()).isEqualTo("4242");
        assertThat(jdbc.queryForList("select status from ledger_journal where subject = 'TP_PAID' order by id",
                String.class)).containsExactly("PENDING", "CAPTURE_REQUESTED");
        LoggedRequest sent = payRequests("TP_PAID").get(0);
        TapPayMerchant shop = merchants.require(MERCHANT);
        assertThat(sent.getHeader("x-api-key")).isEqualTo(shop.partnerKey());
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = json(sent.getBodyAsString());
        assertThat(body.path("amount").isIntegralNumber()).isTrue();
        assertThat(body.path("amount").asLong()).isEqualTo(855);
        assertThat(body.path("bank_transaction_id").asText())
                .isEqualTo(TapPayTrades.bankTransactionId(MERCHANT, "TP_PAID")).matches("[A-Z0-9]{1,40}");
        assertThat(body.path("merchant_id").asText()).isEqualTo(shop.merchantId());
        assertThat(body.path("delay_capture_in_days").asInt()).isZero();
        assertThat(body.path("details").asText()).isEqualTo("Annual plan");
        assertThat(body.path("cardholder").path("zip_code").asText()).isEmpty();
        assertThat(body.path("partner_key").asText()).isEqualTo(shop.partnerKey());
        assertThat(body.has("result_url")).isFalse();
    }

    @Test
    void manualCaptureOnlyAuthorises() throws Exception {
        stubPay("TP_MANUAL", paid("TP_MANUAL", 100, ""));
        HttpResponse<String> response = pay("TP_MANUAL", "100", ",\"capture\":\"manual\"");
        assertThat(json(response.body()).path("order").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(json(payRequests("TP_MANUAL").get(0).getBodyAsString()).path("delay_capture_in_days").asInt())
                .isEqualTo(-1);
    }

    @Test
    void threeDSecureAnswersARedirectAndTheOrderStaysPending() throws Exception {
        stubPay("TP_3DS", paid("TP_3DS", 300, ",\"payment_url\":\"https://sandbox.tappaysdk.com/3ds/abc\""));

        HttpResponse<String> response = pay("TP_3DS", "300",
                ",\"threeDS\":true,\"returnUrl\":\"https://shop.example.com/paid\"");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response.body());
        assertThat(answer.path("action").asText()).isEqualTo("REDIRECT");
        assertThat(answer.path("url").asText()).isEqualTo("https://sandbox.tappaysdk.com/3ds/abc");
        assertThat(answer.path("status").asText()).isEqualTo("PENDING");
        assertThat(rows.orderStatus("TP_3DS")).isEqualTo("PENDING");
        JsonNode sent = json(payRequests("TP_3DS").get(0).getBodyAsString());
        assertThat(sent.path("three_domain_secure").asBoolean()).isTrue();
        assertThat(sent.path("result_url").path("frontend_redirect_url").asText())
                .isEqualTo("https://shop.example.com/paid");
        assertThat(sent.path("result_url").path("backend_notify_url").asText())
                .isEqualTo("https://hub.example.com/callbacks/tappay/shop-tappay/notify");
    }

    @Test
    void aDeclineIsFailedWithTheBanksReason() throws Exception {
        stubPay("TP_DECLINED", """
                {"status":10003,"msg":"Card Error","rec_trade_id":"DDECLINED","bank_result_code":"05",
                 "bank_result_msg":"Do not honour"}""");
        HttpResponse<String> response = pay("TP_DECLINED", "100", "");
        JsonNode order = json(response.body()).path("order");
        assertThat(order.path("status").asText()).isEqualTo("FAILED");
        assertThat(order.path("providerTradeId").asText()).isEqualTo("DDECLINED");
        JsonNode last = json(response.body()).path("journal").get(1).path("event").path("data");
        assertThat(last.path("providerCode").asText()).isEqualTo("05");
        assertThat(last.path("providerStatus").asText()).isEqualTo("10003");
    }

    @Test
    void unknownOutcomesLeaveThePaymentPendingAndItIsNeverSentTwice() {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo("TP_RESET")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo("TP_500")))
                .willReturn(aResponse().withStatus(500)));
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo("TP_GARBLED")))
                .willReturn(aResponse().withStatus(200).withBody("<html>gateway</html>")));
        stubPay("TP_421", "{\"status\":421,\"msg\":\"Gateway timeout\"}");
        stubPay("TP_422", "{\"status\":422,\"msg\":\"Bank timeout\"}");
        stubPay("TP_10001", "{\"status\":10001,\"msg\":\"Bank system error\"}");
        stubPay("TP_10004", "{\"status\":10004,\"msg\":\"Bank time-out\"}");

        for (String orderNo : List.of("TP_RESET", "TP_500", "TP_GARBLED", "TP_421", "TP_422", "TP_10001", "TP_10004")) {
            HttpResponse<String> response = pay(orderNo, "100", "");
            assertThat(response.statusCode()).as(orderNo).isEqualTo(504);
            assertThat(response.body()).as(orderNo).contains("outcome is unknown");
            assertThat(rows.orderStatus(orderNo)).as(orderNo).isEqualTo("PENDING");
            // the ERP is told: PENDING is a fact queued for delivery
            assertThat(rows.outbox(orderNo)).as(orderNo).isEqualTo(1);

            HttpResponse<String> again = pay(orderNo, "100", "");
            assertThat(again.statusCode()).as(orderNo).isEqualTo(409);
            assertThat(payRequests(orderNo)).as(orderNo).hasSize(1);
        }
    }

    @Test
    void aRefusedPartnerKeyFailsThePayment() throws Exception {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo("TP_401")))
                .willReturn(aResponse().withStatus(401)));
        assertThat(json(pay("TP_401", "100", "").body()).path("order").path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void anAnswerAboutAnotherAmountIsNotTrusted() {
        stubPay("TP_OTHER", paid("TP_OTHER", 1, ""));
        assertThat(pay("TP_OTHER", "100", "").statusCode()).isEqualTo(502);
        assertThat(rows.orderStatus("TP_OTHER")).isEqualTo("PENDING");
    }

    /**
     * TapPay writes amounts as whole numbers (TWD dollars, cents of the others): an answer of 100.9 for a payment of
     * 100 was read as 100 (the fraction cut off) and trusted. It is another amount, so not trusted either.
     */
    @Test
    void anAnswerWithAFractionOfTheAmountIsNotTrusted() {
        stubPay("TP_FRACTION", paid("TP_FRACTION", 100, "").replace("\"amount\":100,", "\"amount\":100.9,"));
        assertThat(pay("TP_FRACTION", "100", "").statusCode()).isEqualTo(502);
        assertThat(rows.orderStatus("TP_FRACTION")).isEqualTo("PENDING");
    }

    /** The same for Record, which settles a payment whose answer was lost: 100.9 is not the order's 100. */
    @Test
    void aRecordWithAFractionOfTheAmountDoesNotSettleThePayment() {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo("TP_REC_FRACTION")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(pay("TP_REC_FRACTION", "100", "").statusCode()).isEqualTo(504);
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD)).willReturn(aResponse().withStatus(200).withBody("""
                {"status":2,"msg":"End of list","trade_records":[{"rec_trade_id":"DRECFRACTION",
                 "bank_transaction_id":"%s","amount":100.9,"original_amount":100.9,"refunded_amount":0,
                 "currency":"TWD","record_status":0,"is_captured":false,"cap_millis":1764140000000,
                 "auth_code":"123456","time":1764140000000}]}"""
                .formatted(TapPayTrades.bankTransactionId(MERCHANT, "TP_REC_FRACTION")))));

        HttpResponse<String> query = http.post("/api/v1/payments/tappay/" + MERCHANT + "/TP_REC_FRACTION/query",
                "application/json", "");

        assertThat(query.statusCode()).isEqualTo(502);
        assertThat(rows.orderStatus("TP_REC_FRACTION")).isEqualTo("PENDING");
    }

    /**
     * A query is safe to repeat: a Record naming an amount the hub cannot hold (more digits than the ledger keeps) is
     * an untrusted answer, a 502 that says why, never the 504 "do not send it again" of a payment whose outcome is
     * unknown; nothing is stored.
     */
    @Test
    void aRecordWithAnAmountTheHubCannotHoldIsA502AndStoresNothing() {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo("TP_REC_HUGE")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(pay("TP_REC_HUGE", "100", "").statusCode()).isEqualTo(504);
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD)).willReturn(aResponse().withStatus(200).withBody("""
                {"status":2,"msg":"End of list","trade_records":[{"rec_trade_id":"DRECHUGE",
                 "bank_transaction_id":"%s","amount":1234567890123456,"original_amount":1234567890123456,
                 "refunded_amount":0,"currency":"TWD","record_status":0,"is_captured":false,
                 "cap_millis":1764140000000,"auth_code":"123456","time":1764140000000}]}"""
                .formatted(TapPayTrades.bankTransactionId(MERCHANT, "TP_REC_HUGE")))));

        HttpResponse<String> query = http.post("/api/v1/payments/tappay/" + MERCHANT + "/TP_REC_HUGE/query",
                "application/json", "");

        assertThat(query.statusCode()).as(query.body()).isEqualTo(502);
        assertThat(query.body()).contains("digits").doesNotContain("do not send it again");
        assertThat(rows.orderStatus("TP_REC_HUGE")).isEqualTo("PENDING");
        assertThat(rows.journal("TP_REC_HUGE")).isEqualTo(1);
    }

    /**
     * vectors/tappay.json {@code tappay-status-codes-subset}: every refusal status of the published table fails the
     * payment with TapPay's status and message kept (91 and 80 mean something else today, tappay.md says: the
     * message is what tells); 2 ("End of list") is Record's last page, here one without the trade.
     */
    @Test
    void everyStatusOfThePublishedTableThroughTheRoutes() throws Exception {
        JsonNode statuses = TapPayVectorsTest.vector("tappay-status-codes-subset").path("expected").path("status");
        List<String> codes = new java.util.ArrayList<>();
        statuses.fieldNames().forEachRemaining(codes::add);
        assertThat(codes).contains("0", "2", "4", "5", "82", "87", "91", "121");
        for (String code : codes) {
            String orderNo = "TP_CODE_" + code;
            String msg = statuses.path(code).asText();
            if (code.equals("0")) {
                stubPay(orderNo, paid(orderNo, 100, "").replace("\"msg\":\"Success\"", "\"msg\":\"" + msg + "\""));
                assertThat(json(pay(orderNo, "100", "").body()).path("order").path("status").asText()).as(code)
                        .isEqualTo("CAPTURE_REQUESTED");
            } else if (code.equals("2")) {
                gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                        .withRequestBody(matchingJsonPath("$.order_number", equalTo(orderNo)))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
                assertThat(pay(orderNo, "100", "").statusCode()).isEqualTo(504);
                gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD)).willReturn(aResponse().withStatus(200)
                        .withBody("{\"status\":2,\"msg\":\"" + msg + "\",\"trade_records\":[]}")));
                HttpResponse<String> query = http.post("/api/v1/payments/tappay/" + MERCHANT + "/" + orderNo
                        + "/query", "application/json", "");
                assertThat(query.statusCode()).as(code).isEqualTo(200);
                assertThat(json(query.body()).path("order").path("status").asText()).as(code).isEqualTo("PENDING");
            } else {
                stubPay(orderNo, "{\"status\":" + code + ",\"msg\":\"" + msg + "\"}");
                JsonNode answer = json(pay(orderNo, "100", "").body());
                assertThat(answer.path("order").path("status").asText()).as(code).isEqualTo("FAILED");
                JsonNode failed = answer.path("journal").get(1).path("event").path("data");
                assertThat(failed.path("providerStatus").asText()).as(code).isEqualTo(code);
                assertThat(failed.path("providerMessage").asText()).as(code).isEqualTo(msg);
                assertThat(payRequests(orderNo)).as(code).hasSize(1);
            }
        }
    }

    /**
     * A card remembered with a payment whose ledger write then failed: the vault kept the card (it is written before
     * the ledger), and the query that settles the payment tells the ERP its reference, once.
     */
    @Test
    void aRememberedCardReachesTheErpWhenTheLedgerWriteAfterThePaymentFailed() throws Exception {
        stubPay("TP_REMEMBER", paid("TP_REMEMBER", 640, ",\"card_secret\":{\"card_key\":\"" + "k".repeat(64)
                + "\",\"card_token\":\"" + "t".repeat(64) + "\"}"));
        HttpResponse<String> response;
        jdbc.execute("alter table ledger_journal add constraint audit_no_payment check (subject <> 'TP_REMEMBER'"
                + " or status <> 'CAPTURE_REQUESTED')");
        try {
            response = pay("TP_REMEMBER", "640", ",\"remember\":true");
        } finally {
            jdbc.execute("alter table ledger_journal drop constraint audit_no_payment");
        }
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("do not send it again");
        assertThat(rows.orderStatus("TP_REMEMBER")).isEqualTo("PENDING");
        // (the only card stored in this class's hub)
        List<String> cardRefs = jdbc.queryForList("select card_ref from tappay_card where merchant = ?",
                String.class, MERCHANT);
        assertThat(cardRefs).hasSize(1);
        String cardRef = cardRefs.get(0);
        String cardEvents = "select count(*) from ledger_journal where subject = ?";
        assertThat(jdbc.queryForObject(cardEvents, Integer.class, cardRef)).isZero();

        // Record never answers card_secret: the card is told from the vault when the query settles the payment
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.rec_trade_id", equalTo("DTPREMEMBER")))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"status":2,"msg":"End of list","trade_records":[{"rec_trade_id":"DTPREMEMBER",
                         "bank_transaction_id":"%s","amount":640,"original_amount":640,"refunded_amount":0,
                         "currency":"TWD","record_status":0,"is_captured":false,"cap_millis":1764200000000,
                         "auth_code":"123456","time":1764140000000}]}"""
                        .formatted(TapPayTrades.bankTransactionId(MERCHANT, "TP_REMEMBER")))));
        HttpResponse<String> query = http.post("/api/v1/payments/tappay/" + MERCHANT + "/TP_REMEMBER/query",
                "application/json", "");

        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("TP_REMEMBER")).isEqualTo("CAPTURE_REQUESTED");
        Map<String, Object> told = jdbc.queryForMap("select status, source, cast(event_json as varchar(100000))"
                + " as event_json from ledger_journal where subject = ?", cardRef);
        assertThat(told.get("status")).isEqualTo("ACTIVE");
        assertThat(told.get("event_json").toString()).contains("card stored with order TP_REMEMBER")
                .doesNotContain("k".repeat(64)).doesNotContain("t".repeat(64));
        assertThat(rows.outbox(cardRef)).isEqualTo(1);
        // asked again, the card is a fact known already
        http.post("/api/v1/payments/tappay/" + MERCHANT + "/TP_REMEMBER/query", "application/json", "");
        assertThat(jdbc.queryForObject(cardEvents, Integer.class, cardRef)).isEqualTo(1);
    }

    @Test
    void aReturnUrlThatIsNoUrlIsRefusedBeforeTheOrderNumberIsUsed() throws Exception {
        // an https:// prefix is not enough: markup, quotes or no host at all are no address a browser can be sent to
        for (String returnUrl : new String[] {"https://shop.example.com/back?q='><script>alert(1)</script>",
                "https://", "https:///back", "https://shop.example.com/a b"}) {
            HttpResponse<String> refused = pay("TP_BAD_RETURN", "100",
                    ",\"threeDS\":true,\"returnUrl\":\"" + returnUrl.replace("\"", "\\\"") + "\"");
            assertThat(refused.statusCode()).as(returnUrl).isEqualTo(400);
            assertThat(refused.body()).as(returnUrl).contains("returnUrl");
        }
        HttpResponse<String> badGoBack = pay("TP_BAD_RETURN", "100", ",\"threeDS\":true,"
                + "\"returnUrl\":\"https://shop.example.com/back\",\"goBackUrl\":\"https://shop.example.com/<b>\"");
        assertThat(badGoBack.statusCode()).isEqualTo(400);
        assertThat(badGoBack.body()).contains("goBackUrl");
        assertThat(gateway.getAllServeEvents()).isEmpty();
        assertThat(rows.orders("TP_BAD_RETURN")).isZero();
    }

    @Test
    void anHttpReturnUrlIsRefusedBeforeTheOrderNumberIsUsed() throws Exception {
        // TapPay's frontend_redirect_url "must start with https" (seed 002): sent, TapPay refuses it and the
        // order number is spent on a FAILED order
        HttpResponse<String> refused = pay("TP_HTTP_RETURN", "100",
                ",\"threeDS\":true,\"returnUrl\":\"http://shop.example.com/back\"");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("returnUrl", "https");
        assertThat(gateway.getAllServeEvents()).isEmpty();
        assertThat(rows.orders("TP_HTTP_RETURN")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from tappay_trade where order_no = ?", Integer.class,
                "TP_HTTP_RETURN")).isZero();
        // the same order number is then paid with an https returnUrl
        stubPay("TP_HTTP_RETURN", paid("TP_HTTP_RETURN", 100, ""));
        assertThat(pay("TP_HTTP_RETURN", "100", ",\"returnUrl\":\"https://shop.example.com/back\"").statusCode())
                .isEqualTo(200);
        // and the request-body schema says so
        JsonNode openApi = json(HubHttp.anonymous(port).get("/api/v1/openapi.json").body());
        assertThat(openApi.findValues("returnUrl")).map(field -> field.path("description").asText())
                .anySatisfy(text -> assertThat(text).containsPattern("tappay: [^;]*https://"));
    }

    @Test
    void whatTapPayCannotTakeIsRefusedBeforeAnyCall() {
        assertThat(pay("TP_CENTS", "10.50", "").body()).contains("whole TWD");
        assertThat(http.post("/api/v1/payments", "application/json", payment("TP_JPY", "100", "JPY", "")).body())
                .contains("JPY");
        assertThat(http.post("/api/v1/payments", "application/json", payment("TP_HKD", "1.01", "HKD", "")).body())
                .contains("takes TWD, USD");
        assertThat(pay("TP_BIG", "20000001", "").statusCode()).isEqualTo(400);
        assertThat(pay("TP_CAPTURE", "100", ",\"capture\":\"later\"").body()).contains("capture");
        assertThat(pay("TP_3DS_NO_URL", "100", ",\"threeDS\":true").body()).contains("returnUrl");
        // canonical fields TapPay has no place for are refused, not dropped
        assertThat(pay("TP_METHODS", "100", ",\"methods\":[\"VACC\"]").body()).contains("methods", "prime");
        assertThat(pay("TP_TOKEN_TERM", "100", ",\"tokenTerm\":\"member-1\"").body()).contains("tokenTerm", "remember");
        assertThat(pay("TP_EMAIL", "100", ",\"email\":\"a@b.tw\"").body()).contains("cardholder.email");
        // left out (a renamed field is refused as unknown before TapPay's own checks: RequestBodyRoutesTest)
        assertThat(http.post("/api/v1/payments", "application/json", payment("TP_NO_PRIME", "100", "TWD", "")
                .replaceFirst("\"prime\":\"[^\"]*\",", "")).body()).contains("prime is required");
        assertThat(http.post("/api/v1/payments", "application/json", payment("TP_NO_PHONE", "100", "TWD", "")
                .replaceFirst("\"phone\":\"[^\"]*\",", "")).body()).contains("cardholder.phone");
        assertThat(gateway.getAllServeEvents()).isEmpty();
        assertThat(rows.orders("TP_CENTS") + rows.orders("TP_JPY") + rows.orders("TP_NO_PHONE")
                + rows.orders("TP_METHODS") + rows.orders("TP_TOKEN_TERM") + rows.orders("TP_EMAIL")).isZero();
    }
}
