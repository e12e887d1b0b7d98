package tw.twpay.hub.provider.newebpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import tw.twpay.hub.sandbox.newebpay.SandboxCodec;
import tw.twpay.hub.sandbox.newebpay.SandboxMerchants;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
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
import tw.twpay.hub.support.CanonicalEventSchema;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/** ERP commands through the real routes to a NewebPay gateway played by WireMock. */
@HubTest
class NewebPayCommandRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        gateway.start();
        // the first request WireMock serves in a JVM can take longer than the hub's 1 s test gateway timeout on a
        // loaded machine; serve one before any test does
        try {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + gateway.port() + "/warm-up")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void gatewayAndMerchants(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.newebpay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.public-base-url", () -> "https://hub.example.com");
        registry.add("twpay.providers.newebpay.merchants.passkey-shop.merchant-id", () -> "MS-PASSKEY");
        registry.add("twpay.providers.newebpay.merchants.passkey-shop.hash-key", () -> "PasskeyShopHashKey32BytesLong!!!");
        registry.add("twpay.providers.newebpay.merchants.passkey-shop.hash-iv", () -> "PasskeyShopIV16B");
        registry.add("twpay.providers.newebpay.merchants.passkey-shop.kind", () -> "NDNF");
        registry.add("twpay.providers.newebpay.merchants.passkey-shop.environment", () -> "sandbox");
        registry.add("twpay.providers.newebpay.merchants.passkey-shop.passkey", () -> "true");
        // a second alias of the sandbox shop's MerchantID (another shop of the same NewebPay merchant)
        registry.add("twpay.providers.newebpay.merchants.shop-twin.merchant-id", () -> "MS-SANDBOX-NDNF");
        registry.add("twpay.providers.newebpay.merchants.shop-twin.hash-key", () -> "hv6yYElElG5qhB20Og2MbPl5PHd0iu3U");
        registry.add("twpay.providers.newebpay.merchants.shop-twin.hash-iv", () -> "9vST918ugbArqXAX");
        registry.add("twpay.providers.newebpay.merchants.shop-twin.kind", () -> "NDNF");
        registry.add("twpay.providers.newebpay.merchants.shop-twin.environment", () -> "sandbox");
        // the missed-notify poll looks at every PENDING order every second in this test
        registry.add("twpay.providers.newebpay.missed-notify-cron", () -> "0/1 * * * * ?");
        registry.add("twpay.providers.newebpay.missed-notify-after", () -> "PT0S");
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    tw.twpay.hub.ledger.LedgerAppender appender;
    @Autowired
    NewebPayMerchants merchants;
    @Autowired
    SandboxMerchants sandboxMerchants;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    LedgerRows rows;
    NewebPayMerchant shop;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        shop = merchants.require("shop");
        gateway.resetAll();
        // by default the gateway knows no trade (the customer has not paid)
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).willReturn(aResponse().withStatus(200)
                .withBody("{\"Status\":\"TRA10021\",\"Message\":\"查無此筆交易\",\"Result\":[]}")));
    }

    private HttpResponse<String> create(String merchant, String orderNo, String amount) {
        return http.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"%s","orderNo":"%s","amount":{"value":"%s","currency":"TWD"},
                 "description":"Annual plan","email":"buyer@example.com","methods":["CREDIT","VACC"]}"""
                .formatted(merchant, orderNo, amount));
    }

    private void stubPaidQuery(String orderNo, int amount, String closeStatus, String backStatus) {
        stubPaidQuery(orderNo, amount, closeStatus, backStatus, "CREDIT");
    }

    private void stubPaidQuery(String orderNo, int amount, String closeStatus, String backStatus, String paymentType) {
        stubQuery(orderNo, amount, "1", closeStatus, backStatus, paymentType);
    }

    private void stubQuery(String orderNo, int amount, String tradeStatus, String closeStatus, String backStatus,
                           String paymentType) {
        stubQuery(orderNo, amount, tradeStatus, closeStatus, backStatus, paymentType, null, amount);
    }

    /** A QueryTradeInfo answer naming what was captured (CloseAmt, null for none) and what is left to refund. */
    private void stubQuery(String orderNo, int amount, String tradeStatus, String closeStatus, String backStatus,
                           String paymentType, Integer closeAmount, int backBalance) {
        String tradeNo = "2611220000" + Math.abs(orderNo.hashCode() % 10_000_000);
        Map<String, String> checked = new LinkedHashMap<>();
        checked.put("Amt", Integer.toString(amount));
        checked.put("MerchantID", shop.merchantId());
        checked.put("MerchantOrderNo", orderNo);
        checked.put("TradeNo", tradeNo);
        String checkCode = shop.checkCodes().checkCode(checked);
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo"))
                .withRequestBody(containing("MerchantOrderNo=" + orderNo))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"Status":"SUCCESS","Message":"查詢成功","Result":{"MerchantID":"%s","Amt":%d,"TradeNo":"%s",\
                        "MerchantOrderNo":"%s","TradeStatus":"%s","PaymentType":"%s","CreateTime":"2026-11-22 10:00:00",\
                        "PayTime":"2026-11-22 10:00:30","CheckCode":"%s","FundTime":"0000-00-00","RespondCode":"00",\
                        "Auth":"777777","ECI":null,"CloseAmt":%s,"CloseStatus":"%s","BackBalance":"%d","BackStatus":"%s",\
                        "RespondMsg":"授權成功","Inst":"0","InstFirst":"0","InstEach":"0","PaymentMethod":"CREDIT",\
                        "Card6No":"400022","Card4No":"1111","AuthBank":"KGI"}}"""
                        .formatted(shop.merchantId(), amount, tradeNo, orderNo, tradeStatus, paymentType, checkCode,
                                closeAmount == null ? "null" : "\"" + closeAmount + "\"", closeStatus, backBalance,
                                backStatus))));
    }

    @Test
    void createPaymentAnswersTheSignedMpgFormAndJournalsPending() throws Exception {
        HttpResponse<String> response = create("shop", "CMD_CREATE_1", "855");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode form = CanonicalJson.mapper().readTree(response.body());
        assertThat(form.path("action").asText()).isEqualTo("FORM_POST");
        assertThat(form.path("url").asText()).isEqualTo("http://localhost:" + gateway.port() + "/MPG/mpg_gateway");
        JsonNode fields = form.path("fields");
        assertThat(fields.path("MerchantID").asText()).isEqualTo(shop.merchantId());
        assertThat(fields.path("Version").asText()).isEqualTo("2.3");
        // the TimeStamp inside is accepted for 120 s: the ERP is told until when
        java.time.OffsetDateTime expiresAt = java.time.OffsetDateTime.parse(form.path("expiresAt").asText());
        assertThat(expiresAt).isBetween(java.time.OffsetDateTime.now().plusSeconds(100),
                java.time.OffsetDateTime.now().plusSeconds(121));
        String tradeInfo = fields.path("TradeInfo").asText();
        assertThat(shop.codec().tradeShaMatches(tradeInfo, fields.path("TradeSha").asText())).isTrue();
        Map<String, String> request = NewebPayFormEncoding.decode(gateway(shop).decryptText(tradeInfo));
        assertThat(request).containsEntry("MerchantOrderNo", "CMD_CREATE_1").containsEntry("Amt", "855")
                .containsEntry("RespondType", "JSON").containsEntry("CREDIT", "1").containsEntry("VACC", "1")
                .containsEntry("NotifyURL", "https://hub.example.com/callbacks/newebpay/shop/notify")
                .containsEntry("ReturnURL", "https://hub.example.com/callbacks/newebpay/shop/return")
                .doesNotContainKey("P3D");
        assertThat(rows.orderStatus("CMD_CREATE_1")).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select created_by_hub from ledger_order where order_no = 'CMD_CREATE_1'",
                Boolean.class)).isTrue();
    }

    @Test
    void passkeyMerchantsAskFor3dSecure() throws Exception {
        JsonNode form = CanonicalJson.mapper().readTree(create("passkey-shop", "CMD_PASSKEY", "100").body());
        NewebPayMerchant passkey = merchants.require("passkey-shop");
        assertThat(NewebPayFormEncoding.decode(gateway(passkey).decryptText(form.path("fields").path("TradeInfo").asText())))
                .containsEntry("P3D", "1");
    }

    @Test
    void createPaymentRefusesBadInputNamingTheProblem() {
        assertThat(create("shop", "bad order no!", "10").body()).contains("orderNo");
        assertThat(create("shop", "CMD_DEC", "10.50").statusCode()).isEqualTo(400);
        assertThat(create("shop-recurring", "CMD_NDNP", "10").body()).contains("NDNF");
        assertThat(create("nobody", "CMD_NOBODY", "10").statusCode()).isEqualTo(404);
        assertThat(http.post("/api/v1/payments", "application/json", "{\"provider\":\"newebpay\"}").body())
                .contains("merchant is required");
        assertThat(http.post("/api/v1/payments", "application/json", "not json").statusCode()).isEqualTo(400);
        assertThat(http.post("/api/v1/payments", "application/json", """
                {"provider":"nopay","merchant":"shop","orderNo":"X","amount":{"value":"1"},"description":"d"}""")
                .statusCode()).isEqualTo(404);
        assertThat(rows.orders("CMD_DEC")).isZero();
        assertThat(rows.orders("CMD_NDNP")).isZero();
    }

    /**
     * NewebPay takes one order per MerchantOrderNo of a MerchantID, and QueryTradeInfo answers by the two only: an
     * order number another alias of the MerchantID has would be settled by that alias's trade. Refused, naming the
     * alias that has it.
     */
    @Test
    void anOrderNumberAnotherAliasOfTheMerchantIdHasIsRefused() {
        assertThat(create("shop", "CMD_SHARED", "855").statusCode()).isEqualTo(200);

        HttpResponse<String> twin = create("shop-twin", "CMD_SHARED", "855");

        assertThat(twin.statusCode()).isEqualTo(409);
        assertThat(twin.body()).contains("'shop'").contains("MS-SANDBOX-NDNF").contains("MerchantOrderNo");
        assertThat(jdbc.queryForObject("select count(*) from ledger_order where merchant = 'shop-twin'",
                Integer.class)).isZero();
        assertThat(create("passkey-shop", "CMD_SHARED", "855").statusCode()).as("another MerchantID").isEqualTo(200);
    }

    /**
     * NewebPay's settlement file is per MerchantID: imported for one alias of a shared MerchantID, it lists the other
     * alias's trades as well. They are that alias's (not "missing in the ledger" of this one and repaired into it),
     * and a trade no alias holds is filed under the first alias in alphabetical order only.
     */
    @Test
    void aSettlementFileOfASharedMerchantIdIsJudgedForTheAliasOwnOrdersOnly() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        tw.twpay.hub.support.ReconciliationRunner shop = new tw.twpay.hub.support.ReconciliationRunner(http, jdbc,
                appender, "NEWEBPAY", "shop");
        tw.twpay.hub.support.ReconciliationRunner twin = new tw.twpay.hub.support.ReconciliationRunner(http, jdbc,
                appender, "NEWEBPAY", "shop-twin");
        String ofShop = "FILE_A" + n;
        shop.created(ofShop, tw.twpay.hub.canonical.Money.twd(100));
        shop.reported(ofShop, "TA" + n, tw.twpay.hub.canonical.PaymentStatus.AUTHORIZED,
                tw.twpay.hub.canonical.Money.twd(100));
        String ofTwin = "FILE_B" + n;
        twin.created(ofTwin, tw.twpay.hub.canonical.Money.twd(200));
        twin.reported(ofTwin, "TB" + n, tw.twpay.hub.canonical.PaymentStatus.AUTHORIZED,
                tw.twpay.hub.canonical.Money.twd(200));
        String csv = "order_no,trade_no,status,amount\r\n" + ofShop + ",TA" + n + ",AUTHORIZED,100\r\n" + ofTwin
                + ",TB" + n + ",CAPTURED,200\r\nFILE_X" + n + ",TX" + n + ",CAPTURED,300\r\n";
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Taipei"));

        HttpResponse<String> started = http.post("/api/v1/reconciliations/settlement-files?provider=newebpay"
                + "&merchant=shop-twin&date=" + today, "text/csv", csv);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = tw.twpay.hub.support.ReconciliationRunner.json(started).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> tw.twpay.hub.support.ReconciliationRunner.json(
                http.get("/api/v1/reconciliations/" + runId)).path("state").asText(), state -> "DONE".equals(state));

        assertThat(twin.kinds(runId)).containsOnly(Map.entry(ofTwin, List.of("STATUS_BEHIND")));
        assertThat(twin.status(ofTwin)).isEqualTo("CAPTURED");
        assertThat(jdbc.queryForObject("select count(*) from ledger_order where merchant = 'shop-twin'"
                + " and order_no in (?, ?)", Integer.class, ofShop, "FILE_X" + n)).isZero();
    }

    @Test
    void queryStoresTheVerifiedAnswerAsQueryFact() throws Exception {
        create("shop", "CMD_QUERY", "300");
        stubPaidQuery("CMD_QUERY", 300, "0", "0");

        HttpResponse<String> response = http.post("/api/v1/payments/newebpay/shop/CMD_QUERY/query", "application/json", "");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode history = CanonicalJson.mapper().readTree(response.body());
        assertThat(history.path("order").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(history.path("journal").findValuesAsText("source")).contains("QUERY");
        // the gateway stand-in is shared by the tests of this class: this test's query is the one naming its order
        LoggedRequest sent = gateway.findAll(postRequestedFor(urlEqualTo("/API/QueryTradeInfo"))
                .withRequestBody(containing("MerchantOrderNo=CMD_QUERY"))).get(0);
        Map<String, String> form = NewebPayFormEncoding.decode(sent.getBodyAsString());
        Map<String, String> checked = new LinkedHashMap<>();
        checked.put("Amt", "300");
        checked.put("MerchantID", shop.merchantId());
        checked.put("MerchantOrderNo", "CMD_QUERY");
        assertThat(form).containsEntry("CheckValue", shop.checkCodes().checkValue(checked)).containsEntry("Version", "1.3");
    }

    @Test
    void queryAnswerWithAForgedCheckCodeIsNotStored() {
        create("shop", "CMD_FORGED", "300");
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("CMD_FORGED"))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"Status":"SUCCESS","Message":"","Result":{"MerchantID":"%s","Amt":300,"TradeNo":"1",\
                        "MerchantOrderNo":"CMD_FORGED","TradeStatus":"1","PaymentType":"CREDIT","CloseStatus":"3",\
                        "BackStatus":"0","CheckCode":"%s"}}""".formatted(shop.merchantId(), "A".repeat(64)))));

        HttpResponse<String> response = http.post("/api/v1/payments/newebpay/shop/CMD_FORGED/query", "application/json", "");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(rows.orderStatus("CMD_FORGED")).isEqualTo("PENDING");
        assertThat(rows.journal("CMD_FORGED")).isEqualTo(1);
    }

    @Test
    void aVerifiedQueryAnswerWithATradeStatusTheHubDoesNotKnowIs502AndNothingIsStored() {
        create("shop", "CMD_STATUS9", "300");
        stubQuery("CMD_STATUS9", 300, "9", "0", "0", "CREDIT");

        HttpResponse<String> response = http.post("/api/v1/payments/newebpay/shop/CMD_STATUS9/query",
                "application/json", "");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("TradeStatus 9");
        assertThat(rows.orderStatus("CMD_STATUS9")).isEqualTo("PENDING");
        assertThat(rows.journal("CMD_STATUS9")).isEqualTo(1);
    }

    /**
     * A query is safe to repeat: an answer naming an amount the hub cannot hold (a negative Amt) is an untrusted
     * answer, a 502 that says why, never the 504 "do not send it again" of a payment operation whose outcome is unknown.
     */
    @Test
    void aQueryAnswerWithAnAmountTheHubCannotHoldIs502AndNothingIsStored() {
        create("shop", "CMD_NEGATIVE", "300");
        stubQuery("CMD_NEGATIVE", -300, "1", "0", "0", "CREDIT");

        HttpResponse<String> response = http.post("/api/v1/payments/newebpay/shop/CMD_NEGATIVE/query",
                "application/json", "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(response.body()).contains("must not be negative").doesNotContain("do not send it again");
        assertThat(rows.orderStatus("CMD_NEGATIVE")).isEqualTo("PENDING");
        assertThat(rows.journal("CMD_NEGATIVE")).isEqualTo(1);
    }

    /**
     * NewebPay's amounts are whole TWD, and QueryTradeInfo asks by the order's amount: an order in dollars and cents
     * (only a settlement-file repair can record one) cannot be asked about, and the ERP is told so, not given a 500.
     */
    @Test
    void anOrderInDollarsAndCentsIsNotQueriedAndTheAnswerSaysWhy() {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        appender.append(new tw.twpay.hub.ledger.LedgerFact("NEWEBPAY|shop|CMD_CENTS|RECONCILIATION|T1|CAPTURED",
                new tw.twpay.hub.canonical.PaymentEvent("NEWEBPAY", "shop", shop.merchantId(), "CMD_CENTS", "T1",
                        tw.twpay.hub.canonical.PaymentStatus.CAPTURED,
                        tw.twpay.hub.canonical.Money.of("100.50", "TWD"), null, null, null, now, now,
                        tw.twpay.hub.canonical.EventSource.RECONCILIATION, "settled", null, null, List.of(), null),
                null));
        int queriesBefore = gateway.findAll(postRequestedFor(urlEqualTo("/API/QueryTradeInfo"))).size();

        HttpResponse<String> response = http.post("/api/v1/payments/newebpay/shop/CMD_CENTS/query",
                "application/json", "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.body()).contains("100.50").contains("whole");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/QueryTradeInfo")))).hasSize(queriesBefore);
        assertThat(rows.journal("CMD_CENTS")).isEqualTo(1);
    }

    /**
     * An order the gateway reported that the hub never created keeps the number it was reported with; one that cannot
     * go in an API path (README, "Order numbers the hub did not issue") is refused there with a 400, and found with the number as the query parameter orderNo.
     */
    @Test
    void anOrderNumberThatCannotGoInAPathIsRefusedThereAndFoundAsAQueryParameter() {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        for (String orderNo : new String[] {"R/1", "R\\1"}) {
            appender.append(new tw.twpay.hub.ledger.LedgerFact(
                    tw.twpay.hub.ledger.LedgerFact.key("NEWEBPAY", "shop", orderNo, "RECONCILIATION", "T" + orderNo.length()),
                    new tw.twpay.hub.canonical.PaymentEvent("NEWEBPAY", "shop", shop.merchantId(), orderNo, null,
                            tw.twpay.hub.canonical.PaymentStatus.CAPTURED, tw.twpay.hub.canonical.Money.twd(100), null,
                            null, null, now, now, tw.twpay.hub.canonical.EventSource.RECONCILIATION, "settled", null,
                            null, List.of(), null), null));
            assertThat(rows.journal(orderNo)).as(orderNo).isEqualTo(1);
        }
        for (String escaped : new String[] {"R%2F1", "R%5C1", "R%0A1"}) {
            HttpResponse<String> response = http.get("/api/v1/payments/newebpay/shop/" + escaped);
            assertThat(response.statusCode()).as(escaped + ": " + response.body()).isEqualTo(400);
        }
        // ... and found with the number as a query parameter
        for (String orderNo : new String[] {"R/1", "R\\1"}) {
            HttpResponse<String> found = http.get("/api/v1/payments/newebpay/shop?orderNo="
                    + java.net.URLEncoder.encode(orderNo, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(found.statusCode()).as(orderNo + ": " + found.body()).isEqualTo(200);
            assertThat(found.body()).contains("\"orderNo\":\"" + orderNo.replace("\\", "\\\\") + "\"");
        }
        assertThat(http.get("/api/v1/payments/newebpay/shop?orderNo=R%251").statusCode()).isEqualTo(404);
        HttpResponse<String> without = http.get("/api/v1/payments/newebpay/shop");
        assertThat(without.statusCode()).isEqualTo(400);
        assertThat(without.body()).contains("orderNo");
    }

    @Test
    void missedNotifyIsRepairedByTheScheduledQuery() {
        create("shop", "CMD_MISSED", "450");
        stubPaidQuery("CMD_MISSED", 450, "3", "0");

        await().atMost(Duration.ofSeconds(15)).until(() -> "CAPTURED".equals(rows.orderStatus("CMD_MISSED")));
        assertThat(jdbc.queryForList("select source from ledger_journal where subject = 'CMD_MISSED' order by id",
                String.class)).containsExactly("COMMAND", "QUERY");
    }

    /** The gateway accepts a Close request (capture or refund) for {@code amount}, as it answers one. */
    private void closeAccepted(String orderNo, int amount) {
        gateway.stubFor(post(urlEqualTo("/API/CreditCard/Close")).withRequestBody(containing("PostData_"))
                .willReturn(aResponse().withStatus(200).withBody("""
                {"Status":"SUCCESS","Message":"OK","Result":{"MerchantID":"%s","Amt":%d,\
                "TradeNo":"1","MerchantOrderNo":"%s"}}""".formatted(shop.merchantId(), amount, orderNo))));
    }

    private int closeRequests() {
        return gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard/Close"))).size();
    }

    @Test
    void captureRefundAndTheirChecks() throws Exception {
        create("shop", "CMD_OPS", "1000");
        stubPaidQuery("CMD_OPS", 1000, "0", "0");
        http.post("/api/v1/payments/newebpay/shop/CMD_OPS/query", "application/json", "");
        closeAccepted("CMD_OPS", 1000);

        // refunding before capture is refused by the hub, without asking the gateway
        HttpResponse<String> early = http.post("/api/v1/payments/newebpay/shop/CMD_OPS/refund", "application/json", "");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard/Close")))).isEmpty();

        HttpResponse<String> capture = http.post("/api/v1/payments/newebpay/shop/CMD_OPS/capture", "application/json", "");
        assertThat(capture.statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("CMD_OPS")).isEqualTo("CAPTURE_REQUESTED");
        LoggedRequest sent = gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard/Close"))).get(0);
        Map<String, String> form = NewebPayFormEncoding.decode(sent.getBodyAsString());
        assertThat(form).containsEntry("MerchantID_", shop.merchantId());
        assertThat(NewebPayFormEncoding.decode(gateway(shop).decryptText(form.get("PostData_"))))
                .containsEntry("CloseType", "1").containsEntry("Amt", "1000").containsEntry("IndexType", "1")
                .containsEntry("MerchantOrderNo", "CMD_OPS");

        // cancelling the authorisation is no longer possible once a capture was requested
        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_OPS/cancel", "application/json", "").statusCode())
                .isEqualTo(409);
        // nor is a refund while the capture waits for the bank (NewebPay refunds a settled capture only, CloseStatus
        // 3): the hub says what to do instead and does not ask the gateway. (This test used to have the gateway
        // accept a refund straight after the capture request, which the real gateway refuses.)
        HttpResponse<String> unsettled = http.post("/api/v1/payments/newebpay/shop/CMD_OPS/refund",
                "application/json", "{\"amount\":{\"value\":\"400\",\"currency\":\"TWD\"}}");
        assertThat(unsettled.statusCode()).isEqualTo(409);
        assertThat(unsettled.body()).contains("CAPTURE_REQUESTED").contains("cancel-capture").contains("query");
        assertThat(closeRequests()).isEqualTo(1);

        // the bank's batch settled it: the query says CloseStatus 3
        stubPaidQuery("CMD_OPS", 1000, "3", "0");
        http.post("/api/v1/payments/newebpay/shop/CMD_OPS/query", "application/json", "");
        assertThat(rows.orderStatus("CMD_OPS")).isEqualTo("CAPTURED");

        // a refund above the order amount is refused
        HttpResponse<String> tooMuch = http.post("/api/v1/payments/newebpay/shop/CMD_OPS/refund", "application/json",
                "{\"amount\":{\"value\":\"1001\",\"currency\":\"TWD\"}}");
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("1001");

        closeAccepted("CMD_OPS", 400);
        HttpResponse<String> refund = http.post("/api/v1/payments/newebpay/shop/CMD_OPS/refund", "application/json",
                "{\"amount\":{\"value\":\"400\",\"currency\":\"TWD\"}}");
        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(200);
        assertThat(rows.orderStatus("CMD_OPS")).isEqualTo("REFUND_REQUESTED");
        // the order keeps its amount; the refund fact carries the refunded amount
        assertThat(jdbc.queryForObject("select amount_value from ledger_order where order_no = 'CMD_OPS'",
                java.math.BigDecimal.class)).isEqualByComparingTo("1000");

        HttpResponse<String> withdraw = http.post("/api/v1/payments/newebpay/shop/CMD_OPS/cancel-refund",
                "application/json", "{\"amount\":{\"value\":\"400\",\"currency\":\"TWD\"}}");
        assertThat(withdraw.statusCode()).as(withdraw.body()).isEqualTo(200);
        // back to where the order stood before the refund was requested
        assertThat(rows.orderStatus("CMD_OPS")).isEqualTo("CAPTURED");
        List<LoggedRequest> closes = gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard/Close")));
        assertThat(NewebPayFormEncoding.decode(gateway(shop).decryptText(
                NewebPayFormEncoding.decode(closes.get(closes.size() - 1).getBodyAsString()).get("PostData_"))))
                .containsEntry("CloseType", "2").containsEntry("Cancel", "1");
    }

    /**
     * A refund the gateway reports at QueryTradeInfo is delivered with what has been refunded (what was captured less
     * BackBalance), as the refund command's fact is, not with the trade's Amt: two partial refunds are two facts.
     */
    @Test
    void refundsLearnedByQueryCarryWhatHasBeenRefunded() throws Exception {
        create("shop", "CMD_REFUNDED", "1000");
        stubPaidQuery("CMD_REFUNDED", 1000, "3", "0");
        query("CMD_REFUNDED");
        closeAccepted("CMD_REFUNDED", 300);
        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_REFUNDED/refund", "application/json",
                "{\"amount\":{\"value\":\"300\",\"currency\":\"TWD\"}}").statusCode()).isEqualTo(200);

        for (int backBalance : new int[] {700, 500}) {
            stubQuery("CMD_REFUNDED", 1000, "1", "3", "3", "CREDIT", null, backBalance);
            query("CMD_REFUNDED");
        }

        assertThat(rows.orderStatus("CMD_REFUNDED")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(deliveredQueryFacts("CMD_REFUNDED")).containsExactly("CAPTURED 1000", "PARTIALLY_REFUNDED 300",
                "PARTIALLY_REFUNDED 500");
        // the order keeps the amount the ERP asked for
        assertThat(jdbc.queryForObject("select amount_value from ledger_order where order_no = 'CMD_REFUNDED'",
                java.math.BigDecimal.class)).isEqualByComparingTo("1000");
    }

    @Test
    void aRefundOfAPartialCaptureLearnedByQueryIsCountedFromTheCapturedAmount() throws Exception {
        create("shop", "CMD_REFUNDED_PART", "1000");
        stubQuery("CMD_REFUNDED_PART", 1000, "1", "3", "0", "CREDIT", 600, 600);
        query("CMD_REFUNDED_PART");
        stubQuery("CMD_REFUNDED_PART", 1000, "1", "3", "3", "CREDIT", 600, 400);
        query("CMD_REFUNDED_PART");
        stubQuery("CMD_REFUNDED_PART", 1000, "6", "3", "3", "CREDIT", 600, 0);
        query("CMD_REFUNDED_PART");

        // the capture's fact names the trade (checked against the order), the refunds' what of the 600 went back
        assertThat(deliveredQueryFacts("CMD_REFUNDED_PART")).containsExactly("CAPTURED 1000",
                "PARTIALLY_REFUNDED 200", "REFUNDED 600");
    }

    private void query(String orderNo) {
        assertThat(http.post("/api/v1/payments/newebpay/shop/" + orderNo + "/query", "application/json", "")
                .statusCode()).isEqualTo(200);
    }

    /** Status and amount of each QUERY fact of the order that went out to the ERP, oldest first. */
    private List<String> deliveredQueryFacts(String orderNo) throws Exception {
        List<String> facts = new java.util.ArrayList<>();
        for (String payload : jdbc.queryForList("select j.event_json from outbox o join ledger_journal j"
                + " on j.event_id = o.event_id where j.subject = ? and j.source = 'QUERY' order by o.id", String.class,
                orderNo)) {
            JsonNode data = CanonicalJson.mapper().readTree(payload).path("data");
            facts.add(data.path("status").asText() + " "
                    + new java.math.BigDecimal(data.path("amount").path("value").asText()).stripTrailingZeros()
                    .toPlainString());
        }
        return facts;
    }

    /** The Amt of the last Close request, decrypted. */
    private String lastCloseAmt() {
        List<LoggedRequest> closes = gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard/Close")));
        return NewebPayFormEncoding.decode(gateway(shop).decryptText(NewebPayFormEncoding.decode(
                closes.get(closes.size() - 1).getBodyAsString()).get("PostData_"))).get("Amt");
    }

    /**
     * Without an amount, a withdrawal is of the capture or refund waiting (NewebPay refuses another amount,
     * TRA10050), and a refund is of what can still be refunded — not of the whole order.
     */
    @Test
    void operationsWithoutAnAmountSendTheAmountTheGatewayExpects() {
        create("shop", "CMD_DEFAULTS", "1000");
        stubPaidQuery("CMD_DEFAULTS", 1000, "0", "0");
        http.post("/api/v1/payments/newebpay/shop/CMD_DEFAULTS/query", "application/json", "");
        String amount = "{\"amount\":{\"value\":\"%s\",\"currency\":\"TWD\"}}";
        closeAccepted("CMD_DEFAULTS", 600);
        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_DEFAULTS/capture", "application/json",
                amount.formatted("600")).statusCode()).isEqualTo(200);

        HttpResponse<String> withdrawCapture = http.post("/api/v1/payments/newebpay/shop/CMD_DEFAULTS/cancel-capture",
                "application/json", "");
        assertThat(withdrawCapture.statusCode()).as(withdrawCapture.body()).isEqualTo(200);
        assertThat(lastCloseAmt()).isEqualTo("600");
        assertThat(rows.orderStatus("CMD_DEFAULTS")).isEqualTo("AUTHORIZED");

        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_DEFAULTS/capture", "application/json",
                amount.formatted("600")).statusCode()).isEqualTo(200);
        stubPaidQuery("CMD_DEFAULTS", 1000, "3", "0");
        http.post("/api/v1/payments/newebpay/shop/CMD_DEFAULTS/query", "application/json", "");
        closeAccepted("CMD_DEFAULTS", 250);
        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_DEFAULTS/refund", "application/json",
                amount.formatted("250")).statusCode()).isEqualTo(200);
        HttpResponse<String> withdrawRefund = http.post("/api/v1/payments/newebpay/shop/CMD_DEFAULTS/cancel-refund",
                "application/json", "");
        assertThat(withdrawRefund.statusCode()).as(withdrawRefund.body()).isEqualTo(200);
        assertThat(lastCloseAmt()).isEqualTo("250");

        closeAccepted("CMD_DEFAULTS", 600);
        HttpResponse<String> refundRest = http.post("/api/v1/payments/newebpay/shop/CMD_DEFAULTS/refund",
                "application/json", "");
        assertThat(refundRest.statusCode()).as(refundRest.body()).isEqualTo(200);
        assertThat(lastCloseAmt()).isEqualTo("600");
    }

    @Test
    void aCardOperationAnsweredWithAnotherAmountIs502AndNothingIsStored() {
        create("shop", "CMD_AMT", "1000");
        stubPaidQuery("CMD_AMT", 1000, "0", "0");
        http.post("/api/v1/payments/newebpay/shop/CMD_AMT/query", "application/json", "");
        int journalBefore = rows.journal("CMD_AMT");
        closeAccepted("CMD_AMT", 10);

        HttpResponse<String> capture = http.post("/api/v1/payments/newebpay/shop/CMD_AMT/capture", "application/json", "");

        assertThat(capture.statusCode()).isEqualTo(502);
        assertThat(capture.body()).contains("another amount");
        assertThat(rows.journal("CMD_AMT")).isEqualTo(journalBefore);
        assertThat(rows.orderStatus("CMD_AMT")).isEqualTo("AUTHORIZED");
        assertThat(closeRequests()).isEqualTo(1);
    }

    @Test
    void refundsAreBoundedByTheCapturedAmountLessStandingRefunds() throws Exception {
        create("shop", "CMD_PART", "1000");
        stubPaidQuery("CMD_PART", 1000, "0", "0");
        http.post("/api/v1/payments/newebpay/shop/CMD_PART/query", "application/json", "");
        gateway.stubFor(post(urlEqualTo("/API/CreditCard/Close")).willReturn(aResponse().withStatus(200).withBody("""
                {"Status":"SUCCESS","Message":"OK","Result":{"MerchantID":"%s","Amt":600,\
                "TradeNo":"1","MerchantOrderNo":"CMD_PART"}}""".formatted(shop.merchantId()))));
        String amount = "{\"amount\":{\"value\":\"%s\",\"currency\":\"TWD\"}}";

        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_PART/capture", "application/json",
                amount.formatted("600")).statusCode()).isEqualTo(200);
        int closesAfterCapture = gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard/Close"))).size();
        // refunded only once the bank settled the capture (CloseStatus 3)
        stubPaidQuery("CMD_PART", 1000, "3", "0");
        http.post("/api/v1/payments/newebpay/shop/CMD_PART/query", "application/json", "");
        assertThat(rows.orderStatus("CMD_PART")).isEqualTo("CAPTURED");

        // within the order amount but above what was captured: refused by the hub, the gateway is not asked
        HttpResponse<String> aboveCaptured = http.post("/api/v1/payments/newebpay/shop/CMD_PART/refund",
                "application/json", amount.formatted("700"));
        assertThat(aboveCaptured.statusCode()).isEqualTo(400);
        assertThat(aboveCaptured.body()).contains("can still be refunded 600.00 TWD");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard/Close")))).hasSize(closesAfterCapture);

        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_PART/refund", "application/json",
                amount.formatted("600")).statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("CMD_PART")).isEqualTo("REFUND_REQUESTED");
        // withdrawn, the refund's amount is refundable again
        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_PART/cancel-refund", "application/json",
                amount.formatted("600")).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_PART/refund", "application/json",
                amount.formatted("600")).statusCode()).isEqualTo(200);
    }

    @Test
    void gatewayRefusalIs422WithItsReasonAndNothingStored() {
        create("shop", "CMD_REFUSED", "200");
        stubPaidQuery("CMD_REFUSED", 200, "0", "0");
        http.post("/api/v1/payments/newebpay/shop/CMD_REFUSED/query", "application/json", "");
        gateway.stubFor(post(urlEqualTo("/API/CreditCard/Cancel")).willReturn(aResponse().withStatus(200)
                .withBody("{\"Status\":\"TRA10045\",\"Message\":\"該筆交易已請款\",\"Result\":[]}")));
        int journalBefore = rows.journal("CMD_REFUSED");

        HttpResponse<String> response = http.post("/api/v1/payments/newebpay/shop/CMD_REFUSED/cancel", "application/json", "");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("TRA10045");
        assertThat(rows.journal("CMD_REFUSED")).isEqualTo(journalBefore);
        assertThat(rows.orderStatus("CMD_REFUSED")).isEqualTo("AUTHORIZED");
    }

    @Test
    void gatewayFailingIsAnUnknownOutcome504AndNothingIsStored() {
        create("shop", "CMD_DOWN", "200");
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("CMD_DOWN"))
                .willReturn(aResponse().withStatus(503)));
        long journalBefore = rows.journal("CMD_DOWN");
        var down = http.post("/api/v1/payments/newebpay/shop/CMD_DOWN/query", "application/json", "");
        assertThat(down.statusCode()).isEqualTo(504);
        assertThat(down.body()).contains("outcome is unknown");
        assertThat(rows.journal("CMD_DOWN")).isEqualTo(journalBefore);
        assertThat(rows.orderStatus("CMD_DOWN")).isEqualTo("PENDING");
        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_DOWN/nonsense", "application/json", "").statusCode())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/payments/newebpay/shop/NO_SUCH/query", "application/json", "").statusCode())
                .isEqualTo(404);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/QueryTradeInfo"))
                .withRequestBody(equalTo("x")))).isEmpty();
    }

    /**
     * A refund whose outcome is unknown is never sent again, and a query made sooner than settle-unknown-after (2
     * minutes: the gateway may still be working on the refund) does not settle it.
     */
    @Test
    void aRefundWithAnUnknownOutcomeIsNotSentAgainAndAnEarlyQueryDoesNotSettleIt() {
        create("shop", "CMD_REFUND_LOST", "1000");
        stubPaidQuery("CMD_REFUND_LOST", 1000, "3", "0");
        http.post("/api/v1/payments/newebpay/shop/CMD_REFUND_LOST/query", "application/json", "");
        assertThat(rows.orderStatus("CMD_REFUND_LOST")).isEqualTo("CAPTURED");
        gateway.stubFor(post(urlEqualTo("/API/CreditCard/Close")).willReturn(aResponse().withStatus(503)));
        String refund = "{\"amount\":{\"value\":\"400\",\"currency\":\"TWD\"}}";

        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_REFUND_LOST/refund", "application/json", refund)
                .statusCode()).isEqualTo(504);
        HttpResponse<String> again = http.post("/api/v1/payments/newebpay/shop/CMD_REFUND_LOST/refund",
                "application/json", refund);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("refund of 400.00 TWD in flight");
        http.post("/api/v1/payments/newebpay/shop/CMD_REFUND_LOST/query", "application/json", "");
        assertThat(http.post("/api/v1/payments/newebpay/shop/CMD_REFUND_LOST/refund", "application/json", refund)
                .statusCode()).isEqualTo(409);
        assertThat(closeRequests()).as("Close requests sent (503 not re-sent by the HTTP client)").isEqualTo(1);
    }

    @org.springframework.beans.factory.annotation.Value("${twpay.providers.newebpay.merchants.shop-recurring.hash-key}")
    String recurringHashKey;
    @org.springframework.beans.factory.annotation.Value("${twpay.providers.newebpay.merchants.shop-recurring.hash-iv}")
    String recurringHashIv;

    /** The gateway answers a period change with {"period":"<hex>"}, encrypted with the recurring merchant's keys. */
    private void answerPeriodRequest(String path, String answerJson) throws Exception {
        gateway.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withBody("{\"period\":\"" + encryptPaddedTo32(answerJson) + "\"}")));
    }

    /** The gateway's period answers are padded to a multiple of 32 bytes, not 16. */
    private String encryptPaddedTo32(String json) throws Exception {
        byte[] plain = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int pad = 32 - plain.length % 32;
        byte[] padded = java.util.Arrays.copyOf(plain, plain.length + pad);
        java.util.Arrays.fill(padded, plain.length, padded.length, (byte) pad);
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE,
                new javax.crypto.spec.SecretKeySpec(recurringHashKey.getBytes(java.nio.charset.StandardCharsets.UTF_8), "AES"),
                new javax.crypto.spec.IvParameterSpec(recurringHashIv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return tw.twpay.hub.crypto.HexCodec.encodeLower(aes.doFinal(padded));
    }

    private HttpResponse<String> mandate(String orderNo) {
        return http.post("/api/v1/subscriptions", "application/json", """
                {"provider":"newebpay","merchant":"shop-recurring","orderNo":"%s",
                 "amount":{"value":"199","currency":"TWD"},"description":"Monthly box","email":"member@example.com",
                 "period":{"type":"M","point":"05","startType":2,"times":"NE"}}""".formatted(orderNo));
    }

    /**
     * NewebPay files the N-th period charge of mandate M as order M_N (NewebPayPeriodNotice), in the same ledger as
     * the merchant's mandates: a mandate named M_N shared its row with that charge (the charge's facts applied to the
     * other mandate's order, or flagged against its amount). Such a number is refused, either way round.
     */
    @Test
    void aMandateNumberThatIsAPeriodChargeOfAnotherMandateIsRefused() {
        assertThat(mandate("SUBCLASH").statusCode()).isEqualTo(200);
        HttpResponse<String> charge = mandate("SUBCLASH_2");
        assertThat(charge.statusCode()).isEqualTo(409);
        assertThat(charge.body()).contains("period 2").contains("SUBCLASH");

        assertThat(mandate("SUBLATER_3").statusCode()).isEqualTo(200);
        HttpResponse<String> mandateOfCharge = mandate("SUBLATER");
        assertThat(mandateOfCharge.statusCode()).isEqualTo(409);
        assertThat(mandateOfCharge.body()).contains("SUBLATER_3");

        assertThat(jdbc.queryForObject("select count(*) from ledger_order where order_no in ('SUBCLASH_2', 'SUBLATER')",
                Integer.class)).isZero();
        assertThat(mandate("SUBCLASHX_2").statusCode()).as("no mandate SUBCLASHX").isEqualTo(200);
    }

    @Test
    void subscriptionIsCreatedAsSignedPeriodFormAndAlteredWithPad32Answers() throws Exception {
        NewebPayMerchant recurring = merchants.require("shop-recurring");
        HttpResponse<String> created = http.post("/api/v1/subscriptions", "application/json", """
                {"provider":"newebpay","merchant":"shop-recurring","orderNo":"SUB_CMD_1",
                 "amount":{"value":"199","currency":"TWD"},"description":"Monthly box","email":"member@example.com",
                 "period":{"type":"M","point":"05","startType":2,"times":"NE"}}""");

        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode form = CanonicalJson.mapper().readTree(created.body());
        assertThat(form.path("url").asText()).endsWith("/MPG/period");
        assertThat(form.path("fields").path("MerchantID_").asText()).isEqualTo(recurring.merchantId());
        assertThat(NewebPayFormEncoding.decode(gateway(recurring).decryptText(form.path("fields").path("PostData_").asText())))
                .containsEntry("MerOrderNo", "SUB_CMD_1").containsEntry("PeriodAmt", "199")
                .containsEntry("PeriodType", "M").containsEntry("PeriodPoint", "05").containsEntry("PeriodTimes", "NE")
                .containsEntry("NotifyURL", "https://hub.example.com/callbacks/newebpay/shop-recurring/period-notify");
        assertThat(rows.orderStatus("SUB_CMD_1")).isEqualTo("PENDING");

        String answer = "{\"Status\":\"SUCCESS\",\"Message\":\"該定期定額委託單暫停成功\",\"Result\":{\"MerOrderNo\":"
                + "\"SUB_CMD_1\",\"PeriodNo\":\"P261122aaaaaa\",\"AlterType\":\"suspend\"}}";
        answerPeriodRequest("/MPG/period/AlterStatus", answer);

        HttpResponse<String> suspended = http.post("/api/v1/subscriptions/newebpay/shop-recurring/SUB_CMD_1/suspend",
                "application/json", "{\"mandateId\":\"P261122aaaaaa\"}");

        assertThat(suspended.statusCode()).isEqualTo(200);
        JsonNode result = CanonicalJson.mapper().readTree(suspended.body());
        assertThat(result.path("providerStatus").asText()).isEqualTo("SUCCESS");
        assertThat(result.path("result").path("AlterType").asText()).isEqualTo("suspend");
        LoggedRequest sent = gateway.findAll(postRequestedFor(urlEqualTo("/MPG/period/AlterStatus"))).get(0);
        assertThat(NewebPayFormEncoding.decode(gateway(recurring).decryptText(
                NewebPayFormEncoding.decode(sent.getBodyAsString()).get("PostData_"))))
                .containsEntry("AlterType", "suspend").containsEntry("PeriodNo", "P261122aaaaaa");

        // the confirmed change is journalled and queued for the ERP as a mandate event
        assertThat(result.path("change").asText()).isEqualTo("SUSPENDED");
        JsonNode event = mandateEventOf("SUB_CMD_1", "SUSPENDED");
        assertThat(event.path("subject").asText()).isEqualTo("SUB_CMD_1");
        assertThat(event.path("data").path("mandateId").asText()).isEqualTo("P261122aaaaaa");
        assertThat(event.path("data").path("source").asText()).isEqualTo("COMMAND");
        assertThat(rows.orderStatus("SUB_CMD_1")).as("the mandate's order keeps its own state").isEqualTo("PENDING");
        assertThat(http.get("/api/v1/payments/newebpay/shop-recurring/SUB_CMD_1").body())
                .contains("tw.twpay.mandate.v1").contains("SUSPENDED");
    }

    @Test
    void amendedMandateAmountIsJournalledWithTheAmountAndDateTheGatewayConfirmed() throws Exception {
        String answer = "{\"Status\":\"SUCCESS\",\"Message\":\"委託單金額修改成功\",\"Result\":{\"MerOrderNo\":"
                + "\"SUB_CMD_2\",\"PeriodNo\":\"P261122bbbbbb\",\"NewNextAmt\":\"299\",\"NewNextTime\":\"2026-12-05\"}}";
        answerPeriodRequest("/MPG/period/AlterAmt", answer);

        HttpResponse<String> amended = http.post("/api/v1/subscriptions/newebpay/shop-recurring/SUB_CMD_2/amend",
                "application/json", "{\"mandateId\":\"P261122bbbbbb\",\"amount\":{\"value\":\"299\"}}");

        assertThat(amended.statusCode()).isEqualTo(200);
        JsonNode data = mandateEventOf("SUB_CMD_2", "AMOUNT_CHANGED").path("data");
        assertThat(data.path("periodAmount").path("value").asText()).isEqualTo("299.00");
        assertThat(data.path("nextChargeDate").asText()).isEqualTo("2026-12-05");
        assertThat(jdbc.queryForObject("select amount_value from ledger_journal where subject = 'SUB_CMD_2'",
                java.math.BigDecimal.class)).isEqualByComparingTo("299");

        // a refused change is not journalled (NDNP-1.0.6 §5: PER10064, a terminated mandate cannot be restarted)
        String refused = "{\"Status\":\"PER10064\",\"Message\":\"該定期定額委託單為終止狀態，無法啟用\",\"Result\":{}}";
        answerPeriodRequest("/MPG/period/AlterStatus", refused);
        HttpResponse<String> restart = http.post("/api/v1/subscriptions/newebpay/shop-recurring/SUB_CMD_3/restart",
                "application/json", "{\"mandateId\":\"P261122cccccc\"}");
        assertThat(restart.statusCode()).isEqualTo(422);
        assertThat(restart.body()).contains("PER10064");
        assertThat(rows.journal("SUB_CMD_3")).isZero();
    }

    @Test
    void aSuspendAskedAgainAfterItsAnswerWasLostTellsTheErpTheMandateIsSuspendedOnce() throws Exception {
        HttpResponse<String> created = http.post("/api/v1/subscriptions", "application/json", """
                {"provider":"newebpay","merchant":"shop-recurring","orderNo":"SUB_CMD_9","amount":{"value":"199"},
                 "description":"monthly plan","email":"member@example.com",
                 "period":{"type":"M","point":"05","startType":2,"times":12}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String suspend = "/api/v1/subscriptions/newebpay/shop-recurring/SUB_CMD_9/suspend";
        String mandate = "{\"mandateId\":\"P261122dddddd\"}";
        // the gateway suspends the mandate, its answer never reaches the hub
        gateway.stubFor(post(urlEqualTo("/MPG/period/AlterStatus"))
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(http.post(suspend, "application/json", mandate).statusCode()).isGreaterThanOrEqualTo(500);

        // asked again, the gateway says the mandate is suspended already (NDNP-1.0.6 §5: PER10061)
        answerPeriodRequest("/MPG/period/AlterStatus", "{\"Status\":\"PER10061\",\"Message\":"
                + "\"該定期定額委託單為暫停狀態，無法重複暫停\",\"Result\":{}}");
        HttpResponse<String> again = http.post(suspend, "application/json", mandate);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode result = CanonicalJson.mapper().readTree(again.body());
        assertThat(result.path("change").asText()).isEqualTo("SUSPENDED");
        assertThat(result.path("providerStatus").asText()).isEqualTo("PER10061");
        assertThat(mandateEventOf("SUB_CMD_9", "SUSPENDED").path("data").path("mandateId").asText())
                .isEqualTo("P261122dddddd");

        // and once more: the ERP was told already, nothing new is journalled
        assertThat(http.post(suspend, "application/json", mandate).statusCode()).isEqualTo(200);
        mandateEventOf("SUB_CMD_9", "SUSPENDED");
        // a real refusal stays one: a terminated mandate cannot be suspended (PER10062)
        answerPeriodRequest("/MPG/period/AlterStatus", "{\"Status\":\"PER10062\",\"Message\":"
                + "\"該定期定額委託單為終止狀態，無法暫停\",\"Result\":{}}");
        assertThat(http.post(suspend, "application/json", mandate).statusCode()).isEqualTo(422);
        mandateEventOf("SUB_CMD_9", "SUSPENDED");
    }

    /** The one mandate event of an order in the journal, its CloudEvent checked against the published schema. */
    private JsonNode mandateEventOf(String orderNo, String change) throws Exception {
        List<Map<String, Object>> journal = jdbc.queryForList("select status, event_json from ledger_journal "
                + "where subject = ? and event_type = 'tw.twpay.mandate.v1'", orderNo);
        assertThat(journal).hasSize(1);
        assertThat(journal.get(0).get("status")).isEqualTo(change);
        JsonNode event = CanonicalJson.mapper().readTree(journal.get(0).get("event_json").toString());
        CanonicalEventSchema.assertValid(event);
        assertThat(event.path("data").path("change").asText()).isEqualTo(change);
        assertThat(jdbc.queryForObject("select count(*) from outbox where event_id = ?", Integer.class,
                event.path("id").asText())).isEqualTo(1);
        return event;
    }

    @Test
    void subscriptionInputIsCheckedBeforeAnythingIsSent() {
        String body = """
                {"provider":"newebpay","merchant":"%s","orderNo":"SUB_BAD","amount":{"value":"199"},
                 "description":"Box","email":"m@example.com","period":{"type":"W","point":"%s","startType":2,"times":3}}""";
        assertThat(http.post("/api/v1/subscriptions", "application/json", body.formatted("shop-recurring", "9")).body())
                .contains("period.point");
        assertThat(http.post("/api/v1/subscriptions", "application/json", body.formatted("shop", "3")).body())
                .contains("NDNP");
        assertThat(http.post("/api/v1/subscriptions/newebpay/shop-recurring/SUB_BAD/pause", "application/json",
                "{\"mandateId\":\"P1\"}").statusCode()).isEqualTo(404);
        // PeriodTimes at most 99 (PER10024); ProdDesc only Chinese, letters, digits, spaces and '_' (PER10028)
        HttpResponse<String> tooMany = http.post("/api/v1/subscriptions", "application/json",
                body.formatted("shop-recurring", "3").replace("\"times\":3", "\"times\":100"));
        HttpResponse<String> symbols = http.post("/api/v1/subscriptions", "application/json",
                body.formatted("shop-recurring", "3").replace("\"Box\"", "\"Box <b>!</b>\""));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("1 to 99");
        assertThat(symbols.statusCode()).isEqualTo(400);
        assertThat(symbols.body()).contains("ProdDesc");
        assertThat(rows.orders("SUB_BAD")).isZero();
    }

    private Map<String, String> lastPostData(String path, NewebPayMerchant merchant) {
        List<LoggedRequest> sent = gateway.findAll(postRequestedFor(urlEqualTo(path)));
        Map<String, String> form = NewebPayFormEncoding.decode(sent.get(sent.size() - 1).getBodyAsString());
        return NewebPayFormEncoding.decode(gateway(merchant).decryptText(form.get("PostData_")));
    }

    private void stubCardApi(String orderNo, String tokenValue) {
        stubCardApi(orderNo, 100, tokenValue);
    }

    /** The card API authorises, answering about {@code orderNo} and {@code amount}. */
    private void stubCardApi(String orderNo, int amount, String tokenValue) {
        gateway.stubFor(post(urlEqualTo("/API/CreditCard")).withRequestBody(containing("PostData_"))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"Status":"SUCCESS","Message":"授權成功","Result":{"MerchantID":"%s","Amt":%d,\
                        "TradeNo":"26112299990001","MerchantOrderNo":"%s","RespondCode":"00","Auth":"654321",\
                        "AuthDate":"20261122","AuthTime":"111111","Card6No":"424242","Card4No":"4242",\
                        "Exp":"3012","TokenValue":"%s","TokenLife":""}}"""
                        .formatted(shop.merchantId(), amount, orderNo, tokenValue))));
    }

    private HttpResponse<String> chargeByToken(String orderNo) {
        return http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"%s","amount":{"value":"100"},
                 "description":"Taxi ride","tokenTerm":"member_001","tokenValue":"TOKEN-ABC"}""".formatted(orderNo));
    }

    @Test
    void aCardChargeAnsweredWithAnotherAmountIsFlaggedAndDoesNotAuthoriseTheOrder() {
        stubCardApi("TOK_AMT", 1, "TOKEN-ABC");

        HttpResponse<String> charge = chargeByToken("TOK_AMT");

        assertThat(charge.statusCode()).as(charge.body()).isEqualTo(200);
        assertThat(rows.orderStatus("TOK_AMT")).isEqualTo("PENDING");
        Map<String, Object> flagged = jdbc.queryForMap("select status, amount_value, cast(event_json as varchar(100000))"
                + " as event from ledger_journal where subject = 'TOK_AMT' and outcome = 'FLAGGED'");
        assertThat(flagged.get("STATUS")).isEqualTo("AUTHORIZED");
        assertThat((java.math.BigDecimal) flagged.get("AMOUNT_VALUE")).isEqualByComparingTo("1");
        assertThat(flagged.get("EVENT").toString()).contains("AMOUNT_MISMATCH");
    }

    @Test
    void aCardChargeAnsweredAboutAnotherOrderIs502AndTheOrderStaysPending() {
        stubCardApi("TOK_SOMEONE_ELSE", "TOKEN-ABC");

        HttpResponse<String> charge = chargeByToken("TOK_MINE");

        assertThat(charge.statusCode()).isEqualTo(502);
        assertThat(charge.body()).contains("another order");
        assertThat(rows.orderStatus("TOK_MINE")).isEqualTo("PENDING");
        assertThat(rows.journal("TOK_MINE")).isEqualTo(1);
        assertThat(rows.orders("TOK_SOMEONE_ELSE")).isZero();
    }

    @Test
    void aTokenTheCardUpdaterStoppedIsRefusedBeforeAnyCallUntilItIsActiveAgain() throws Exception {
        stubCardApi("TOK_STOP_FIRST", "TOKEN-STOP");
        assertThat(http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"TOK_STOP_FIRST","amount":{"value":"100"},
                 "description":"Taxi ride","tokenTerm":"member_009",
                 "card":{"number":"4242 4242 4242 4242","expiry":"2030-12","cvc":"123"}}""").statusCode()).isEqualTo(200);
        String cau = "/callbacks/newebpay/shop/cau-notify";
        assertThat(http.postForm(cau, NewebPayCallbackForms.notify(shop, """
                {"Status":"SUCCESS","Message":"","Result":{"MerchantID":"%s","TokenValue":"TOKEN-STOP",\
                "cardStatus":"CARD_NOT_ALLOWED"}}""".formatted(shop.merchantId()))).statusCode()).isEqualTo(200);
        int cardCalls = gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard"))).size();

        HttpResponse<String> stopped = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"TOK_STOP_LATER","amount":{"value":"100"},
                 "description":"Taxi ride","tokenTerm":"member_009","tokenValue":"TOKEN-STOP"}""");

        // the Card Account Updater said: stop charging this card and ask for another
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(409);
        assertThat(stopped.body()).contains("CARD_NOT_ALLOWED").contains("bind");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard")))).hasSize(cardCalls);
        assertThat(rows.orders("TOK_STOP_LATER")).isZero();

        // renewed by the issuer: charging may go on
        assertThat(http.postForm(cau, NewebPayCallbackForms.notify(shop, """
                {"Status":"SUCCESS","Message":"","Result":{"MerchantID":"%s","TokenValue":"TOKEN-STOP",\
                "cardStatus":"ACTIVE","newExpiry":"2032-01"}}""".formatted(shop.merchantId()))).statusCode())
                .isEqualTo(200);
        stubCardApi("TOK_STOP_LATER", "TOKEN-STOP");
        HttpResponse<String> renewed = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"TOK_STOP_LATER","amount":{"value":"100"},
                 "description":"Taxi ride","tokenTerm":"member_009","tokenValue":"TOKEN-STOP"}""");
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        assertThat(rows.orderStatus("TOK_STOP_LATER")).isEqualTo("AUTHORIZED");
    }

    /** The Card Account Updater's word on a token holds for every alias of its MerchantID, not only the one told. */
    @Test
    void aTokenTheCardUpdaterStoppedIsRefusedThroughAnotherAliasOfTheSameMerchantId() {
        assertThat(http.postForm("/callbacks/newebpay/shop/cau-notify", NewebPayCallbackForms.notify(shop, """
                {"Status":"SUCCESS","Message":"","Result":{"MerchantID":"%s","TokenValue":"TOKEN-TWIN-STOP",\
                "cardStatus":"CARD_NOT_ALLOWED"}}""".formatted(shop.merchantId()))).statusCode()).isEqualTo(200);
        stubCardApi("TOK_TWIN_STOP", "TOKEN-TWIN-STOP");

        HttpResponse<String> stopped = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop-twin","orderNo":"TOK_TWIN_STOP","amount":{"value":"100"},
                 "description":"Taxi ride","tokenTerm":"member_010","tokenValue":"TOKEN-TWIN-STOP"}""");

        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(409);
        assertThat(stopped.body()).contains("CARD_NOT_ALLOWED");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard")))).isEmpty();
        assertThat(rows.orders("TOK_TWIN_STOP")).isZero();
    }

    @Test
    void firstCardChargeBindsATokenAndLaterChargesUseIt() throws Exception {
        stubCardApi("TOK_FIRST", "TOKEN-ABC");
        HttpResponse<String> first = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"TOK_FIRST","amount":{"value":"100"},
                 "description":"Taxi ride","tokenTerm":"member_001",
                 "card":{"number":"4242 4242 4242 4242","expiry":"2030-12","cvc":"123"}}""");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).doesNotContain("4242424242424242").doesNotContain("123\"");
        assertThat(rows.orderStatus("TOK_FIRST")).isEqualTo("AUTHORIZED");
        // AuthDate yyyyMMdd + AuthTime HHmmss, Taipei time
        assertThat(jdbc.queryForObject("select cast(event_json as varchar(100000)) from ledger_journal where subject = "
                + "'TOK_FIRST' and status = 'AUTHORIZED'", String.class)).contains("\"occurredAt\":\"2026-11-22T11:11:11+08:00\"");
        assertThat(jdbc.queryForObject("select status from card_token where token_ref = 'TOKEN-ABC'", String.class))
                .isEqualTo("ACTIVE");
        assertThat(lastPostData("/API/CreditCard", shop)).containsEntry("TokenSwitch", "get")
                .containsEntry("TokenTerm", "member_001").containsEntry("CardNo", "4242424242424242")
                .containsEntry("Exp", "3012").containsEntry("TokenLife", "").containsEntry("Version", "1.1");
        List<String> stored = jdbc.queryForList("select coalesce(cast(raw_payload as varchar(100000)), '') || "
                + "cast(event_json as varchar(100000)) from ledger_journal", String.class);
        assertThat(stored).noneMatch(row -> row.contains("4242424242424242"));

        stubCardApi("TOK_LATER", "TOKEN-ABC");
        HttpResponse<String> later = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"TOK_LATER","amount":{"value":"100"},
                 "description":"Taxi ride","tokenTerm":"member_001","tokenValue":"TOKEN-ABC"}""");
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(lastPostData("/API/CreditCard", shop)).containsEntry("TokenSwitch", "on")
                .containsEntry("TokenValue", "TOKEN-ABC").doesNotContainKey("CardNo");
        assertThat(rows.orderStatus("TOK_LATER")).isEqualTo("AUTHORIZED");
    }

    @Test
    void passkeyMerchantsNeedThePhoneAndSplitNameOfTheCardholder() {
        String charge = """
                {"provider":"newebpay","merchant":"passkey-shop","orderNo":"%s","amount":{"value":"100"},
                 "description":"Taxi ride","tokenTerm":"member_002","tokenValue":"TOKEN-P"%s}""";
        HttpResponse<String> missing = http.post("/api/v1/cards/charges", "application/json", charge.formatted("TOK_PK1", ""));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("cardholder.phone").contains("cardholder.lastName").contains("cardholder.firstName");
        HttpResponse<String> notE164 = http.post("/api/v1/cards/charges", "application/json", charge.formatted("TOK_PK2",
                ",\"cardholder\":{\"phone\":\"0912345678\",\"lastName\":\"王\",\"firstName\":\"小明\"}"));
        assertThat(notE164.body()).contains("E.164");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard")))).isEmpty();

        NewebPayMerchant passkey = merchants.require("passkey-shop");
        gateway.stubFor(post(urlEqualTo("/API/CreditCard")).willReturn(aResponse().withStatus(200).withBody(
                "{\"Status\":\"SUCCESS\",\"Message\":\"ok\",\"Result\":{\"MerchantID\":\"MS-PASSKEY\",\"Amt\":100,"
                        + "\"TradeNo\":\"1\",\"MerchantOrderNo\":\"TOK_PK3\",\"RespondCode\":\"00\"}}")));
        HttpResponse<String> ok = http.post("/api/v1/cards/charges", "application/json", charge.formatted("TOK_PK3",
                ",\"cardholder\":{\"phone\":\"+886912345678\",\"lastName\":\"王\",\"firstName\":\"小明\"}"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(lastPostData("/API/CreditCard", passkey)).containsEntry("Version", "2.5").containsEntry("P3D", "1")
                .containsEntry("CardHolderPhone", "+886912345678").containsEntry("CardHolderLastName", "王")
                .containsEntry("CardHolderFirstName", "小明");
    }

    @Test
    void cardChargeNeedsEitherACardOrAToken() {
        HttpResponse<String> neither = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"TOK_NONE","amount":{"value":"100"},
                 "description":"x","tokenTerm":"member_003"}""");
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.body()).contains("tokenValue");
        HttpResponse<String> badCard = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"TOK_BAD","amount":{"value":"100"},
                 "description":"x","tokenTerm":"member_003","card":{"number":"4242","expiry":"2030-12","cvc":"123"}}""");
        assertThat(badCard.statusCode()).isEqualTo(400);
        assertThat(badCard.body()).contains("card.number").doesNotContain("4242\"");
    }

    @Test
    void cardBindingStatusComesFromNpaB103() throws Exception {
        gateway.stubFor(post(urlEqualTo("/API/TokenCard/query")).willReturn(aResponse().withStatus(200).withBody(
                "{\"Status\":\"SUCCESS\",\"Message\":\"\",\"Result\":{\"TokenTerm\":\"member_001\","
                        + "\"CAUtokenCreateStatus\":\"1\",\"CAUtokenCreateDate\":\"20261101\"}}")));

        HttpResponse<String> response = http.get("/api/v1/cards/newebpay/shop/member_001/binding?tokenValue=TOKEN-ABC");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode binding = CanonicalJson.mapper().readTree(response.body());
        assertThat(binding.path("bound").asBoolean()).isTrue();
        assertThat(binding.path("boundOn").asText()).isEqualTo("2026-11-01");
        LoggedRequest sent = gateway.findAll(postRequestedFor(urlEqualTo("/API/TokenCard/query"))).get(0);
        Map<String, String> form = NewebPayFormEncoding.decode(sent.getBodyAsString());
        assertThat(shop.codec().tradeShaMatches(form.get("EncryptData_"), form.get("HashData_"))).isTrue();
        assertThat(NewebPayFormEncoding.decode(gateway(shop).decryptText(form.get("EncryptData_"))))
                .containsEntry("TokenTerm", "member_001").containsEntry("TokenValue", "TOKEN-ABC");
    }

    /** The simulated gateway's view of a merchant: reads the hub's encrypted requests back. */
    private SandboxCodec gateway(NewebPayMerchant merchant) {
        return sandboxMerchants.find(merchant.merchantId(), merchant.kind()).orElseThrow().codec();
    }

    @Test
    void eWalletRefundsGoToTheEWalletApiAndAtmRefundsAreRefused() throws Exception {
        create("shop", "CMD_WALLET", "300");
        stubPaidQuery("CMD_WALLET", 300, "3", "0", "LINEPAY");
        http.post("/api/v1/payments/newebpay/shop/CMD_WALLET/query", "application/json", "");
        assertThat(rows.orderStatus("CMD_WALLET")).isEqualTo("CAPTURED");
        String encrypted = shop.codec().encryptText("{\"TradeNo\":\"21053116112052752\",\"BankMessage\":\"\","
                + "\"BankCode\":\"\",\"MerchantOrderNo\":\"CMD_WALLET\",\"RefundAmount\":100,"
                + "\"RefundDate\":\"2026-11-22 14:29:55\"}");
        gateway.stubFor(post(urlEqualTo("/API/EWallet/refund")).willReturn(aResponse().withStatus(200).withBody("""
                {"Status":"1000","Message":"\\u9000\\u6b3e\\u7533\\u8acb\\u5b8c\\u6210","EncryptData":"%s",\
                "HashData":"%s","UID":"%s","Version":"1.0","Encoding":""}"""
                .formatted(encrypted, shop.codec().tradeSha(encrypted), shop.merchantId()))));

        HttpResponse<String> refund = http.post("/api/v1/payments/newebpay/shop/CMD_WALLET/refund", "application/json",
                "{\"amount\":{\"value\":\"100\"}}");

        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(200);
        assertThat(rows.orderStatus("CMD_WALLET")).isEqualTo("REFUND_REQUESTED");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/CreditCard/Close")))).isEmpty();
        Map<String, String> form = NewebPayFormEncoding.decode(
                gateway.findAll(postRequestedFor(urlEqualTo("/API/EWallet/refund"))).get(0).getBodyAsString());
        assertThat(form).containsEntry("UID_", shop.merchantId()).containsEntry("Version_", "1.1")
                .containsEntry("RespondType_", "JSON");
        assertThat(shop.codec().tradeShaMatches(form.get("EncryptData_"), form.get("HashData_"))).isTrue();
        JsonNode sent = CanonicalJson.mapper().readTree(gateway(shop).decryptText(form.get("EncryptData_")));
        assertThat(sent.path("MerchantOrderNo").asText()).isEqualTo("CMD_WALLET");
        assertThat(sent.path("Amount").asInt()).isEqualTo(100);
        assertThat(sent.path("PaymentType").asText()).isEqualTo("LINEPAY");

        create("shop", "CMD_ATM", "300");
        stubPaidQuery("CMD_ATM", 300, "0", "0", "VACC");
        http.post("/api/v1/payments/newebpay/shop/CMD_ATM/query", "application/json", "");
        assertThat(rows.orderStatus("CMD_ATM")).isEqualTo("CAPTURED");
        HttpResponse<String> atm = http.post("/api/v1/payments/newebpay/shop/CMD_ATM/refund", "application/json", "");
        assertThat(atm.statusCode()).isEqualTo(400);
        assertThat(atm.body()).contains("VACC").contains("ATM");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/EWallet/refund")))).hasSize(1);
    }

    /** A QueryTradeInfo answer about an ATM transfer (VACC) with the NDNF table's 註2 fields PayInfo and OrderStatus. */
    private void stubTransferQuery(String orderNo, int amount, String tradeStatus, String orderStatus) {
        String tradeNo = "2611220000" + Math.abs(orderNo.hashCode() % 10_000_000);
        Map<String, String> checked = new LinkedHashMap<>();
        checked.put("Amt", Integer.toString(amount));
        checked.put("MerchantID", shop.merchantId());
        checked.put("MerchantOrderNo", orderNo);
        checked.put("TradeNo", tradeNo);
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo"))
                .withRequestBody(containing("MerchantOrderNo=" + orderNo))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"Status":"SUCCESS","Message":"查詢成功","Result":{"MerchantID":"%s","Amt":%d,"TradeNo":"%s",\
                        "MerchantOrderNo":"%s","TradeStatus":"%s","PaymentType":"VACC","CreateTime":"2026-11-22 10:00:00",\
                        "PayTime":"2026-11-22 10:00:30","CheckCode":"%s","FundTime":"0000-00-00",\
                        "PayInfo":"(004)TestAccount12345","ExpireDate":"2026-11-29 23:59:59","OrderStatus":%s}}"""
                        .formatted(shop.merchantId(), amount, tradeNo, orderNo, tradeStatus,
                                shop.checkCodes().checkCode(checked), orderStatus))));
    }

    /**
     * NDNF QueryTradeInfo 註2 (ATM, CVS, barcode, LINE Pay, WebATM): OrderStatus 9 is 付款中，待銀行確認 — a payment the
     * bank has not confirmed is not money received, whatever TradeStatus says; once OrderStatus says 1 it is.
     */
    @Test
    void aTransferTheBankHasNotConfirmedIsNotYetMoney() {
        create("shop", "CMD_ATM9", "300");
        stubTransferQuery("CMD_ATM9", 300, "1", "9");
        http.post("/api/v1/payments/newebpay/shop/CMD_ATM9/query", "application/json", "");
        assertThat(rows.orderStatus("CMD_ATM9")).isEqualTo("PENDING");

        stubTransferQuery("CMD_ATM9", 300, "1", "1");
        http.post("/api/v1/payments/newebpay/shop/CMD_ATM9/query", "application/json", "");
        assertThat(rows.orderStatus("CMD_ATM9")).isEqualTo("CAPTURED");
    }

    @Test
    void cancelAnsweredTra20001IsAcceptedTheBankVoidsInItsBatch() {
        create("shop", "CMD_BATCH", "200");
        stubPaidQuery("CMD_BATCH", 200, "0", "0");
        http.post("/api/v1/payments/newebpay/shop/CMD_BATCH/query", "application/json", "");
        gateway.stubFor(post(urlEqualTo("/API/CreditCard/Cancel")).willReturn(aResponse().withStatus(200).withBody("""
                {"Status":"TRA20001","Message":"金融機構取消授權批次處理中","Result":{"MerchantID":"%s",\
                "TradeNo":"1","Amt":200,"MerchantOrderNo":"CMD_BATCH"}}""".formatted(shop.merchantId()))));

        HttpResponse<String> response = http.post("/api/v1/payments/newebpay/shop/CMD_BATCH/cancel", "application/json", "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(rows.orderStatus("CMD_BATCH")).isEqualTo("VOIDED");
        assertThat(response.body()).contains("TRA20001");
    }

    @Test
    void aTokenChargeWhoseAnswerIsLostStaysPendingAndAlreadyPaidIsNeverAFailure() throws Exception {
        gateway.stubFor(post(urlEqualTo("/API/CreditCard")).withRequestBody(containing("PostData_"))
                .willReturn(aResponse().withStatus(502)));
        String charge = """
                {"provider":"newebpay","merchant":"shop","orderNo":"TOK_LOST","amount":{"value":"100"},
                 "description":"Taxi ride","tokenTerm":"member_002","tokenValue":"TOKEN-XYZ"}""";

        HttpResponse<String> lost = http.post("/api/v1/cards/charges", "application/json", charge);

        assertThat(lost.statusCode()).isEqualTo(504);
        assertThat(rows.orderStatus("TOK_LOST")).isEqualTo("PENDING");

        // sent again, the gateway says it was charged already (MPG03008): still not a failure
        gateway.stubFor(post(urlEqualTo("/API/CreditCard")).withRequestBody(containing("PostData_"))
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"Status\":\"MPG03008\",\"Message\":\"已存在相同的商店訂單編號\",\"Result\":[]}")));
        HttpResponse<String> again = http.post("/api/v1/cards/charges", "application/json", charge);
        assertThat(again.statusCode()).isEqualTo(504);
        assertThat(again.body()).contains("MPG03008");
        assertThat(rows.orderStatus("TOK_LOST")).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = 'TOK_LOST' and status = 'FAILED'",
                Integer.class)).isZero();

        // the query (what the missed-notify poll does) settles it
        stubPaidQuery("TOK_LOST", 100, "0", "0");
        assertThat(http.post("/api/v1/payments/newebpay/shop/TOK_LOST/query", "application/json", "").statusCode())
                .isEqualTo(200);
        assertThat(rows.orderStatus("TOK_LOST")).isEqualTo("AUTHORIZED");
        // a settled order is not charged again
        assertThat(http.post("/api/v1/cards/charges", "application/json", charge).statusCode()).isEqualTo(409);
    }

    @Test
    void aPasskeyChargeAnsweredWith3dSecureHtmlHandsTheErpThePageAndStaysPending() throws Exception {
        String page = "<html><body><form id='p3d' method='post' action='https://acs.example.com/3ds'>"
                + "<input type='hidden' name='PaReq' value='abc'></form></body></html>";
        gateway.stubFor(post(urlEqualTo("/API/CreditCard")).withRequestBody(containing("MS-PASSKEY"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(page)));

        HttpResponse<String> charge = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"passkey-shop","orderNo":"TOK_3DS","amount":{"value":"100"},
                 "description":"Taxi ride","tokenTerm":"member_3ds","tokenValue":"TOKEN-3DS",
                 "cardholder":{"phone":"+886912345678","lastName":"Wang","firstName":"Mei"}}""");

        assertThat(charge.statusCode()).as(charge.body()).isEqualTo(200);
        JsonNode answer = CanonicalJson.mapper().readTree(charge.body());
        assertThat(answer.path("action").asText()).isEqualTo("HTML");
        assertThat(answer.path("html").asText()).isEqualTo(page);
        assertThat(rows.orderStatus("TOK_3DS")).isEqualTo("PENDING");
        assertThat(NewebPayTokenCharges.threeDSecurePage("{\"Status\":\"SUCCESS\",\"Result\":\"<form></form>\"}"))
                .isEqualTo("<form></form>");
        assertThat(NewebPayTokenCharges.threeDSecurePage("{\"Status\":\"SUCCESS\",\"Result\":{}}")).isNull();
    }
}
