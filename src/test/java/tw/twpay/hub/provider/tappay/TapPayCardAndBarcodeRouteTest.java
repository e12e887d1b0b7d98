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

/**
 * Get Member Card, Get Barcode, Pay by Barcode and Push Token through the real routes, TapPay answering from
 * WireMock with the fields of its documents; and a payment whose claim outlived a crash is taken over by a retry.
 */
@HubTest
class TapPayCardAndBarcodeRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String MERCHANT = TapPayPaymentRouteTest.MERCHANT;
    static final String TEST_MERCHANT = "shop-tappay-test";
    static final String CARD_KEY = "c7a4f0e1b3d2a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4";
    static final String CARD_TOKEN = "da572568e1695f1336b0d9ae889621ee4fd449ba5215a6b4540a5534e1b6540a";

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.tappay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.tappay.missed-notify-after", () -> "PT1H");
        // a merchant on TapPay's test host, which has no Push Token
        registry.add("twpay.providers.tappay.merchants." + TEST_MERCHANT + ".partner-key",
                () -> "partner_TESTHOSTTESTHOSTTESTHOSTTESTHOSTTESTHOSTTESTHOSTTEST");
        registry.add("twpay.providers.tappay.merchants." + TEST_MERCHANT + ".merchant-id", () -> "test_CTBC");
        registry.add("twpay.providers.tappay.merchants." + TEST_MERCHANT + ".environment", () -> "test");
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
    @Autowired
    TapPayMerchants merchants;

    HubHttp http;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        gateway.resetAll();
    }

    static JsonNode json(String text) throws Exception {
        return CanonicalJson.mapper().readTree(text);
    }

    JsonNode lastRequest(String path) throws Exception {
        var requests = gateway.findAll(postRequestedFor(urlEqualTo(path)));
        return json(requests.get(requests.size() - 1).getBodyAsString());
    }

    void stub(String path, String answer) {
        gateway.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(answer)));
    }

    /** A card stored by Bind Card, TapPay's secrets sealed in the vault; answers the card reference. */
    String boundCard(String cardToken) throws Exception {
        stub(TapPayPaths.BIND_CARD, """
                {"status":0,"msg":"Success","rec_trade_id":"D20261126BIND1","currency":"TWD","auth_code":"123456",
                 "merchant_id":"twpay_sandbox_CTBC","acquirer":"TW_CTBC","millis":1764140000000,
                 "card_secret":{"card_token":"%s","card_key":"%s"},
                 "card_info":{"bin_code":"424242","last_four":"4242","issuer":"","funding":0,"type":1,"level":"",
                  "country":"UNITED KINGDOM","country_code":"GB","expiry_date":"203012"},
                 "bank_result_code":"00","bank_result_msg":"","card_identifier":"ci_1"}""".formatted(cardToken, CARD_KEY));
        HttpResponse<String> bound = http.post("/api/v1/cards/bind", "application/json", """
                {"provider":"tappay","merchant":"%s","prime":"test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9",
                 "cardholder":{"phone":"+886923456789","name":"Jane Doe","email":"jane@example.com","memberId":"M1"}}"""
                .formatted(MERCHANT));
        assertThat(bound.statusCode()).isEqualTo(200);
        return json(bound.body()).path("cardRef").asText();
    }

    @Test
    void getMemberCardAnswersTheHubsCardReferencesNeverTheTokens() throws Exception {
        String cardRef = boundCard(CARD_TOKEN);
        stub(TapPayPaths.GET_MEMBER_CARD, """
                {"status":0,"msg":"Success","member_id":"M1","cards":[
                 {"card_token":"%s","bin_code":"424242","last_four":"4242","issuer":"Sandbox Bank",
                  "issuer_zh_tw":"沙盒銀行","bank_id":"000","funding":0,"type":1,"level":"CLASSIC","country":"TAIWAN",
                  "country_code":"TW","card_identifier":"ci_1","expiry_date":"203012"},
                 {"card_token":"a_card_bound_elsewhere","bin_code":"356778","last_four":"0001","funding":1,"type":3,
                  "country_code":"TW","card_identifier":"ci_2","expiry_date":"202811"}]}""".formatted(CARD_TOKEN));

        HttpResponse<String> response = http.get("/api/v1/cards/tappay/" + MERCHANT + "/member-cards?memberId=M1");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode cards = json(response.body()).path("cards");
        assertThat(cards).hasSize(2);
        assertThat(cards.get(0).path("cardRef").asText()).isEqualTo(cardRef);
        assertThat(cards.get(0).path("card").path("brand").asText()).isEqualTo("VISA");
        assertThat(cards.get(0).path("cardIdentifier").asText()).isEqualTo("ci_1");
        assertThat(cards.get(1).hasNonNull("cardRef")).isFalse();
        assertThat(cards.get(1).path("card").path("brand").asText()).isEqualTo("JCB");
        assertThat(response.body()).doesNotContain(CARD_TOKEN).doesNotContain("a_card_bound_elsewhere");
        JsonNode sent = lastRequest(TapPayPaths.GET_MEMBER_CARD);
        assertThat(sent.path("member_id").asText()).isEqualTo("M1");
        assertThat(sent.size()).isEqualTo(2);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.GET_MEMBER_CARD))).get(0)
                .getHeader("x-api-key")).isEqualTo(merchants.require(MERCHANT).partnerKey());

        stub(TapPayPaths.GET_MEMBER_CARD, "{\"status\":2011,\"msg\":\"Member not found\"}");
        HttpResponse<String> refused = http.get("/api/v1/cards/tappay/" + MERCHANT + "/member-cards?memberId=M9");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("2011 Member not found");
    }

    @Test
    void getBarcodeOpensTheSealedCardAndAnswersTheBarcodeOnly() throws Exception {
        String cardRef = boundCard(CARD_TOKEN + "b");
        stub(TapPayPaths.GET_BARCODE, "{\"status\":0,\"msg\":\"Success\",\"barcode\":\"Ab3dE6gH9jK1mN4\","
                + "\"barcode_update_secs\":120}");

        HttpResponse<String> response = http.post("/api/v1/cards/tappay/" + MERCHANT + "/" + cardRef + "/barcode",
                "application/json", "{\"length\":15,\"validSeconds\":120}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response.body());
        assertThat(answer.path("barcode").asText()).isEqualTo("Ab3dE6gH9jK1mN4");
        assertThat(answer.path("validSeconds").asInt()).isEqualTo(120);
        assertThat(answer.path("validUntil").asText()).isNotEmpty();
        assertThat(response.body()).doesNotContain(CARD_KEY).doesNotContain(CARD_TOKEN);
        JsonNode sent = lastRequest(TapPayPaths.GET_BARCODE);
        assertThat(sent.path("card_key").asText()).isEqualTo(CARD_KEY);
        assertThat(sent.path("card_token").asText()).isEqualTo(CARD_TOKEN + "b");
        assertThat(sent.path("barcode_length").asInt()).isEqualTo(15);
        assertThat(sent.path("barcode_update_secs").asInt()).isEqualTo(120);
        // TapPay's defaults are left to TapPay
        http.post("/api/v1/cards/tappay/" + MERCHANT + "/" + cardRef + "/barcode", "application/json", "");
        assertThat(lastRequest(TapPayPaths.GET_BARCODE).has("barcode_length")).isFalse();
        int calls = gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.GET_BARCODE))).size();
        assertThat(http.post("/api/v1/cards/tappay/" + MERCHANT + "/" + cardRef + "/barcode", "application/json",
                "{\"validSeconds\":86401}").statusCode()).isEqualTo(400);
        assertThat(http.post("/api/v1/cards/tappay/" + MERCHANT + "/tpcard_none/barcode", "application/json", "")
                .statusCode()).isEqualTo(404);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.GET_BARCODE)))).hasSize(calls);
    }

    HttpResponse<String> payByBarcode(String orderNo, String amount, String currency, String extra) {
        return http.post("/api/v1/payments/barcode", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"%s","currency":"%s"},
                 "description":"Counter sale","barcode":"Ab3dE6gH9jK1mN4"%s}"""
                .formatted(MERCHANT, orderNo, amount, currency, extra));
    }

    static String barcodePaid(String orderNo, long amount) {
        return """
                {"status":0,"msg":"Success","rec_trade_id":"D%s","bank_transaction_id":"%s","bank_order_number":"",
                 "amount":%d,"merchant_id":"twpay_sandbox_CTBC","currency":"TWD","auth_code":"654321",
                 "card_info":{"bin_code":"424242","last_four":"4242","issuer":"","issuer_zh_tw":"","bank_id":"",
                  "funding":0,"type":1,"level":"","country":"UNITED KINGDOM","country_code":"GB","expiry_date":"203012"},
                 "order_number":"%s","acquirer":"TW_CTBC","transaction_time_millis":1764140000000,
                 "bank_transaction_time":{"start_time_millis":"1764140000000","end_time_millis":"1764140001000"},
                 "bank_result_code":"00","bank_result_msg":"","card_identifier":"ci_1"}"""
                .formatted(orderNo.replace("_", ""), TapPayTrades.bankTransactionId(MERCHANT, orderNo), amount,
                        orderNo);
    }

    List<String> statuses(String orderNo) {
        return jdbc.queryForList("select status from ledger_journal where subject = ? order by id", String.class,
                orderNo);
    }

    @Test
    void payByBarcodeJournalsPendingFirstAndSendsTheDocumentedFields() throws Exception {
        stub(TapPayPaths.PAY_BY_BARCODE, barcodePaid("BC_PAID", 300));

        HttpResponse<String> response = payByBarcode("BC_PAID", "300", "TWD", ",\"capture\":\"manual\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).path("order").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(statuses("BC_PAID")).containsExactly("PENDING", "AUTHORIZED");
        JsonNode sent = lastRequest(TapPayPaths.PAY_BY_BARCODE);
        assertThat(sent.path("barcode").asText()).isEqualTo("Ab3dE6gH9jK1mN4");
        assertThat(sent.path("merchant_id").asText()).isEqualTo(merchants.require(MERCHANT).merchantId());
        assertThat(sent.path("amount").isIntegralNumber()).isTrue();
        assertThat(sent.path("amount").asLong()).isEqualTo(300);
        assertThat(sent.path("currency").asText()).isEqualTo("TWD");
        assertThat(sent.path("details").asText()).isEqualTo("Counter sale");
        assertThat(sent.path("order_number").asText()).isEqualTo("BC_PAID");
        assertThat(sent.path("bank_transaction_id").asText())
                .isEqualTo(TapPayTrades.bankTransactionId(MERCHANT, "BC_PAID"));
        assertThat(sent.path("delay_capture_in_days").asInt()).isEqualTo(-1);
        assertThat(sent.has("retry_mode")).isFalse();
        assertThat(sent.path("partner_key").asText()).isEqualTo(merchants.require(MERCHANT).partnerKey());
        // the same order again is refused before anything is sent
        assertThat(payByBarcode("BC_PAID", "300", "TWD", "").statusCode()).isEqualTo(409);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PAY_BY_BARCODE)))).hasSize(1);
    }

    @Test
    void payByBarcodeRefusesAmountsAndCurrenciesBeforeAnyCall() throws Exception {
        assertThat(payByBarcode("BC_CENTS", "10.5", "TWD", "").statusCode()).isEqualTo(400);
        assertThat(payByBarcode("BC_EUR", "10", "EUR", "").statusCode()).isEqualTo(400);
        assertThat(http.post("/api/v1/payments/barcode", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"BC_NOCODE","amount":{"value":"10","currency":"TWD"},
                 "description":"x","barcode":"no spaces!"}""".formatted(MERCHANT)).statusCode()).isEqualTo(400);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PAY_BY_BARCODE)))).isEmpty();
        assertThat(statuses("BC_CENTS")).isEmpty();
        assertThat(http.post("/api/v1/payments/barcode", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"BC_NEWEBPAY","amount":{"value":"10"},
                 "description":"x","barcode":"Ab3dE6gH9jK1mN4"}""").statusCode()).isEqualTo(404);
    }

    @Test
    void aBarcodePaymentWithoutAnAnswerStaysPendingAndIsSettledByRecord() throws Exception {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_BARCODE))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(payByBarcode("BC_LOST", "700", "TWD", "").statusCode()).isEqualTo(504);
        assertThat(statuses("BC_LOST")).containsExactly("PENDING");

        // a duplicate bank_transaction_id is an earlier attempt TapPay has: pending too, never FAILED
        stub(TapPayPaths.PAY_BY_BARCODE, "{\"status\":10013,\"msg\":\"Duplicate bank_transaction_id\"}");
        assertThat(payByBarcode("BC_DUP", "700", "TWD", "").statusCode()).isEqualTo(504);
        assertThat(statuses("BC_DUP")).containsExactly("PENDING");

        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, "BC_LOST");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.bank_transaction_id", equalTo(bankTransactionId)))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"status":2,"msg":"End of list","trade_records":[
                         {"rec_trade_id":"DBCLOST","bank_transaction_id":"%s","merchant_id":"twpay_sandbox_CTBC",
                          "amount":700,"original_amount":700,"refunded_amount":0,"currency":"TWD","record_status":1,
                          "is_captured":true,"cap_millis":1764140000000,"auth_code":"111111","time":1764140000000}]}"""
                        .formatted(bankTransactionId))));
        stub(TapPayPaths.TRADE_HISTORY, """
                {"status":0,"msg":"Success","rec_trade_id":"DBCLOST","currency":"TWD","trade_history":[
                 {"action":0,"amount":700,"millis":1764140000000,"success":true,"is_pending":false},
                 {"action":1,"amount":700,"millis":1764150000000,"success":true,"is_pending":false}]}""");

        HttpResponse<String> query = http.post("/api/v1/payments/tappay/" + MERCHANT + "/BC_LOST/query",
                "application/json", "");

        assertThat(query.statusCode()).isEqualTo(200);
        JsonNode answer = json(query.body());
        assertThat(answer.path("order").path("status").asText()).isEqualTo("CAPTURED");
        assertThat(answer.path("operations")).hasSize(2);
        assertThat(answer.path("operations").get(1).path("action").asText()).isEqualTo("CAPTURE");
        assertThat(statuses("BC_LOST")).containsExactly("PENDING", "CAPTURED");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PAY_BY_BARCODE)))).hasSize(2);
    }

    @Test
    void pushTokenStoresTheCardSealedAndAnswersItsReference() throws Exception {
        stub(TapPayPaths.PUSH_TOKEN, """
                {"status":0,"msg":"Success","card_network_status":"","card_network_msg":"","token_status":"ACTIVE",
                 "card_secret":{"card_token":"%s","card_key":"%s"},
                 "card_info":{"issuer":"CTBC Bank","funding":0,"type":2,"level":"","country":"TAIWAN",
                  "bin_code":"520000","last_four":"1234","country_code":"TW","expiry_date":"202912"},
                 "cardholder":{"name":"","phone_number":"","email":"","zip_code":"","address":""}}"""
                .formatted(CARD_TOKEN + "p", CARD_KEY));

        HttpResponse<String> response = http.post("/api/v1/cards/push-token", "application/json", """
                {"provider":"tappay","merchant":"%s","tspPushToken":"eyJxcyI6ImFjY291bnRIb2xkZXJEYXRh"}"""
                .formatted(MERCHANT));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode card = json(response.body());
        String cardRef = card.path("cardRef").asText();
        assertThat(cardRef).startsWith("tpcard_");
        assertThat(card.path("tokenStatus").asText()).isEqualTo("ACTIVE");
        assertThat(card.path("card").path("brand").asText()).isEqualTo("MASTERCARD");
        assertThat(response.body()).doesNotContain(CARD_KEY).doesNotContain(CARD_TOKEN);
        assertThat(jdbc.queryForMap("select * from tappay_card where card_ref = ?", cardRef).values().toString())
                .doesNotContain(CARD_KEY).doesNotContain(CARD_TOKEN);
        JsonNode sent = lastRequest(TapPayPaths.PUSH_TOKEN);
        assertThat(sent.path("tsp_push_token").asText()).isEqualTo("eyJxcyI6ImFjY291bnRIb2xkZXJEYXRh");

        stub(TapPayPaths.PUSH_TOKEN, "{\"status\":10003,\"msg\":\"Card Error\",\"card_network_status\":\"05\","
                + "\"card_network_msg\":\"declined\"}");
        HttpResponse<String> refused = http.post("/api/v1/cards/push-token", "application/json",
                "{\"provider\":\"tappay\",\"merchant\":\"" + MERCHANT + "\",\"tspPushToken\":\"eyJ4\"}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("10003 Card Error").contains("declined");
        // TapPay's test host has no Push Token: refused before anything is sent
        int calls = gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PUSH_TOKEN))).size();
        assertThat(http.post("/api/v1/cards/push-token", "application/json",
                "{\"provider\":\"tappay\",\"merchant\":\"" + TEST_MERCHANT + "\",\"tspPushToken\":\"eyJ4\"}")
                .statusCode()).isEqualTo(400);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PUSH_TOKEN)))).hasSize(calls);
    }

    @Test
    void aPaymentThatStoppedBetweenClaimAndJournalIsTakenOverByTheRetry() throws Exception {
        // what a crash after claiming the order, before journalling PENDING, leaves behind
        trades.claim(MERCHANT, "CRASHED").orElseThrow();
        // while the claim is fresh it may still be a live payment: 409
        assertThat(payByBarcode("CRASHED", "400", "TWD", "").statusCode()).isEqualTo(409);
        jdbc.update("update tappay_trade set created_at = created_at - interval '1' hour where order_no = 'CRASHED'");
        stub(TapPayPaths.PAY_BY_BARCODE, barcodePaid("CRASHED", 400));

        HttpResponse<String> retried = payByBarcode("CRASHED", "400", "TWD", "");

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(statuses("CRASHED")).containsExactly("PENDING", "CAPTURE_REQUESTED");
        assertThat(lastRequest(TapPayPaths.PAY_BY_BARCODE).path("bank_transaction_id").asText())
                .isEqualTo(TapPayTrades.bankTransactionId(MERCHANT, "CRASHED"));
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PAY_BY_BARCODE)))).hasSize(1);
        // once TapPay named the trade the claim is never taken over again
        jdbc.update("update tappay_trade set created_at = created_at - interval '1' hour where order_no = 'CRASHED'");
        assertThat(trades.takeOver(MERCHANT, "CRASHED", java.time.OffsetDateTime.now())).isEmpty();
    }

    @Test
    void theNewOperationsAreInTheOpenApiDocument() throws Exception {
        JsonNode paths = json(http.get("/api/v1/openapi.json").body()).path("paths");
        assertThat(paths.has("/payments/barcode")).isTrue();
        assertThat(paths.has("/cards/push-token")).isTrue();
        assertThat(paths.has("/cards/{provider}/{merchant}/{cardRef}/barcode")).isTrue();
        assertThat(paths.path("/cards/{provider}/{merchant}/member-cards").path("get").toString())
                .contains("Get Member Card");
    }
}
