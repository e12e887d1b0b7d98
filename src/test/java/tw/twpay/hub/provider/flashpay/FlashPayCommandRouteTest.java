package tw.twpay.hub.provider.flashpay;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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

/** The FlashPay trade form through the real create-payment route. */
@HubTest
class FlashPayCommandRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gatewayAndMerchants(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.flashpay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.public-base-url", () -> "https://hub.example.com");
        registry.add("twpay.providers.flashpay.merchants.store-shop.merchant-id", () -> "HT00000003");
        registry.add("twpay.providers.flashpay.merchants.store-shop.hash-key", () -> "hULtXjAWIHP6QDhLK1Oxp7Mi47MtPJwg");
        registry.add("twpay.providers.flashpay.merchants.store-shop.hash-iv", () -> "JX3YbUmQYZm6ZTAZ");
        registry.add("twpay.providers.flashpay.merchants.store-shop.environment", () -> "production");
        registry.add("twpay.providers.flashpay.merchants.store-shop.sto-id", () -> "STORE7");
        // another store of the same FlashPay merchant (one mer_id, its own sto_id)
        registry.add("twpay.providers.flashpay.merchants.store-shop-8.merchant-id", () -> "HT00000003");
        registry.add("twpay.providers.flashpay.merchants.store-shop-8.hash-key", () -> "hULtXjAWIHP6QDhLK1Oxp7Mi47MtPJwg");
        registry.add("twpay.providers.flashpay.merchants.store-shop-8.hash-iv", () -> "JX3YbUmQYZm6ZTAZ");
        registry.add("twpay.providers.flashpay.merchants.store-shop-8.environment", () -> "production");
        registry.add("twpay.providers.flashpay.merchants.store-shop-8.sto-id", () -> "STORE8");
        // order_status 00 is read as a failed authorisation at once in this test
        registry.add("twpay.providers.flashpay.authorisation-timeout", () -> "PT0S");
        // the merchants of the manual's own 107, cancel and 106 examples (seed 004 §8, §7, §8 多筆訂單查詢)
        FlashPayGatewayStub.manualMerchant(registry, "manual-query", "HT00000001", gateway);
        FlashPayGatewayStub.manualMerchant(registry, "manual-cancel", "HT000000001", gateway);
        FlashPayGatewayStub.manualMerchant(registry, "manual-range", "D061", gateway);
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    FlashPayMerchants merchants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FlashPayRangeQueries rangeQueries;
    @Autowired
    org.apache.camel.ProducerTemplate camel;

    HubHttp http;
    LedgerRows rows;
    FlashPayMerchant shop;
    FlashPayGatewayStub flashPay;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        shop = merchants.require("shop-flashpay");
        flashPay = new FlashPayGatewayStub(gateway);
        gateway.resetAll();
    }

    HttpResponse<String> operate(String orderNo, String operation) {
        return operate("shop-flashpay", orderNo, operation);
    }

    HttpResponse<String> operate(String merchant, String orderNo, String operation) {
        return http.post("/api/v1/payments/flashpay/" + merchant + "/" + orderNo + "/" + operation, "application/json", "");
    }

    JsonNode json(HttpResponse<String> response) throws Exception {
        return CanonicalJson.mapper().readTree(response.body());
    }

    /** An order the hub created and FlashPay's 107 reports authorised. */
    void authorised(String orderNo, String amount) {
        authorised(shop, orderNo, amount);
    }

    void authorised(FlashPayMerchant merchant, String orderNo, String amount) {
        assertThat(create(merchant.alias(), orderNo, amount, "").statusCode()).isEqualTo(200);
        flashPay.answers(merchant, FlashPayGatewayStub.queryAnswer(merchant, orderNo, "02", amount + ".00", "0.00", "0.00"));
        assertThat(operate(merchant.alias(), orderNo, "query").statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus(orderNo)).isEqualTo("AUTHORIZED");
        gateway.resetAll();
    }

    HttpResponse<String> create(String merchant, String orderNo, String amount, String extra) {
        return http.post("/api/v1/payments", "application/json", """
                {"provider":"flashpay","merchant":"%s","orderNo":"%s","amount":{"value":"%s","currency":"TWD"},
                 "description":"測試商品 x 1"%s}""".formatted(merchant, orderNo, amount, extra));
    }

    @Test
    void createPaymentAnswersTheSealedTradeFormAndJournalsPending() throws Exception {
        LocalDateTime before = LocalDateTime.now(ZoneId.of("Asia/Taipei")).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> response = create("shop-flashpay", "FPCREATE1", "855", "");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode form = CanonicalJson.mapper().readTree(response.body());
        assertThat(form.path("action").asText()).isEqualTo("FORM_POST");
        assertThat(form.path("url").asText()).isEqualTo("http://localhost:" + gateway.port() + "/trade.php");
        JsonNode fields = form.path("fields");
        assertThat(fields.fieldNames()).toIterable().containsExactly("ver", "mid", "dat", "key", "chk");
        assertThat(fields.path("ver").asText()).isEqualTo("1.0.0");
        assertThat(fields.path("mid").asText()).isEqualTo("HT00000002");
        String dat = fields.path("dat").asText();
        String json = shop.codec().openText(dat, fields.path("chk").asText());
        assertThat(shop.codec().key(json)).isEqualTo(fields.path("key").asText());
        JsonNode trade = CanonicalJson.mapper().readTree(json);
        assertThat(trade.path("mer_id").asText()).isEqualTo("HT00000002");
        assertThat(trade.path("ord_no").asText()).isEqualTo("FPCREATE1");
        assertThat(trade.path("tx_type").isInt()).isTrue();
        assertThat(trade.path("tx_type").asInt()).isEqualTo(101);
        assertThat(trade.path("pay_type").asInt()).isEqualTo(1);
        assertThat(trade.path("amt").isIntegralNumber()).as("amt is a JSON number").isTrue();
        assertThat(trade.path("amt").asLong()).isEqualTo(855);
        assertThat(trade.path("cur").asText()).isEqualTo("NTD");
        assertThat(trade.path("stage_id").asText()).isEmpty();
        assertThat(trade.path("order_desc").asText()).isEqualTo("測試商品 x 1");
        assertThat(trade.path("return_url").asText()).isEqualTo("https://hub.example.com/callbacks/flashpay/shop-flashpay/notify");
        assertThat(trade.path("client_url").asText()).isEqualTo("https://hub.example.com/callbacks/flashpay/shop-flashpay/return");
        assertThat(trade.has("install_period")).isFalse();
        assertThat(trade.has("use_redeem")).isFalse();
        LocalDateTime ordTime = LocalDateTime.parse(trade.path("ord_time").asText(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertThat(ordTime).as("ord_time in Asia/Taipei").isBetween(before.minusSeconds(1), before.plusSeconds(30));
        assertThat(rows.orderStatus("FPCREATE1")).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select amount_value from ledger_order where order_no = 'FPCREATE1'",
                java.math.BigDecimal.class)).isEqualByComparingTo("855");
    }

    @Test
    void instalmentsRedeemPhoneAndTheErpsReturnPageGoIntoTheTrade() throws Exception {
        HttpResponse<String> response = create("store-shop", "FPCREATE2", "1200",
                ",\"installments\":6,\"phone\":\"0912345678\",\"returnUrl\":\"https://erp.example.com/paid?o=FPCREATE2\"");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode form = CanonicalJson.mapper().readTree(response.body());
        assertThat(form.path("url").asText()).isEqualTo("https://api.fl-pay.com/trade.php");
        FlashPayMerchant store = merchants.require("store-shop");
        JsonNode trade = CanonicalJson.mapper().readTree(store.codec().openText(form.path("fields").path("dat").asText(),
                form.path("fields").path("chk").asText()));
        assertThat(trade.path("install_period").asInt()).isEqualTo(6);
        assertThat(trade.path("cell_phone_no").asText()).isEqualTo("0912345678");
        assertThat(trade.path("client_url").asText()).isEqualTo("https://erp.example.com/paid?o=FPCREATE2");
        assertThat(trade.path("sto_id").asText()).isEqualTo("STORE7");

        JsonNode redeem = CanonicalJson.mapper().readTree(create("store-shop", "FPCREATE3", "300", ",\"redeem\":true").body());
        assertThat(CanonicalJson.mapper().readTree(store.codec().openText(redeem.path("fields").path("dat").asText(),
                redeem.path("fields").path("chk").asText())).path("use_redeem").asText()).isEqualTo("1");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        assertThat(create("shop-flashpay", "FP_UNDERSCORE", "10", "").body()).contains("orderNo");
        assertThat(create("shop-flashpay", "FPDEC", "10.50", "").statusCode()).isEqualTo(400);
        assertThat(create("shop-flashpay", "FPZERO", "0", "").statusCode()).isEqualTo(400);
        assertThat(create("shop-flashpay", "FPINST", "10", ",\"installments\":5").body()).contains("installments");
        assertThat(create("shop-flashpay", "FPINST2", "10", ",\"installments\":\"x\"").body()).contains("installments");
        assertThat(create("shop-flashpay", "FPREDEEM", "10", ",\"redeem\":\"yes\"").body()).contains("redeem");
        assertThat(create("shop-flashpay", "FPPHONE", "10", ",\"phone\":\"12345\"").body()).contains("phone");
        assertThat(create("shop-flashpay", "FPURL", "10", ",\"returnUrl\":\"javascript:alert(1)\"").body()).contains("returnUrl");
        assertThat(http.post("/api/v1/payments", "application/json", """
                {"provider":"flashpay","merchant":"shop-flashpay","orderNo":"FPUSD","amount":{"value":"10","currency":"USD"},
                 "description":"d"}""").body()).contains("TWD");
        assertThat(create("nobody", "FPNOBODY", "10", "").statusCode()).isEqualTo(404);
        assertThat(rows.orders("FPDEC") + rows.orders("FPZERO") + rows.orders("FPINST") + rows.orders("FPPHONE")
                + rows.orders("FPURL") + rows.orders("FPUSD")).isZero();
    }

    /**
     * FlashPay knows one order per ord_no of a mer_id, whichever store (sto_id) it was made for: a second store's
     * order of the same number would be paid by nothing but the first store's trade, which its 107 query reports
     * (seen: the second store's order became AUTHORIZED by the first store's payment). It is refused, naming the store
     * that has the number; other merchants are not concerned.
     */
    @Test
    void anOrderNumberAnotherStoreOfTheSameMerIdHasIsRefused() {
        assertThat(create("store-shop", "FPSHARED", "855", "").statusCode()).isEqualTo(200);

        HttpResponse<String> otherStore = create("store-shop-8", "FPSHARED", "855", "");

        assertThat(otherStore.statusCode()).isEqualTo(409);
        assertThat(otherStore.body()).contains("store-shop").contains("HT00000003").contains("ord_no");
        assertThat(jdbc.queryForObject("select count(*) from ledger_order where order_no = 'FPSHARED'"
                + " and merchant = 'store-shop-8'", Integer.class)).isZero();
        assertThat(create("store-shop", "FPSHARED", "855", "").statusCode()).as("the same store, still pending")
                .isEqualTo(200);
        assertThat(create("shop-flashpay", "FPSHARED", "855", "").statusCode()).as("another mer_id").isEqualTo(200);
    }

    @Test
    void creatingAgainIsFineWhilePendingWithTheSameAmountOnly() {
        assertThat(create("shop-flashpay", "FPAGAIN", "500", "").statusCode()).isEqualTo(200);
        assertThat(create("shop-flashpay", "FPAGAIN", "500", "").statusCode()).isEqualTo(200);
        HttpResponse<String> other = create("shop-flashpay", "FPAGAIN", "501", "");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(rows.journal("FPAGAIN")).isEqualTo(1);
    }

    @Test
    void queryAsks107AndJournalsWhatFlashPayReportsAsAQueryFact() throws Exception {
        create("shop-flashpay", "FPQUERY", "500", "");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPQUERY", "04", "500.00", "500.00", "0.00"));

        HttpResponse<String> response = operate("FPQUERY", "query");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode history = json(response);
        assertThat(history.path("order").path("status").asText()).isEqualTo("CAPTURED");
        assertThat(history.path("journal").findValuesAsText("source")).contains("QUERY");
        JsonNode sent = flashPay.receivedQueries(shop).get(0);
        assertThat(sent.path("tx_type").asInt()).isEqualTo(107);
        assertThat(sent.path("ord_no").asText()).isEqualTo("FPQUERY");
        assertThat(sent.path("mer_id").asText()).isEqualTo("HT00000002");

        // asking again about an unchanged order journals nothing new; a refund done in the back office is learned
        operate("FPQUERY", "query");
        assertThat(rows.journal("FPQUERY")).isEqualTo(2);
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPQUERY", "08", "500.00", "500.00", "200.00"));
        assertThat(json(operate("FPQUERY", "query")).path("order").path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPQUERY", "08", "500.00", "500.00", "500.00"));
        assertThat(json(operate("FPQUERY", "query")).path("order").path("status").asText()).isEqualTo("REFUNDED");
        // a refund's fact carries what was refunded (tot_ret_amt), as other providers' refund facts do; the order
        // keeps the trade's amount
        assertThat(jdbc.queryForList("select amount_value from ledger_journal where subject = 'FPQUERY'"
                + " and status in ('PARTIALLY_REFUNDED', 'REFUNDED') order by id", java.math.BigDecimal.class))
                .usingElementComparator(java.math.BigDecimal::compareTo)
                .containsExactly(new java.math.BigDecimal("200"), new java.math.BigDecimal("500"));
        assertThat(jdbc.queryForObject("select amount_value from ledger_order where order_no = 'FPQUERY'",
                java.math.BigDecimal.class)).isEqualByComparingTo("500");
    }

    @Test
    void status00PastTheAuthorisationTimeoutIsAFailure() throws Exception {
        create("shop-flashpay", "FPQ00", "500", "");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPQ00", "00", "500.00", "0.00", "0.00"));
        assertThat(json(operate("FPQ00", "query")).path("order").path("status").asText()).isEqualTo("FAILED");
    }

    /**
     * The manual's genuine 107 answer (seed 004 §8) has no tx_amt. As printed it reports 12 (cancelled), which moves no
     * money: read as VOIDED. The same answer reporting money moved (02 authorised, 03, 04 captured) names no amount
     * the ledger could check: refused, nothing stored — the query, the missed-notify poll (the same 107 answer) and
     * the notify's confirmation alike.
     */
    @Test
    void theManualsGenuine107AnswerIsReadAndMoneyItReportsWithoutAnAmountIsRefused() throws Exception {
        FlashPayMerchant manual = merchants.require("manual-query");
        assertThat(create("manual-query", "269201", "405", "").statusCode()).isEqualTo(200);

        for (String moved : new String[] {"02", "03", "04"}) {
            flashPay.answers(manual, FlashPayGatewayStub.MANUAL_107_ANSWER
                    .replace("\"order_status\": \"12\"", "\"order_status\": \"" + moved + "\""));
            HttpResponse<String> refused = operate("manual-query", "269201", "query");
            assertThat(refused.statusCode()).as(moved).isEqualTo(502);
            assertThat(refused.body()).as(moved).contains("names no amount (tx_amt)");
        }
        assertThat(rows.orderStatus("269201")).isEqualTo("PENDING");
        assertThat(rows.journal("269201")).isEqualTo(1);
        assertThat(flashPay.receivedQueries(manual)).hasSize(3)
                .allSatisfy(sent -> assertThat(sent.path("tx_type").asInt()).isEqualTo(107))
                .allSatisfy(sent -> assertThat(sent.path("mer_id").asText()).isEqualTo("HT00000001"));

        flashPay.answers(manual, FlashPayGatewayStub.MANUAL_107_ANSWER);
        HttpResponse<String> voided = operate("manual-query", "269201", "query");

        assertThat(voided.statusCode()).as(voided.body()).isEqualTo(200);
        assertThat(json(voided).path("order").path("status").asText()).isEqualTo("VOIDED");
        assertThat(json(voided).path("journal").findValuesAsText("source")).contains("QUERY");
        assertThat(jdbc.queryForObject("select amount_value from ledger_order where order_no = '269201'",
                java.math.BigDecimal.class)).as("the order keeps its amount").isEqualByComparingTo("405");
    }

    /** FlashPay's 03 (已請款) names the trade's amount (tx_amt): another than the order's is flagged, not applied. */
    @Test
    void aCaptureRequestFlashPayReportsInAnotherAmountIsFlaggedAndDoesNotMoveTheOrder() throws Exception {
        authorised("FPQ03", "500");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPQ03", "03", "5000.00", "5000.00", "0.00"));

        assertThat(operate("FPQ03", "query").statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("FPQ03")).isEqualTo("AUTHORIZED");
        assertThat(jdbc.queryForObject("select event_json from ledger_journal where subject = 'FPQ03'"
                + " and outcome = 'FLAGGED'", String.class)).contains("AMOUNT_MISMATCH").contains("CAPTURE_REQUESTED");

        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPQ03", "03", "500.00", "500.00", "0.00"));
        assertThat(json(operate("FPQ03", "query")).path("order").path("status").asText()).isEqualTo("CAPTURE_REQUESTED");
    }

    /**
     * A query is safe to repeat: a 107 answer naming an amount the hub cannot hold (tenths of a cent, more digits than
     * the ledger keeps) is an untrusted answer, a 502 that says why, never the 504 "do not send it again" of a payment
     * operation whose outcome is unknown; nothing is stored.
     */
    @Test
    void aQueryAnswerWithAnAmountTheHubCannotHoldIs502AndNothingIsStored() {
        create("shop-flashpay", "FPQMILLS", "855", "");
        for (String amount : new String[] {"855.005", "1234567890123456"}) {
            flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPQMILLS", "02", amount, "0.00", "0.00"));

            HttpResponse<String> answer = operate("FPQMILLS", "query");

            assertThat(answer.statusCode()).as(amount + ": " + answer.body()).isEqualTo(502);
            assertThat(answer.body()).as(amount).contains("amount").doesNotContain("do not send it again");
        }
        assertThat(rows.orderStatus("FPQMILLS")).isEqualTo("PENDING");
        assertThat(rows.journal("FPQMILLS")).isEqualTo(1);
    }

    @Test
    void queryAnswersThatCannotBeTrustedOrAreRefusalsStoreNothing() {
        create("shop-flashpay", "FPQBAD", "500", "");

        gateway.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(FlashPayGatewayStub.QUERY_PATH))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withBody(FlashPayGatewayStub.sealedAnswer(shop, FlashPayGatewayStub.queryAnswer(shop, "FPQBAD",
                                "04", "500.00", "500.00", "0.00")).replace("chk=", "chk=0"))));
        HttpResponse<String> forged = operate("FPQBAD", "query");
        assertThat(forged.statusCode()).isEqualTo(502);
        assertThat(forged.body()).contains("failed verification");

        flashPay.answersPlain(200, "{\"ret_code\":\"E01\",\"ret_msg\":\"查無此訂單 (no such order)\"}");
        HttpResponse<String> plain = operate("FPQBAD", "query");
        assertThat(plain.statusCode()).isEqualTo(422);
        assertThat(plain.body()).contains("查無此訂單 (no such order)");

        flashPay.answersPlain(400, "{\"msg\":\"參數錯誤 (bad request)\"}");
        HttpResponse<String> plain400 = operate("FPQBAD", "query");
        assertThat(plain400.statusCode()).isEqualTo(422);
        assertThat(plain400.body()).contains("參數錯誤 (bad request)");

        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPQBAD", "04", "500.00", "500.00", "0.00")
                .replace("\"ret_code\":\"00\"", "\"ret_code\":\"14\"").replace("交易成功(Approved or completed successfully)", "參數錯誤"));
        HttpResponse<String> refused = operate("FPQBAD", "query");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("ret_code 14").contains("參數錯誤");

        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPQBAD", "77", "500.00", "500.00", "0.00"));
        assertThat(operate("FPQBAD", "query").statusCode()).isEqualTo(502);

        flashPay.answersPlain(503, "busy");
        assertThat(operate("FPQBAD", "query").statusCode()).isEqualTo(504);

        assertThat(rows.orderStatus("FPQBAD")).isEqualTo("PENDING");
        assertThat(rows.journal("FPQBAD")).isEqualTo(1);
        assertThat(operate("FPNEVER", "query").statusCode()).isEqualTo(404);
    }

    @Test
    void cancelBeforeCaptureSendsTxType8AndStatus12IsVoided() throws Exception {
        authorised("FPCANCEL", "855");
        flashPay.answers(shop, """
                {"ver":"1.0.0","mer_id":"HT00000002","tx_type":"8","tot_pay_amt":"0.00","tot_ret_amt":"0.00",\
                "can_pay_amt":"0.00","can_ret_amt":"0.00","ord_no":"FPCANCEL","ord_time":"2026-11-26 16:46:50+08",\
                "order_status":"12","ret_code":"00","ret_msg":"交易成功(Approved or completed successfully)"}""");

        HttpResponse<String> response = operate("FPCANCEL", "cancel");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("order").path("status").asText()).isEqualTo("VOIDED");
        JsonNode sent = flashPay.receivedQueries(shop).get(0);
        assertThat(sent.path("tx_type").asInt()).isEqualTo(8);
        assertThat(sent.path("amt").isIntegralNumber()).isTrue();
        assertThat(sent.path("amt").asLong()).isEqualTo(855);
        assertThat(sent.path("ord_no").asText()).isEqualTo("FPCANCEL");
        // a cancelled order cannot be cancelled again, and nothing is sent for it
        gateway.resetAll();
        assertThat(operate("FPCANCEL", "cancel").statusCode()).isEqualTo(409);
        assertThat(flashPay.receivedQueries(shop)).isEmpty();
    }

    /** A cancel whose outcome is unknown (a 5xx) is sent once; the order takes no other operation meanwhile. */
    @Test
    void aCancelWithAnUnknownOutcomeIsNotSentAgain() throws Exception {
        authorised("FPCANCELLOST", "855");
        flashPay.answersPlain(502, "{}");

        assertThat(operate("FPCANCELLOST", "cancel").statusCode()).isEqualTo(504);
        HttpResponse<String> again = operate("FPCANCELLOST", "cancel");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("cancel", "in flight");
        assertThat(flashPay.receivedQueries(shop)).filteredOn(sent -> sent.path("tx_type").asInt() == 8)
                .filteredOn(sent -> sent.path("ord_no").asText().equals("FPCANCELLOST")).hasSize(1);
        assertThat(rows.orderStatus("FPCANCELLOST")).isEqualTo("AUTHORIZED");
    }

    /** The manual's genuine cancel answer (seed 004 §7, ord_no 10329): no amount, no order_no, order_status 12. */
    @Test
    void theManualsGenuineCancelAnswerVoidsTheOrder() throws Exception {
        FlashPayMerchant manual = merchants.require("manual-cancel");
        authorised(manual, "10329", "405");
        flashPay.answers(manual, FlashPayGatewayStub.MANUAL_CANCEL_ANSWER);

        HttpResponse<String> response = operate("manual-cancel", "10329", "cancel");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("order").path("status").asText()).isEqualTo("VOIDED");
        JsonNode sent = flashPay.receivedQueries(manual).get(0);
        assertThat(sent.path("mer_id").asText()).isEqualTo("HT000000001");
        assertThat(sent.path("tx_type").asInt()).isEqualTo(8);
        assertThat(sent.path("ord_no").asText()).isEqualTo("10329");
        assertThat(sent.path("amt").asLong()).isEqualTo(405);
        assertThat(jdbc.queryForObject("select amount_value from ledger_journal j where subject = '10329'"
                + " and source = 'COMMAND' and status = 'VOIDED'", java.math.BigDecimal.class))
                .as("the amount cancelled, which the answer does not repeat").isEqualByComparingTo("405");
    }

    /**
     * An order FlashPay reported itself (a notify of an order the hub did not create) carries FlashPay's amount in
     * yuan and cents. The manual types the cancel's amt double: it is sent with its decimals, not refused with a 500.
     */
    @Test
    void anAuthorisationInYuanAndCentsIsCancelledWithItsDecimals() throws Exception {
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPCENTS", "02", "500.98", "0.00", "0.00"));
        HttpResponse<String> notified = http.postForm("/callbacks/flashpay/shop-flashpay/notify",
                FlashPayGatewayStub.notifyForm(shop, """
                        {"ver":"1.0.0","tx_type":104,"mer_id":"HT00000002","order_no":"%s","ord_no":"FPCENTS",\
                        "ord_time":"%s","ret_code":"00","auth_id_resp":"952931","amt":"0.00","tx_amt":"500.98"}"""
                        .formatted(FlashPayGatewayStub.FLASHPAY_ORDER_NO, FlashPayGatewayStub.ORDER_TIME)));
        assertThat(notified.body()).isEqualTo("1|OK");
        assertThat(rows.orderStatus("FPCENTS")).isEqualTo("AUTHORIZED");
        gateway.resetAll();
        flashPay.answers(shop, """
                {"ver":"1.0.0","mer_id":"HT00000002","tx_type":"8","tot_pay_amt":"0.00","tot_ret_amt":"0.00",\
                "can_pay_amt":"0.00","can_ret_amt":"0.00","ord_no":"FPCENTS","ord_time":"2026-11-26 11:38:38+08",\
                "order_status":"12","ret_code":"00","ret_msg":"交易成功(Approved or completed successfully)"}""");

        HttpResponse<String> response = operate("FPCENTS", "cancel");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("order").path("status").asText()).isEqualTo("VOIDED");
        JsonNode amt = flashPay.receivedQueries(shop).get(0).path("amt");
        assertThat(amt.isNumber()).as("amt is a JSON number").isTrue();
        assertThat(amt.decimalValue()).isEqualByComparingTo("500.98");
        assertThat(amt.asText()).isEqualTo("500.98");
    }

    @Test
    void cancelIsRefusedBeforeAnythingIsSentUnlessTheOrderIsAuthorised() throws Exception {
        create("shop-flashpay", "FPCANPEND", "300", "");
        HttpResponse<String> pending = operate("FPCANPEND", "cancel");
        assertThat(pending.statusCode()).isEqualTo(409);
        assertThat(pending.body()).contains("only before capture");

        authorised("FPCANLATE", "300");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPCANLATE", "04", "300.00", "300.00", "0.00")
                .replace("\"tx_type\":\"107\"", "\"tx_type\":\"8\""));
        HttpResponse<String> captured = operate("FPCANLATE", "cancel");
        assertThat(captured.statusCode()).isEqualTo(422);
        assertThat(captured.body()).contains("order_status is 04");
        assertThat(rows.orderStatus("FPCANLATE")).isEqualTo("AUTHORIZED");

        gateway.resetAll();
        gateway.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(FlashPayGatewayStub.QUERY_PATH))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)));
        HttpResponse<String> unknown = operate("FPCANLATE", "cancel");
        assertThat(unknown.statusCode()).isEqualTo(504);
        assertThat(rows.orderStatus("FPCANLATE")).as("an unknown outcome is never recorded").isEqualTo("AUTHORIZED");
    }

    @Test
    void captureRefundAndTheirWithdrawalsAreNotOfferedByFlashPay() {
        authorised("FPNOAPI", "300");
        for (String operation : new String[] {"capture", "refund", "cancel-capture", "cancel-refund"}) {
            HttpResponse<String> response = operate("FPNOAPI", operation);
            assertThat(response.statusCode()).as(operation).isEqualTo(422);
            assertThat(response.body()).as(operation)
                    .contains(operation + " is not offered by FlashPay; done in the FlashPay back office");
        }
        assertThat(flashPay.receivedQueries(shop)).isEmpty();
        assertThat(rows.journal("FPNOAPI")).isEqualTo(2);
    }

    /** The manual's own 106 example (seed 004 §8, merchant D061); FlashPayReconciliationRouteTest runs it through. */
    @Test
    void theRangeQuerySends106AndReadsEveryOrderOfTheAnswer() {
        FlashPayMerchant manual = merchants.require("manual-range");
        flashPay.answers(manual, FlashPayGatewayStub.MANUAL_106_ANSWER);

        var request = rangeQueries.request("manual-range", java.time.LocalDate.of(2022, 4, 25),
                java.time.LocalDate.of(2022, 4, 27));
        var call = camel.requestBody("direct:gateway-call", request, tw.twpay.hub.provider.GatewayCall.class);
        FlashPayRangeQueries.RangeAnswer answer = rangeQueries.answer(call);

        assertThat(answer.orders()).extracting(order -> order.field("ord_no")).containsExactly("269242", "269241");
        assertThat(answer.orders().get(1).field("tx_amt")).isEqualTo("500.98");
        JsonNode sent = flashPay.receivedQueries(manual).get(0);
        assertThat(sent.path("mer_id").asText()).isEqualTo("D061");
        assertThat(sent.path("tx_type").asInt()).isEqualTo(106);
        assertThat(sent.path("start_date").asText()).isEqualTo("2022-04-25");
        assertThat(sent.path("end_date").asText()).isEqualTo("2022-04-27");

        flashPay.answers(manual, "{\"returnCode\":\"1\",\"mer_detail\":[]}");
        var refused = camel.requestBody("direct:gateway-call", request, tw.twpay.hub.provider.GatewayCall.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rangeQueries.answer(refused))
                .hasMessageContaining("returnCode 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rangeQueries.request("shop-flashpay",
                java.time.LocalDate.of(2022, 4, 1), java.time.LocalDate.of(2022, 5, 1))).hasMessageContaining("30 days");
    }
}
