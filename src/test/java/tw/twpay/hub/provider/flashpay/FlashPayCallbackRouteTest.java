package tw.twpay.hub.provider.flashpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.CanonicalEventSchema;
import tw.twpay.hub.support.ErpInbox;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * {@code /callbacks/flashpay/{merchant}/notify} over real HTTP, with FlashPay's querytrade.php (the 107 confirmation)
 * played by WireMock: confirmed notifies are stored as FlashPay's 107 reports them and answered exactly 1|OK; every
 * other notify gets the pipeline's one refusal and stores nothing.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class FlashPayCallbackRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gatewayAndMerchants(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.flashpay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        // the merchant of the omnipay-flashpay notify vector, its querytrade.php on WireMock
        registry.add("twpay.providers.flashpay.merchants.omni.merchant-id", () -> "HT00000003");
        registry.add("twpay.providers.flashpay.merchants.omni.hash-key", () -> "hULtXjAWIHP6QDhLK1Oxp7Mi47MtPJwg");
        registry.add("twpay.providers.flashpay.merchants.omni.hash-iv", () -> "JX3YbUmQYZm6ZTAZ");
        registry.add("twpay.providers.flashpay.merchants.omni.environment", () -> "production");
        registry.add("twpay.providers.flashpay.merchants.omni.query-base-url", () -> "http://localhost:" + gateway.port());
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
    SandboxErpInbox inbox;

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

    private void create(String orderNo, String amount) {
        assertThat(http.post("/api/v1/payments", "application/json", """
                {"provider":"flashpay","merchant":"shop-flashpay","orderNo":"%s","amount":{"value":"%s","currency":"TWD"},
                 "description":"Walk-through order"}""".formatted(orderNo, amount)).statusCode()).isEqualTo(200);
    }

    /**
     * A notify shaped like the real ones: no order_status, amt "0.00", tx_amt, numbers as strings, "+08"; about the
     * trade {@link FlashPayGatewayStub#queryAnswer} reports (the same order_no and ord_time).
     */
    private static String realNotify(String merchantId, String orderNo, String retCode, String txAmt) {
        return """
                {"ver":"1.0.0","tx_type":104,"mer_id":"%s","sto_id":"","order_no":"%s","ord_no":"%s",\
                "ord_time":"%s","ret_code":"%s","ret_msg":"\\u4ea4\\u6613\\u6210\\u529f",\
                "purchase_date":"","auth_id_resp":"952931","amt":"0.00","tx_amt":"%s","tot_pay_amt":"0.00",\
                "install_period":"0","use_redeem":"","return_url":"https:\\/\\/hub.example.com\\/callbacks\\/flashpay\\/shop-flashpay\\/notify",\
                "client_url":"https:\\/\\/hub.example.com\\/","pay_type":"1"}""".formatted(merchantId,
                FlashPayGatewayStub.FLASHPAY_ORDER_NO, orderNo, FlashPayGatewayStub.ORDER_TIME, retCode, txAmt);
    }

    private HttpResponse<String> notify(String merchant, Map<String, String> form) {
        return http.postForm("/callbacks/flashpay/" + merchant + "/notify", form);
    }

    /**
     * The notify of the omnipay-flashpay vector, which its file marks {@code "provenance": "SYNTHETIC"} (built by that
     * project's test, not sent by FlashPay). A 107 about another FlashPay trade (order_no) does not confirm it.
     */
    @Test
    void theVectorsSyntheticNotifyIsConfirmedOnlyByA107OfTheSameTradeThenStoredAsUnknownOrder(CapturedOutput log)
            throws IOException {
        JsonNode vector;
        try (InputStream in = getClass().getResourceAsStream(FlashPayVectorsTest.RESOURCE)) {
            vector = CanonicalJson.mapper().readTree(in).path("vectors").get(2);
        }
        assertThat(vector.path("provenance").asText()).isEqualTo("SYNTHETIC");
        JsonNode post = vector.path("expected").path("post_fields");
        Map<String, String> form = Map.of("ver", post.path("ver").asText(), "dat", post.path("dat").asText(),
                "chk", post.path("chk").asText());
        FlashPayMerchant omni = merchants.require("omni");
        // the notify names FlashPay's order_no FP2302020600004133; this 107 another trade of the same ord_no
        flashPay.answers(omni, FlashPayGatewayStub.queryAnswer(omni, "11245678", "02", "100.00", "0.00", "0.00"));
        CallbackRefusal.assertUniformRefusal(notify("omni", form), log, "its order_no is not the one 107 reports");
        assertThat(rows.orders("11245678")).as("nothing stored").isZero();

        flashPay.answers(omni, FlashPayGatewayStub.queryAnswer(omni, "11245678", "FP2302020600004133",
                FlashPayGatewayStub.ORDER_TIME, "02", "100.00", "0.00", "0.00"));
        HttpResponse<String> response = notify("omni", form);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(vector.path("expected").path("merchant_reply_body").asText());
        assertThat(rows.orderStatus("11245678")).isEqualTo("AUTHORIZED");
        List<JsonNode> queries = flashPay.receivedQueries(omni);
        assertThat(queries).hasSize(2);
        assertThat(queries.get(0).path("tx_type").asInt()).isEqualTo(107);
        assertThat(queries.get(0).path("ord_no").asText()).isEqualTo("11245678");
        assertThat(queries.get(0).path("mer_id").asText()).isEqualTo("HT00000003");
        await().atMost(Duration.ofSeconds(10)).until(() -> !ErpInbox.eventsAbout(inbox, "11245678").isEmpty());
        JsonNode event = ErpInbox.eventsAbout(inbox, "11245678").get(0);
        CanonicalEventSchema.assertValid(event);
        assertThat(event.path("data").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(event.path("data").path("flags").toString()).contains("UNKNOWN_ORDER");
        assertThat(event.path("data").path("amount").path("value").asText()).isEqualTo("100.00");
        assertThat(event.path("data").path("providerTradeId").asText()).isEqualTo("FP2302020600004133");
        assertThat(event.path("data").path("authCode").asText()).isEqualTo("952931");
    }

    /**
     * Seed 004 §4(2)e, the manual's return example: dat exactly as printed (1,088 hex characters), a genuine tx_type 104
     * notify of the stage merchant HT00000002 (ord_no 3018, order_no FP2205271100002435, tx_amt 399.00, no
     * order_status, purchase_date ""). The chk printed beside it is the request example's, copied (providers/flashpay.md):
     * it fails, and the notify passes with chk computed as §4(2)c says, upper-case SHA-256 of dat as printed (computed
     * outside the hub).
     */
    static final String MANUAL_NOTIFY_DAT = "0b7862b1417a075c7b9596d3c65232ea5918f7824ba3617d24368d6ff09bfcc523f9d2930"
            + "b7c40ea110f968f61b5fce39966c8e61ab2023213759dcf1ef81e222daa9bcfe0d1ca32694eeda"
            + "0f3a860b04aeffe3ca4f54637934f0d98149674fcd7b871387166b14473d202e55e89b7d34e44"
            + "a1e43678226b8582df1c91e5febd6fcab003a7ea8e193fc03f94862e9d5d51280be4a6117643d"
            + "67b01d7d666cf482dfc6b9135ab1294a356b42172e587feaeb39cacd239c4aea26b579fff302c5"
            + "ea3befdc7eaca4f1f3a36f915f332eed32ad17b3d6fb209b9b97cc881043f793c27a727ee7c594"
            + "daf1fbe472c8a6f74a32839dea63944e91a080cd9ab9e1864000d63f57ab592bee5b06c1eb3c9"
            + "0929dd5ff26ac7900fda57085c8e75840bf5b3c697b83d9016f32e1eed48eca7ab7d1621c56b4"
            + "d0b2c15bb57b4f3f93cac982dc9e2892decb528c4ac7c85a379769e0c337fa897c7d6359b8080"
            + "abf25084d0c2bc585999b7dc1cd00a92eeb273439d06dbe417098b5a4fa5141291a5cfa8438b"
            + "39cdf7d35c7897f1bab3556452fb6b369d730ce451e0114f0a5bb4f732ad430b1a07b3e865ccd"
            + "5521e3695103a45d98474ea54122121cb324ce9713fa9f0e954f19714de651376b4b999e2fbef"
            + "4df32e7e5fac762165bf27c4a1f7fe2b683739076a1bbd7be2e580a0d8f40d661474f5315c9cfec"
            + "e615354d11b357be48fdb520e49d53a4c5ec25cd5648262b87621f394a8ffe0fb1216e866c0c0"
            + "ebd145ce09";
    static final String MANUAL_NOTIFY_PRINTED_CHK = "3D6D8E6B4325EC54AAB36FCBD4B6505D4FDE822D85923A35CC330D794B0F7D2E";
    static final String MANUAL_NOTIFY_CHK = "87B105589E7DA9CED988F35A4EBAFEA4EAB04F704FF3C158C0D4E700974F0408";

    @Test
    void theManualsGenuineNotifyIsConfirmedByQueryStoredAndAnswered1Ok(CapturedOutput log) {
        assertThat(MANUAL_NOTIFY_DAT).hasSize(1088);
        create("3018", "399");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "3018", "FP2205271100002435",
                "2022-05-27 11:38:38+08", "02", "399.00", "0.00", "0.00"));

        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", Map.of("ver", "1.0.0", "dat", MANUAL_NOTIFY_DAT,
                "chk", MANUAL_NOTIFY_PRINTED_CHK)), log, "chk mismatch");
        assertThat(rows.orderStatus("3018")).isEqualTo("PENDING");

        HttpResponse<String> response = notify("shop-flashpay", Map.of("ver", "1.0.0", "dat", MANUAL_NOTIFY_DAT,
                "chk", MANUAL_NOTIFY_CHK));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1|OK");
        assertThat(rows.orderStatus("3018")).isEqualTo("AUTHORIZED");
        List<JsonNode> queries = flashPay.receivedQueries(shop);
        assertThat(queries).as("the printed chk is refused before any query").hasSize(1);
        assertThat(queries.get(0).path("tx_type").asInt()).isEqualTo(107);
        assertThat(queries.get(0).path("ord_no").asText()).isEqualTo("3018");
        assertThat(queries.get(0).path("mer_id").asText()).isEqualTo("HT00000002");
        assertThat(jdbc.queryForObject("select amount_value from ledger_order where order_no = '3018'",
                java.math.BigDecimal.class)).isEqualByComparingTo("399");
        assertThat(jdbc.queryForObject("select auth_code from ledger_order where order_no = '3018'", String.class))
                .isEqualTo("202972");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "3018").size() == 2);
        JsonNode authorised = ErpInbox.eventsAbout(inbox, "3018").get(1).path("data");
        assertThat(authorised.path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(authorised.path("amount").path("value").asText()).isEqualTo("399.00");
        assertThat(authorised.path("authCode").asText()).isEqualTo("202972");
        assertThat(authorised.path("providerTradeId").asText()).isEqualTo("FP2205271100002435");
        assertThat(authorised.path("occurredAt").asText()).isEqualTo("2022-05-27T11:38:38+08:00");
        assertThat(authorised.path("flags").size()).isZero();
    }

    @Test
    void aRealShapedNotifyOfAKnownOrderIsConfirmedByQueryAndAcknowledgedOnceStored() {
        create("FPN1", "855");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPN1", "02", "855.00", "0.00", "0.00"));
        Map<String, String> form = FlashPayGatewayStub.notifyForm(shop, realNotify("HT00000002", "FPN1", "00", "855.00"));
        // the Java stack writes dat in upper case; chk is then over the upper-case text
        String upperDat = form.get("dat").toUpperCase(Locale.ROOT);
        Map<String, String> upper = Map.of("ver", "1.0.0", "dat", upperDat, "chk", FlashPayCodec.chk(upperDat));

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = notify("shop-flashpay", i == 1 ? upper : form);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("1|OK");
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        }

        assertThat(rows.orderStatus("FPN1")).isEqualTo("AUTHORIZED");
        assertThat(rows.journal("FPN1")).as("PENDING + one confirmed notify, duplicates stored once").isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "FPN1").size() == 2);
        JsonNode authorised = ErpInbox.eventsAbout(inbox, "FPN1").get(1);
        assertThat(authorised.path("data").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(authorised.path("data").path("source").asText()).isEqualTo("CALLBACK");
        assertThat(authorised.path("data").path("flags").size()).isZero();
        assertThat(authorised.path("data").path("occurredAt").asText()).isEqualTo("2026-11-26T11:38:38+08:00");
        assertThat(authorised.path("data").path("providerStatus").asText()).isEqualTo("02");
        assertThat(jdbc.queryForObject("select raw_payload from ledger_journal where subject = 'FPN1' and source = 'CALLBACK'",
                String.class)).contains("query107").contains("notify");
    }

    /**
     * FlashPay sends its notify again (every 30 minutes) after the order was refunded in its back office: the 107 that
     * confirms it reports the refund. A query that then gets the same 107 answer learns nothing new: one fact,
     * delivered once, for the refunded total (tot_ret_amt) however it was learned.
     */
    @Test
    void oneRefundedStateLearnedByNotifyThenByQueryIsOneFactDeliveredOnce() {
        create("FPTWICE", "1000");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPTWICE", "02", "1000.00", "0.00", "0.00"));
        Map<String, String> form = FlashPayGatewayStub.notifyForm(shop,
                realNotify("HT00000002", "FPTWICE", "00", "1000.00"));
        assertThat(notify("shop-flashpay", form).body()).isEqualTo("1|OK");
        assertThat(rows.orderStatus("FPTWICE")).isEqualTo("AUTHORIZED");

        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPTWICE", "08", "1000.00", "1000.00", "300.00"));
        assertThat(notify("shop-flashpay", form).body()).isEqualTo("1|OK");
        assertThat(rows.orderStatus("FPTWICE")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(http.post("/api/v1/payments/flashpay/shop-flashpay/FPTWICE/query", "application/json", "")
                .statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForList("select amount_value from ledger_journal where subject = 'FPTWICE'"
                + " and status = 'PARTIALLY_REFUNDED'", java.math.BigDecimal.class))
                .usingElementComparator(java.math.BigDecimal::compareTo)
                .containsExactly(new java.math.BigDecimal("300"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "FPTWICE").size() >= 3);
        List<JsonNode> events = ErpInbox.eventsAbout(inbox, "FPTWICE");
        assertThat(events).hasSize(3);
        assertThat(events.get(2).path("data").path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(events.get(2).path("data").path("amount").path("value").asText()).isEqualTo("300.00");
    }

    /** A decline confirmed by 00 after a query stored that 00 as still pending is still stored, FAILED. */
    @Test
    void aDeclineConfirmedBy00AfterAQueryOf00IsFailed() {
        create("FPDECLINED", "300");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPDECLINED", "00", "300.00", "0.00", "0.00"));
        assertThat(http.post("/api/v1/payments/flashpay/shop-flashpay/FPDECLINED/query", "application/json", "")
                .statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("FPDECLINED")).isEqualTo("PENDING");

        HttpResponse<String> response = notify("shop-flashpay",
                FlashPayGatewayStub.notifyForm(shop, realNotify("HT00000002", "FPDECLINED", "05", "300.00")));

        assertThat(response.body()).isEqualTo("1|OK");
        assertThat(rows.orderStatus("FPDECLINED")).isEqualTo("FAILED");
    }

    @Test
    void aDeclineConfirmedBy00IsFailed() {
        create("FPDECLINE", "300");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPDECLINE", "00", "300.00", "0.00", "0.00"));

        HttpResponse<String> response = notify("shop-flashpay",
                FlashPayGatewayStub.notifyForm(shop, realNotify("HT00000002", "FPDECLINE", "05", "300.00")));

        assertThat(response.body()).isEqualTo("1|OK");
        assertThat(rows.orderStatus("FPDECLINE")).isEqualTo("FAILED");
    }

    @Test
    void forgedOrUndecryptableNotifiesGetTheOneRefusalAndNoQuery(CapturedOutput log) {
        create("FPFORGE", "855");
        Map<String, String> genuine = FlashPayGatewayStub.notifyForm(shop, realNotify("HT00000002", "FPFORGE", "00", "855.00"));
        String dat = genuine.get("dat");
        String altered = dat.substring(0, dat.length() - 1) + (dat.endsWith("0") ? "1" : "0");
        FlashPayMerchant omni = merchants.require("omni");
        Map<String, String> otherKeys = FlashPayGatewayStub.notifyForm(omni, realNotify("HT00000002", "FPFORGE", "00", "855.00"));
        Map<String, String> otherMerchant = FlashPayGatewayStub.notifyForm(shop, realNotify("HT00000003", "FPFORGE", "00", "855.00"));
        Map<String, String> notAnOrderNo = FlashPayGatewayStub.notifyForm(shop, realNotify("HT00000002", "FP-FORGE", "00", "855.00"));

        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", Map.of("ver", "1.0.0", "dat", altered,
                "chk", genuine.get("chk"))), log, "chk mismatch");
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", Map.of("ver", "1.0.0", "dat", altered,
                "chk", FlashPayCodec.chk(altered))), log, "FlashPay notify: dat");
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", otherKeys), log, "FlashPay notify: dat");
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", otherMerchant), log,
                "mer_id is not the one of merchant shop-flashpay");
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", notAnOrderNo), log,
                "ord_no is missing or not an order number");
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", Map.of("ver", "1.0.0", "chk", genuine.get("chk"))),
                log, "callback field dat is missing");
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", Map.of("ver", "1.0.0", "dat", "zz" + dat.substring(2),
                "chk", FlashPayCodec.chk("zz" + dat.substring(2)))), log, "dat is not hex");

        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(FlashPayGatewayStub.QUERY_PATH)))).isEmpty();
        assertThat(rows.orderStatus("FPFORGE")).isEqualTo("PENDING");
        assertThat(rows.journal("FPFORGE")).isEqualTo(1);
    }

    /**
     * The trade request the hub hands the customer's browser is sealed with the merchant's own keys and names its
     * mer_id and ord_no: posted back as a "notify" while FlashPay's 107 says 00 (授權中/授權失敗, e.g. on the 3-D page),
     * it had been read as a notify claiming failure and the order recorded FAILED. It is no notify (tx_type 101, not
     * 104), and a notify that names no ret_code claims no failure.
     */
    @Test
    void theHubsOwnTradeRequestPostedBackIsNoNotifyAndANotifyWithoutRetCodeClaimsNoFailure(CapturedOutput log)
            throws IOException {
        HttpResponse<String> created = http.post("/api/v1/payments", "application/json", """
                {"provider":"flashpay","merchant":"shop-flashpay","orderNo":"FPREPLAY","amount":{"value":"300","currency":"TWD"},
                 "description":"Walk-through order"}""");
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode fields = CanonicalJson.mapper().readTree(created.body()).path("fields");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPREPLAY", "00", "300.00", "0.00", "0.00"));

        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", Map.of("ver", fields.path("ver").asText(),
                "dat", fields.path("dat").asText(), "chk", fields.path("chk").asText())), log, "tx_type is not 104");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(FlashPayGatewayStub.QUERY_PATH)))).isEmpty();

        String withoutRetCode = realNotify("HT00000002", "FPREPLAY", "00", "300.00").replace("\"ret_code\":\"00\",", "");
        assertThat(withoutRetCode).doesNotContain("ret_code");
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", FlashPayGatewayStub.notifyForm(shop, withoutRetCode)),
                log, "still pending");
        assertThat(rows.orderStatus("FPREPLAY")).isEqualTo("PENDING");
    }

    @Test
    void aNotifyFlashPaysQueryDoesNotConfirmIsRefusedAndStoresNothing(CapturedOutput log) {
        create("FPUNCONF", "855");
        Map<String, String> form = FlashPayGatewayStub.notifyForm(shop, realNotify("HT00000002", "FPUNCONF", "00", "855.00"));

        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPUNCONF", "ZP", "855.00", "0.00", "0.00"));
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", form), log, "still pending");
        // 00 (授權中) for a notify of success, also one with the manual's order_status 00 ("well-formed"): not a failure
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPUNCONF", "00", "855.00", "0.00", "0.00"));
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", FlashPayGatewayStub.notifyForm(shop,
                realNotify("HT00000002", "FPUNCONF", "00", "855.00").replace("\"ret_code\"", "\"order_status\":\"00\",\"ret_code\""))),
                log, "107 reports order_status 00 (still pending)");

        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPUNCONF", "02", "85.00", "0.00", "0.00"));
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", form), log, "is not the 85.00 107 reports");

        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "OTHER", "02", "855.00", "0.00", "0.00"));
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", form), log, "answer is about another order");

        // the same ord_no, but FlashPay's order_no is another trade than the one notified
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPUNCONF", "FP2611260900009999",
                FlashPayGatewayStub.ORDER_TIME, "02", "855.00", "0.00", "0.00"));
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", form), log,
                "its order_no is not the one 107 reports");

        // authorised, but the 107 names no amount to check: not confirmed (the query path refuses it alike)
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPUNCONF", "02", "855.00", "0.00", "0.00")
                .replace("\"tx_amt\":\"855.00\",", ""));
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", form), log,
                "it reports AUTHORIZED but names no amount (tx_amt)");

        gateway.resetAll();
        gateway.stubFor(post(urlEqualTo(FlashPayGatewayStub.QUERY_PATH)).willReturn(aResponse().withStatus(200)
                .withBody("ver=1.0.0&dat=00&chk=" + "0".repeat(64))));
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", form), log, "answer failed verification: chk mismatch");

        flashPay.answersPlain(200, "{\"ret_code\":\"E99\",\"ret_msg\":\"system busy\"}");
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", form), log, "system busy");

        gateway.resetAll();
        gateway.stubFor(post(urlEqualTo(FlashPayGatewayStub.QUERY_PATH))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        CallbackRefusal.assertUniformRefusal(notify("shop-flashpay", form), log, "outcome is unknown");

        assertThat(rows.orderStatus("FPUNCONF")).isEqualTo("PENDING");
        assertThat(rows.journal("FPUNCONF")).isEqualTo(1);
    }

    @Test
    void aPaymentFlashPayConfirmsInAnotherAmountThanTheOrdersIsStoredFlaggedAndDoesNotPayTheOrder() {
        create("FPAMOUNT", "855");
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPAMOUNT", "02", "8550.00", "0.00", "0.00"));

        HttpResponse<String> response = notify("shop-flashpay", FlashPayGatewayStub.notifyForm(shop,
                realNotify("HT00000002", "FPAMOUNT", "00", "8550.00")));

        assertThat(response.body()).isEqualTo("1|OK");
        assertThat(rows.orderStatus("FPAMOUNT")).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select outcome from ledger_journal where subject = 'FPAMOUNT' and source = 'CALLBACK'",
                String.class)).isEqualTo("FLAGGED");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "FPAMOUNT").size() == 2);
        JsonNode flagged = ErpInbox.eventsAbout(inbox, "FPAMOUNT").get(1).path("data");
        assertThat(flagged.path("flags").toString()).contains("AMOUNT_MISMATCH");
        assertThat(flagged.path("amount").path("value").asText()).isEqualTo("8550.00");
    }

    @Test
    void bodiesInACharsetTheHubCannotReadOrMultipartWithoutBoundaryGetTheOneRefusal(CapturedOutput log) {
        int before = rows.allJournal();
        CallbackRefusal.assertUnreadableBodiesRefused(port, "/callbacks/flashpay/shop-flashpay/notify", log);
        assertThat(rows.allJournal()).isEqualTo(before);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(FlashPayGatewayStub.QUERY_PATH)))).isEmpty();
    }
}
