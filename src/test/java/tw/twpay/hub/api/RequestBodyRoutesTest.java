package tw.twpay.hub.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
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
import tw.twpay.hub.provider.tappay.TapPayPaths;
import tw.twpay.hub.provider.tappay.TapPayTrades;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * Request bodies through the real routes, NewebPay and TapPay played by WireMock: a field the request does not read
 * is refused before anything is journalled or sent; an amount without a currency is the order's, or needs one.
 */
@HubTest
class RequestBodyRoutesTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String TAPPAY = "shop-tappay";

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateways(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.newebpay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.tappay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.public-base-url", () -> "https://hub.example.com");
        // the missed-notify polls stay out of the way
        registry.add("twpay.providers.newebpay.missed-notify-after", () -> "PT1H");
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
    LedgerAppender ledger;

    HubHttp http;
    LedgerRows rows;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        gateway.resetAll();
    }

    static JsonNode json(String text) throws Exception {
        return CanonicalJson.mapper().readTree(text);
    }

    private void capturedNewebPayOrder(String orderNo) {
        OffsetDateTime now = OffsetDateTime.now();
        ledger.append(new LedgerFact(LedgerFact.key("NEWEBPAY", "shop", orderNo, "CAPTURED"), new PaymentEvent(
                "NEWEBPAY", "shop", "MS-SHOP", orderNo, "26112200001", PaymentStatus.CAPTURED, Money.twd(855), "CREDIT",
                null, "777777", now, now, EventSource.CALLBACK, "SUCCESS", null, null, null, null), null));
    }

    @Test
    void aRefundWhoseAmountLacksItsWrapperIsRefusedAndNothingIsJournalledOrSent() throws Exception {
        capturedNewebPayOrder("BODY_REFUND");
        int journal = rows.allJournal();

        HttpResponse<String> refused = http.post("/api/v1/payments/newebpay/shop/BODY_REFUND/refund",
                "application/json", "{\"value\":\"100\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(json(refused.body()).path("detail").asText()).contains("unknown field \"value\"")
                .contains("\"amount\":{");
        assertThat(rows.allJournal()).isEqualTo(journal);
        assertThat(rows.orderStatus("BODY_REFUND")).isEqualTo("CAPTURED");
        assertThat(gateway.findAll(anyRequestedFor(anyUrl()))).isEmpty();

        // the same refund in the right shape (currency: the order's) does go to the gateway
        http.post("/api/v1/payments/newebpay/shop/BODY_REFUND/refund", "application/json",
                "{\"amount\":{\"value\":\"100\"}}");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard/Close")))).hasSize(1);
    }

    private String tapPayPayment(String orderNo, String amount, String extra) {
        return """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":%s,"description":"Plan",
                 "prime":"test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9",
                 "cardholder":{"phone":"+886923456789","name":"Jane Doe","email":"jane@example.com"}%s}"""
                .formatted(TAPPAY, orderNo, amount, extra);
    }

    private void stubPaid(String orderNo, long wireAmount, String currency) {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo(orderNo)))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"status":0,"msg":"Success","rec_trade_id":"D%s","bank_transaction_id":"%s",
                         "auth_code":"123456","amount":%d,"currency":"%s","transaction_time_millis":1764140000000,
                         "card_info":{"bin_code":"424242","last_four":"4242","expiry_date":"203012"},
                         "bank_result_code":"00","bank_result_msg":""}"""
                        .formatted(orderNo.replace("_", ""), TapPayTrades.bankTransactionId(TAPPAY, orderNo),
                                wireAmount, currency))));
    }

    private JsonNode sentPayment(String orderNo) throws Exception {
        var sent = gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo(orderNo))));
        assertThat(sent).hasSize(1);
        return json(sent.get(0).getBodyAsString());
    }

    @Test
    void aTapPayPaymentTakesInstallmentsAsTheOtherProvidersDoAndStillReadsInstalment() throws Exception {
        stubPaid("BODY_INST", 900, "TWD");
        HttpResponse<String> paid = http.post("/api/v1/payments", "application/json",
                tapPayPayment("BODY_INST", "{\"value\":\"900\",\"currency\":\"TWD\"}", ",\"installments\":3"));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(sentPayment("BODY_INST").path("instalment").asInt()).isEqualTo(3);

        stubPaid("BODY_INST_OLD", 600, "TWD");
        assertThat(http.post("/api/v1/payments", "application/json", tapPayPayment("BODY_INST_OLD",
                "{\"value\":\"600\",\"currency\":\"TWD\"}", ",\"instalment\":6")).statusCode()).isEqualTo(200);
        assertThat(sentPayment("BODY_INST_OLD").path("instalment").asInt()).isEqualTo(6);

        int journal = rows.allJournal();
        HttpResponse<String> both = http.post("/api/v1/payments", "application/json", tapPayPayment("BODY_INST_2",
                "{\"value\":\"600\",\"currency\":\"TWD\"}", ",\"instalment\":6,\"installments\":6"));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("give installments only");
        HttpResponse<String> misspelt = http.post("/api/v1/payments", "application/json", tapPayPayment("BODY_INST_3",
                "{\"value\":\"600\",\"currency\":\"TWD\"}", ",\"installment\":6"));
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(json(misspelt.body()).path("detail").asText()).contains("unknown field \"installment\"")
                .contains("did you mean \"installments\"");
        assertThat(rows.allJournal()).isEqualTo(journal);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PAY_BY_PRIME)))).hasSize(2);
    }

    @Test
    void aPaymentWithoutCurrencyForAMerchantOfSeveralCurrenciesIsRefusedNamingAmountCurrency() throws Exception {
        int journal = rows.allJournal();
        HttpResponse<String> refused = http.post("/api/v1/payments", "application/json",
                tapPayPayment("BODY_NOCUR", "{\"value\":\"10\"}", ""));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).path("detail").asText())
                .isEqualTo("amount.currency is required: tappay merchant 'shop-tappay' takes TWD, USD");
        assertThat(rows.allJournal()).isEqualTo(journal);
        assertThat(gateway.findAll(anyRequestedFor(anyUrl()))).isEmpty();

        // a NewebPay merchant takes TWD only: there the currency may be left out (the README's walk-throughs do)
        HttpResponse<String> form = http.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"BODY_TWD","amount":{"value":"855"},
                 "description":"Annual plan"}""");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select currency from ledger_journal where subject = 'BODY_TWD'",
                String.class)).isEqualTo("TWD");
    }

    @Test
    void anAmountWithoutCurrencyOnAnExistingOrderIsInTheOrdersCurrency() throws Exception {
        stubPaid("BODY_USD", 100, "USD");
        assertThat(http.post("/api/v1/payments", "application/json",
                tapPayPayment("BODY_USD", "{\"value\":\"1.00\",\"currency\":\"USD\"}", "")).statusCode())
                .isEqualTo(200);
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD)).willReturn(aResponse().withStatus(200).withBody("""
                {"status":2,"trade_records":[{"rec_trade_id":"DBODYUSD","amount":100,"original_amount":100,
                 "refunded_amount":0,"currency":"USD","record_status":1,"is_captured":true,
                 "auth_code":"123456"}]}""")));
        gateway.stubFor(post(urlEqualTo(TapPayPaths.TRADE_HISTORY)).willReturn(aResponse().withStatus(503)));
        assertThat(json(http.post("/api/v1/payments/tappay/" + TAPPAY + "/BODY_USD/query", "application/json", "")
                .body()).path("order").path("status").asText()).isEqualTo("CAPTURED");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.REFUND)).willReturn(aResponse().withStatus(200).withBody("""
                {"status":0,"msg":"","refund_id":"R1","refund_amount":50,"is_captured":true,"currency":"USD"}""")));

        // the OpenAPI document's own example body
        HttpResponse<String> refund = http.post("/api/v1/payments/tappay/" + TAPPAY + "/BODY_USD/refund",
                "application/json", "{\"amount\":{\"value\":\"0.5\"}}");

        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(200);
        assertThat(json(refund.body()).path("order").path("status").asText()).isEqualTo("REFUND_REQUESTED");
        var sent = gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.REFUND)));
        assertThat(sent).hasSize(1);
        assertThat(json(sent.get(0).getBodyAsString()).path("amount").asLong()).isEqualTo(50);
        assertThat(jdbc.queryForList("select currency from ledger_journal where subject = 'BODY_USD'"
                + " and status = 'REFUND_REQUESTED'", String.class)).containsExactly("USD");
    }

    @Test
    void aDescriptionWithAnUnpairedSurrogateIsRefusedNamingIt() throws Exception {
        int journal = rows.allJournal();
        HttpResponse<String> refused = http.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"BODY_SURR","amount":{"value":"855"},
                 "description":"Plan \\ud800"}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).path("detail").asText()).startsWith("description contains an unpaired");
        assertThat(rows.allJournal()).isEqualTo(journal);
        assertThat(rows.orders("BODY_SURR")).isZero();
    }

    /** A POST without a body (and so without a Content-Type) is the command's own answer, never a 415. */
    @Test
    void aCommandSentWithoutABodyIsAnsweredByTheCommandNotRefusedAsAMediaType() throws Exception {
        HttpResponse<String> payment = http.send(http.request("/api/v1/payments")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> cardholder = http.send(http.request("/api/v1/cards/tappay/shop-tappay/tpcard_none/cardholder")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(payment.statusCode()).isEqualTo(400);
        assertThat(json(payment.body()).path("detail").asText()).contains("required");
        assertThat(cardholder.statusCode()).isNotEqualTo(415);
        assertThat(cardholder.statusCode()).isBetween(400, 404);
    }

    @Test
    void everyCommandRefusesAFieldItDoesNotRead() throws Exception {
        List<String[]> requests = List.of(
                new String[] {"/api/v1/payments/barcode", """
                        {"provider":"tappay","merchant":"shop-tappay","orderNo":"B1",
                         "amount":{"value":"1","currency":"TWD"},"description":"d","barcode":"b","email":"e@x.tw"}""",
                        "\"email\""},
                new String[] {"/api/v1/subscriptions", """
                        {"provider":"newebpay","merchant":"shop-recurring","orderNo":"S1",
                         "amount":{"value":"1"},"description":"d","period":{"type":"M","point":"05","startType":2,
                         "time":12}}""", "\"period.time\""},
                new String[] {"/api/v1/subscriptions/newebpay/shop-recurring/S1/suspend",
                        "{\"mandateId\":\"P1\",\"amount\":{\"value\":\"1\"}}", "\"amount\""},
                new String[] {"/api/v1/cards/charges", """
                        {"provider":"newebpay","merchant":"shop","orderNo":"C1","amount":{"value":"1"},
                         "description":"d","tokenTerm":"t","tokenValue":"v","capture":"manual"}""", "\"capture\""},
                new String[] {"/api/v1/cards/bind", "{\"provider\":\"tappay\",\"merchant\":\"shop-tappay\","
                        + "\"prime\":\"p\",\"currrency\":\"TWD\"}", "\"currrency\""},
                new String[] {"/api/v1/cards/tappay/shop-tappay/tpcard_1/remove", "{\"force\":true}", "\"force\""},
                new String[] {"/api/v1/payments/tappay/shop-tappay/T1/cancel-refund", "{\"refund_id\":\"R1\"}",
                        "\"refund_id\""});
        int journal = rows.allJournal();
        for (String[] request : requests) {
            HttpResponse<String> response = http.post(request[0], "application/json", request[1]);
            assertThat(response.statusCode()).as(request[0]).isEqualTo(400);
            assertThat(json(response.body()).path("detail").asText()).as(request[0])
                    .contains("unknown field " + request[2]);
        }
        assertThat(rows.allJournal()).isEqualTo(journal);
        assertThat(gateway.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
