package tw.twpay.hub.sandbox.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.provider.newebpay.NewebPayMerchant;
import tw.twpay.hub.provider.newebpay.NewebPayMerchants;
import tw.twpay.hub.provider.newebpay.NewebPayPayload;
import tw.twpay.hub.provider.newebpay.NewebPayPayloadParser;
import tw.twpay.hub.provider.newebpay.SealedTradeInfo;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.support.ChildHub;
import tw.twpay.hub.support.HubHttp;

/**
 * The hub's own ERP API end to end against the in-process NewebPay simulator: card charges and token charges
 * (約定信用卡, {@code /API/CreditCard}), the binding status (NPA-B103), the MPG payment's life through the hub's
 * commands, and an NDNP mandate created and changed through them. The hub's sandbox merchants send their back-end requests to {@code twpay.public-base-url}, which must be
 * known before the context starts, so this test runs the hub on a free port chosen up front instead of
 * {@code @HubTest}'s random one.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestPropertySource(locations = "classpath:hub-test.properties")
class NewebPayTokenSandboxTest {

    private static final int PORT = ChildHub.freePort();
    private static final String BASE = "/sandbox/newebpay";
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Duration HUB_WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String VISA = "4000221111111111";
    private static final String JCB = "3566002020360505";
    private static final String CVC = "987";
    /** As a JSON value: bare, three digits could turn up inside a TradeNo or a time. */
    private static final String QUOTED_CVC = "\"" + CVC + "\"";

    @DynamicPropertySource
    static void hubOnAKnownPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("twpay.public-base-url", () -> "http://localhost:" + PORT);
        // a Passkey merchant on the simulator, so the version 2.5 and cardholder rules meet the hub's requests
        registry.add("twpay.providers.newebpay.merchants.shop-passkey.merchant-id", () -> "MS-SANDBOX-PASSKEY");
        registry.add("twpay.providers.newebpay.merchants.shop-passkey.hash-key", () -> "PasskeySandboxHashKey32BytesLong");
        registry.add("twpay.providers.newebpay.merchants.shop-passkey.hash-iv", () -> "PasskeySandboxIV");
        registry.add("twpay.providers.newebpay.merchants.shop-passkey.kind", () -> "NDNF");
        registry.add("twpay.providers.newebpay.merchants.shop-passkey.environment", () -> "sandbox");
        registry.add("twpay.providers.newebpay.merchants.shop-passkey.passkey", () -> "true");
    }


    @Autowired
    NewebPayMerchants merchants;
    @Autowired
    SandboxErpInbox inbox;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    NewebPayMerchant shop;
    NewebPayMerchant passkeyShop;

    @BeforeEach
    void setUp() {
        http = new HubHttp(PORT);
        shop = merchants.require("shop");
        passkeyShop = merchants.require("shop-passkey");
    }

    // ---------------------------------------------------------------- token charges through the hub

    @Test
    void firstChargeBindsTheCardAndItsTokenPaysTheNextOrder() throws Exception {
        String tokenTerm = newName("mem");
        String firstOrder = newName("TKA");
        String laterOrder = newName("TKB");

        HttpResponse<String> first = chargeCard("shop", firstOrder, 300, tokenTerm, VISA, inThreeYears(), "");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).doesNotContain(VISA).doesNotContain(QUOTED_CVC);
        JsonNode paid = hubOrder("shop", firstOrder).path("order");
        assertThat(paid.path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(paid.path("providerTradeId").asText()).matches("\\d{17}");
        assertThat(paid.path("authCode").asText()).matches("\\d{6}");
        assertThat(paid.path("card").path("bin6").asText()).isEqualTo("400022");
        assertThat(paid.path("card").path("last4").asText()).isEqualTo("1111");
        String token = tokenBoundFor(tokenTerm);
        assertThat(token).matches("[0-9A-F]{64}");
        assertThat(jdbc.queryForMap("select status, card_bin6, card_last4 from card_token where token_ref = ?", token))
                .containsEntry("status", "ACTIVE").containsEntry("card_bin6", "400022").containsEntry("card_last4", "1111");

        HttpResponse<String> later = chargeToken("shop", laterOrder, 450, tokenTerm, token);

        assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
        JsonNode paidByToken = hubOrder("shop", laterOrder).path("order");
        assertThat(paidByToken.path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(paidByToken.path("amount").path("value").asText()).isEqualTo("450.00");
        assertThat(paidByToken.path("card").path("last4").asText()).isEqualTo("1111");
        assertThat(paidByToken.path("providerTradeId").asText()).isNotEqualTo(paid.path("providerTradeId").asText());

        // the gateway keeps both as card trades: QueryTradeInfo, Cancel and Close work on them
        assertQueried(laterOrder, "AUTHORIZED");
        assertThat(operate("shop", laterOrder, "capture", "").path("order").path("status").asText())
                .isEqualTo("CAPTURE_REQUESTED");
        assertThat(operate("shop", firstOrder, "cancel", "").path("order").path("status").asText()).isEqualTo("VOIDED");

        List<String> stored = jdbc.queryForList("select coalesce(cast(raw_payload as varchar(100000)), '') || "
                + "cast(event_json as varchar(100000)) from ledger_journal", String.class);
        assertThat(stored).noneMatch(row -> row.contains(VISA));
    }

    @Test
    void bindingStatusSaysWhetherTheCardUpdaterTookTheTokenOn() throws Exception {
        String visaTerm = newName("mem");
        String jcbTerm = newName("mem");
        LocalDate before = LocalDate.now(TAIPEI);
        assertThat(chargeCard("shop", newName("BDV"), 100, visaTerm, VISA, inThreeYears(), "").statusCode()).isEqualTo(200);
        assertThat(chargeCard("shop", newName("BDJ"), 100, jcbTerm, JCB, inThreeYears(), "").statusCode()).isEqualTo(200);
        String visaToken = tokenBoundFor(visaTerm);
        String jcbToken = tokenBoundFor(jcbTerm);

        HttpResponse<String> visa = binding("shop", visaTerm, visaToken);

        assertThat(visa.statusCode()).as(visa.body()).isEqualTo(200);
        JsonNode bound = CanonicalJson.mapper().readTree(visa.body());
        assertThat(bound.path("bound").asBoolean()).isTrue();
        assertThat(LocalDate.parse(bound.path("boundOn").asText())).isBetween(before, LocalDate.now(TAIPEI));

        // the Card Account Updater serves Visa and Mastercard only: a JCB token charges, but is not enrolled
        JsonNode jcb = CanonicalJson.mapper().readTree(binding("shop", jcbTerm, jcbToken).body());
        assertThat(jcb.path("bound").asBoolean()).isFalse();
        assertThat(jcb.has("boundOn")).isFalse();

        HttpResponse<String> unknown = binding("shop", visaTerm, HexFormat.of().withUpperCase().formatHex(new byte[32]));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains(NewebPayCardTokenSimulator.UNKNOWN_TOKEN);
        assertThat(binding("shop", jcbTerm, visaToken).statusCode()).as("a token of another TokenTerm").isEqualTo(422);
    }

    @Test
    void refusedCardsAndUnknownTokensLeaveFailedOrdersAndBindNothing() throws Exception {
        String tokenTerm = newName("mem");
        int tokensBefore = cardTokens();

        String declined = newName("FDC");
        assertThat(chargeCard("shop", declined, 500, tokenTerm, SandboxCard.DECLINED_NUMBER, inThreeYears(), "")
                .statusCode()).isEqualTo(200);
        assertThat(hubStatus("shop", declined)).isEqualTo("FAILED");
        assertThat(providerStatus("shop", declined)).isEqualTo("CRE10003");

        String expired = newName("FEX");
        chargeCard("shop", expired, 500, tokenTerm, VISA, YearMonth.now(TAIPEI).minusMonths(1), "");
        assertThat(hubStatus("shop", expired)).isEqualTo("FAILED");
        assertThat(providerStatus("shop", expired)).isEqualTo(NewebPayPeriodSimulator.EXPIRED_CARD);
        assertThat(cardTokens()).as("a refused card binds no token").isEqualTo(tokensBefore);

        String wrongToken = newName("FTK");
        HttpResponse<String> unknown = chargeToken("shop", wrongToken, 500, tokenTerm,
                HexFormat.of().withUpperCase().formatHex(new byte[32]));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(200);
        assertThat(hubStatus("shop", wrongToken)).isEqualTo("FAILED");
        assertThat(providerStatus("shop", wrongToken)).isEqualTo(NewebPayCardTokenSimulator.UNKNOWN_TOKEN);

        // a good token still follows the issuer's amount rule
        chargeCard("shop", newName("FOK"), 100, tokenTerm, VISA, inThreeYears(), "");
        String thirteen = newName("F13");
        chargeToken("shop", thirteen, 13, tokenTerm, tokenBoundFor(tokenTerm));
        assertThat(hubStatus("shop", thirteen)).isEqualTo("FAILED");
        assertThat(providerStatus("shop", thirteen)).isEqualTo("CRE10001");
    }

    @Test
    void passkeyMerchantsChargeWithVersionTwoPointFiveAndTheCardholder() throws Exception {
        String tokenTerm = newName("mem");
        String cardholder = ",\"cardholder\":{\"phone\":\"+886912345678\",\"lastName\":\"王\",\"firstName\":\"小明\"}";
        String orderNo = newName("PK");

        HttpResponse<String> charged = chargeCard("shop-passkey", orderNo, 300, tokenTerm, VISA, inThreeYears(), cardholder);

        assertThat(charged.statusCode()).as(charged.body()).isEqualTo(200);
        assertThat(hubStatus("shop-passkey", orderNo)).isEqualTo("AUTHORIZED");

        Map<String, Object> oldVersion = cardFields(orderNo + "X", tokenTerm);
        oldVersion.put("Version", "1.1");
        NewebPayPayload refusedVersion = postCharge(passkeyShop, oldVersion, "JSON");
        assertThat(refusedVersion.status()).isEqualTo("TRA10001");
        assertThat(refusedVersion.message()).contains("2.5");

        Map<String, Object> noPhone = cardFields(orderNo + "Y", tokenTerm);
        noPhone.put("Version", "2.5");
        noPhone.put("CardHolderLastName", "王");
        noPhone.put("CardHolderFirstName", "小明");
        NewebPayPayload refusedCardholder = postCharge(passkeyShop, noPhone, "JSON");
        assertThat(refusedCardholder.status()).isEqualTo("TRA10001");
        assertThat(refusedCardholder.message()).contains("CardHolderPhone").doesNotContain("CardHolderLastName");

        noPhone.put("CardHolderPhone", "0912345678");
        assertThat(postCharge(passkeyShop, noPhone, "JSON").message()).contains("+886912345678");
        noPhone.put("CardHolderPhone", "+886912345678");
        NewebPayPayload accepted = postCharge(passkeyShop, noPhone, "JSON");
        assertThat(accepted.status()).isEqualTo("SUCCESS");
        passkeyShop.checkCodes().verifyQueryResponse(accepted);
    }

    // ---------------------------------------------------------------- the simulator's own answers

    @Test
    void cardApiAnswersInTheGatewaysShapeAndRefusesWhatTheGatewayRefuses() throws Exception {
        String tokenTerm = newName("mem");
        String orderNo = newName("API");

        Map<String, Object> first = cardFields(orderNo, tokenTerm);
        HttpResponse<String> raw = http.postForm(BASE + "/API/CreditCard", Map.of("MerchantID_", shop.merchantId(),
                "PostData_", shop.codec().encrypt(first), "Pos_", "JSON"));
        assertThat(raw.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(raw.body()).doesNotContain(VISA).doesNotContain(QUOTED_CVC);
        NewebPayPayload bound = NewebPayPayloadParser.parse(raw.body());
        assertThat(bound.status()).isEqualTo("SUCCESS");
        assertThat(bound.message()).isEqualTo("授權成功");
        shop.checkCodes().verifyQueryResponse(bound);
        assertThat(bound.result()).containsEntry("MerchantOrderNo", orderNo).containsEntry("Amt", "100")
                .containsEntry("RespondCode", "00").containsEntry("Card6No", "400022").containsEntry("Card4No", "1111")
                .containsEntry("TokenLife", "");
        assertThat(bound.field("AuthDate")).matches("\\d{8}");
        assertThat(bound.field("AuthTime")).matches("\\d{6}");
        assertThat(bound.field("TokenValue")).matches("[0-9A-F]{64}");
        assertThat(postCharge(shop, first, "JSON").status()).as("the order was paid").isEqualTo("MPG03008");

        // Pos_=String: the flat form, still signed
        Map<String, Object> byToken = tokenFields(newName("APS"), tokenTerm, bound.field("TokenValue"));
        NewebPayPayload flat = postCharge(shop, byToken, "String");
        assertThat(flat.status()).isEqualTo("SUCCESS");
        shop.checkCodes().verifyQueryResponse(flat);

        Map<String, String> otherKeys = Map.of("MerchantID_", shop.merchantId(),
                "PostData_", passkeyShop.codec().encrypt(cardFields(newName("APK"), tokenTerm)), "Pos_", "JSON");
        assertThat(parse(http.postForm(BASE + "/API/CreditCard", otherKeys)).status()).isEqualTo("TRA10002");
        Map<String, String> unknownMerchant = Map.of("MerchantID_", "MS-NOBODY",
                "PostData_", shop.codec().encrypt(cardFields(newName("APM"), tokenTerm)), "Pos_", "JSON");
        assertThat(parse(http.postForm(BASE + "/API/CreditCard", unknownMerchant)).status()).isEqualTo("TRA10010");
        assertThat(postCharge(shop, cardFields(newName("APP"), tokenTerm), "XML").status()).isEqualTo("TRA10001");

        Map<String, Object> noSwitch = cardFields(newName("APN"), tokenTerm);
        noSwitch.remove("TokenSwitch");
        assertThat(postCharge(shop, noSwitch, "JSON").message()).contains("TokenSwitch");
        Map<String, Object> badCvc = cardFields(newName("APC"), tokenTerm);
        badCvc.put("CVC", "12");
        NewebPayPayload refusedCvc = postCharge(shop, badCvc, "JSON");
        assertThat(refusedCvc.status()).isEqualTo("TRA10001");
        assertThat(refusedCvc.result()).as("a refused request makes no trade").doesNotContainKey("TradeNo")
                .containsEntry("MerchantOrderNo", (String) badCvc.get("MerchantOrderNo"));
        Map<String, Object> longTerm = cardFields(newName("APT"), "member_with_a_very_long_reference");
        assertThat(postCharge(shop, longTerm, "JSON").message()).contains("TokenTerm");
        Map<String, Object> badExpiry = cardFields(newName("APE"), tokenTerm);
        badExpiry.put("Exp", "2613");
        assertThat(postCharge(shop, badExpiry, "JSON").message()).contains("Exp").doesNotContain("2613");
        assertThat(http.get(BASE + "/API/CreditCard").statusCode()).isEqualTo(405);
    }

    @Test
    void bindingQueryChecksHashDataVersionAndMerchant() throws Exception {
        String tokenTerm = newName("mem");
        String token = postCharge(shop, cardFields(newName("BQ"), tokenTerm), "JSON").field("TokenValue");

        NewebPayPayload answer = parse(http.postForm(BASE + "/API/TokenCard/query",
                bindingForm(shop, tokenTerm, token, "2.0")));
        assertThat(answer.status()).isEqualTo("SUCCESS");
        assertThat(answer.message()).isEqualTo("查詢成功");
        assertThat(answer.result()).containsEntry("MerchantID", shop.merchantId()).containsEntry("TokenTerm", tokenTerm)
                .containsEntry("TokenValue", token).containsEntry("CAUtokenCreateStatus", "1");
        assertThat(answer.field("CAUtokenCreateDate")).matches("\\d{8}");

        Map<String, String> forged = bindingForm(shop, tokenTerm, token, "2.0");
        forged.put("HashData_", "0".repeat(64));
        NewebPayPayload refusedHash = parse(http.postForm(BASE + "/API/TokenCard/query", forged));
        assertThat(refusedHash.status()).isEqualTo("TRA10054");
        assertThat(refusedHash.result()).isEmpty();

        assertThat(parse(http.postForm(BASE + "/API/TokenCard/query", bindingForm(shop, tokenTerm, token, "1.0")))
                .status()).isEqualTo("TRA10001");
        // sealed with the Passkey merchant's keys but sent as the shop
        Map<String, String> foreign = bindingForm(passkeyShop, tokenTerm, token, "2.0");
        foreign.put("UID_", shop.merchantId());
        assertThat(parse(http.postForm(BASE + "/API/TokenCard/query", foreign)).status()).isEqualTo("TRA10054");
        // the Passkey merchant's own query does not find the shop's token
        assertThat(parse(http.postForm(BASE + "/API/TokenCard/query", bindingForm(passkeyShop, tokenTerm, token, "2.0")))
                .status()).isEqualTo(NewebPayCardTokenSimulator.UNKNOWN_TOKEN);
    }

    // ---------------------------------------------------------------- the MPG payment through the hub

    @Test
    void mpgPaymentCreatedByTheHubIsCapturedRefundedAndTheRefundWithdrawn() throws Exception {
        String orderNo = newName("LIFE");
        JsonNode form = createPayment(orderNo, 1000);
        assertThat(form.path("url").asText()).isEqualTo("http://localhost:" + PORT + BASE + "/MPG/mpg_gateway");

        HttpResponse<String> page = postAsBrowser(form);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(statusOn(page)).isEqualTo("SUCCESS");
        await().atMost(HUB_WAIT).until(() -> "AUTHORIZED".equals(hubStatus("shop", orderNo)));
        assertThat(lastJournalSource("shop", orderNo)).isEqualTo("CALLBACK");

        assertThat(operate("shop", orderNo, "capture", "").path("order").path("status").asText())
                .isEqualTo("CAPTURE_REQUESTED");
        // the simulated bank batch: the waiting capture is reported once, then done
        assertQueried(orderNo, "CAPTURE_REQUESTED");
        assertQueried(orderNo, "CAPTURED");

        assertThat(operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"300\"}}").path("order").path("status")
                .asText()).isEqualTo("REFUND_REQUESTED");
        assertThat(operate("shop", orderNo, "cancel-refund", "{\"amount\":{\"value\":\"300\"}}").path("order")
                .path("status").asText()).isEqualTo("CAPTURED");
    }

    @Test
    void refundsCompletedByTheGatewayAreLearnedByQueryAndTheBalanceIsTheGateways() throws Exception {
        String orderNo = newName("RFND");
        postAsBrowser(createPayment(orderNo, 1000));
        await().atMost(HUB_WAIT).until(() -> "AUTHORIZED".equals(hubStatus("shop", orderNo)));
        operate("shop", orderNo, "capture", "");
        assertQueried(orderNo, "CAPTURE_REQUESTED");
        assertQueried(orderNo, "CAPTURED");

        assertThat(operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"300\"}}").path("order").path("status")
                .asText()).isEqualTo("REFUND_REQUESTED");
        assertQueried(orderNo, "REFUND_REQUESTED");
        assertQueried(orderNo, "PARTIALLY_REFUNDED");

        // more than what is left to refund (1000 captured, 300 refunded) is refused by the hub before the gateway
        HttpResponse<String> overRefund = http.post("/api/v1/payments/newebpay/shop/" + orderNo + "/refund",
                "application/json", "{\"amount\":{\"value\":\"800\"}}");
        assertThat(overRefund.statusCode()).as(overRefund.body()).isEqualTo(400);
        assertThat(overRefund.body()).contains("can still be refunded 700.00 TWD");

        assertThat(operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"700\"}}").path("order").path("status")
                .asText()).isEqualTo("REFUND_REQUESTED");
        assertQueried(orderNo, "REFUND_REQUESTED");
        assertQueried(orderNo, "REFUNDED");
    }

    /**
     * The order's amount is what QueryTradeInfo must send (the gateway refuses another Amt, TRA10050), so the ledger
     * keeps it through partial captures and withdrawn refunds.
     */
    @Test
    void queryStillWorksAfterAPartialCaptureAndAWithdrawnRefund() throws Exception {
        String orderNo = newName("PART");
        postAsBrowser(createPayment(orderNo, 1000));
        await().atMost(HUB_WAIT).until(() -> "AUTHORIZED".equals(hubStatus("shop", orderNo)));

        operate("shop", orderNo, "capture", "{\"amount\":{\"value\":\"800\"}}");
        assertQueried(orderNo, "CAPTURE_REQUESTED");
        assertQueried(orderNo, "CAPTURED");
        operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"300\"}}");
        operate("shop", orderNo, "cancel-refund", "{\"amount\":{\"value\":\"300\"}}");
        assertQueried(orderNo, "CAPTURED");
        assertThat(hubOrder("shop", orderNo).path("order").path("amount").path("value").asText()).isEqualTo("1000.00");
    }

    @Test
    void anAuthorisationCreatedByTheHubIsCancelledWhole() throws Exception {
        String orderNo = newName("VOID");
        postAsBrowser(createPayment(orderNo, 700));
        await().atMost(HUB_WAIT).until(() -> "AUTHORIZED".equals(hubStatus("shop", orderNo)));

        assertThat(operate("shop", orderNo, "cancel", "").path("order").path("status").asText()).isEqualTo("VOIDED");
        assertQueried(orderNo, "VOIDED");
    }

    @Test
    void aLostNotifyIsRepairedByTheHubsQuery() throws Exception {
        String orderNo = newName("MISS");
        createPayment(orderNo, 640);
        assertThat(hubStatus("shop", orderNo)).isEqualTo("PENDING");

        HttpResponse<String> paid = http.postForm(BASE + "/control/pay-silently",
                Map.of("merchantId", shop.merchantId(), "orderNo", orderNo, "amt", "640"));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(hubStatus("shop", orderNo)).as("no notify reached the hub").isEqualTo("PENDING");

        JsonNode repaired = operate("shop", orderNo, "query", "");

        assertThat(repaired.path("order").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(repaired.path("order").path("providerTradeId").asText())
                .isEqualTo(CanonicalJson.mapper().readTree(paid.body()).path("tradeNo").asText());
        assertThat(lastJournalSource("shop", orderNo)).isEqualTo("QUERY");
    }

    @Test
    void aMandateCreatedAndChangedThroughTheHubReachesTheErpAsMandateEvents() throws Exception {
        String orderNo = newName("SUBCHG");
        HttpResponse<String> created = http.post("/api/v1/subscriptions", "application/json", """
                {"provider":"newebpay","merchant":"shop-recurring","orderNo":"%s",
                 "amount":{"value":"199","currency":"TWD"},"description":"月費會員 monthly plan",
                 "email":"member@example.com","period":{"type":"M","point":"05","startType":2,"times":12}}"""
                .formatted(orderNo));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(postAsBrowser(CanonicalJson.mapper().readTree(created.body())).statusCode()).isEqualTo(200);
        await().atMost(HUB_WAIT).until(() -> "CAPTURED".equals(hubStatus("shop-recurring", orderNo)));
        // the mandate's creation is a mandate event of its own, its first charge a payment of the mandate's order
        JsonNode creation = java.util.stream.StreamSupport.stream(
                        hubOrder("shop-recurring", orderNo).path("journal").spliterator(), false)
                .map(entry -> entry.path("event"))
                .filter(event -> "tw.twpay.mandate.v1".equals(event.path("type").asText()))
                .findFirst().orElseThrow();
        assertThat(creation.path("data").path("change").asText()).isEqualTo("CREATED");
        String mandateId = creation.path("data").path("mandateId").asText();
        assertThat(mandateId).startsWith("P");

        for (String change : List.of("suspend", "restart", "amend")) {
            String body = "{\"mandateId\":\"" + mandateId + "\""
                    + ("amend".equals(change) ? ",\"amount\":{\"value\":\"299\"}}" : "}");
            HttpResponse<String> changed = http.post("/api/v1/subscriptions/newebpay/shop-recurring/" + orderNo + "/"
                    + change, "application/json", body);
            assertThat(changed.statusCode()).as("%s: %s", change, changed.body()).isEqualTo(200);
        }

        await().atMost(HUB_WAIT).until(() -> mandateEventsOf(orderNo).size() == 4);
        List<JsonNode> events = mandateEventsOf(orderNo);
        assertThat(events).extracting(event -> event.path("data").path("change").asText())
                .containsExactly("CREATED", "SUSPENDED", "RESTARTED", "AMOUNT_CHANGED");
        assertThat(events).allSatisfy(event ->
                assertThat(event.path("data").path("mandateId").asText()).isEqualTo(mandateId));
        JsonNode amendment = events.get(3).path("data");
        assertThat(amendment.path("periodAmount").path("value").asText()).isEqualTo("299.00");
        assertThat(amendment.path("nextChargeDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(events.get(2).path("data").path("nextChargeDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    private List<JsonNode> mandateEventsOf(String orderNo) {
        return inbox.list().stream()
                .filter(event -> "tw.twpay.mandate.v1".equals(event.path("type").asText()))
                .filter(event -> orderNo.equals(event.path("subject").asText()))
                .toList();
    }

    // ---------------------------------------------------------------- the hub's API

    private static String newName(String prefix) {
        return prefix + "_" + Long.toString(System.currentTimeMillis(), 36) + "_" + NAMES.incrementAndGet();
    }

    private static YearMonth inThreeYears() {
        return YearMonth.now(TAIPEI).plusYears(3);
    }

    private HttpResponse<String> chargeCard(String merchant, String orderNo, int amount, String tokenTerm, String number,
                                            YearMonth expiry, String extra) {
        return http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"%s","orderNo":"%s","amount":{"value":"%d","currency":"TWD"},
                 "description":"計程車 taxi ride","email":"rider@example.com","tokenTerm":"%s",
                 "card":{"number":"%s","expiry":"%s","cvc":"%s"}%s}"""
                .formatted(merchant, orderNo, amount, tokenTerm, number, expiry, CVC, extra));
    }

    private HttpResponse<String> chargeToken(String merchant, String orderNo, int amount, String tokenTerm, String token) {
        return http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"%s","orderNo":"%s","amount":{"value":"%d","currency":"TWD"},
                 "description":"計程車 taxi ride","tokenTerm":"%s","tokenValue":"%s"}"""
                .formatted(merchant, orderNo, amount, tokenTerm, token));
    }

    private HttpResponse<String> binding(String merchant, String tokenTerm, String token) {
        return http.get("/api/v1/cards/newebpay/" + merchant + "/" + tokenTerm + "/binding?tokenValue=" + token);
    }

    /** The token the hub recorded for the cardholder reference, from the card event the ERP received. */
    private String tokenBoundFor(String tokenTerm) {
        String message = "card bound for " + tokenTerm;
        return await().atMost(HUB_WAIT).until(() -> inbox.list().stream()
                        .filter(event -> "tw.twpay.card-lifecycle.v1".equals(event.path("type").asText()))
                        .filter(event -> message.equals(event.path("data").path("providerMessage").asText()))
                        .map(event -> event.path("subject").asText())
                        .reduce((earlier, latest) -> latest).orElse(null),
                token -> token != null);
    }

    private int cardTokens() {
        return jdbc.queryForObject("select count(*) from card_token", Integer.class);
    }

    private JsonNode createPayment(String orderNo, int amount) throws Exception {
        HttpResponse<String> created = http.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"%s","amount":{"value":"%d","currency":"TWD"},
                 "description":"沙盒測試商品 sandbox item","email":"buyer@example.com","methods":["CREDIT"]}"""
                .formatted(orderNo, amount));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode form = CanonicalJson.mapper().readTree(created.body());
        assertThat(form.path("action").asText()).isEqualTo("FORM_POST");
        return form;
    }

    /** Posts the hub's FORM_POST to the gateway as the customer's browser would. */
    private HttpResponse<String> postAsBrowser(JsonNode formPost) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = formPost.path("fields").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue().asText());
        }
        String url = formPost.path("url").asText();
        return http.postForm(url.substring(("http://localhost:" + PORT).length()), fields);
    }

    /** A payment command of the hub; its answer is the order's state and journal. */
    private JsonNode operate(String merchant, String orderNo, String operation, String body) throws Exception {
        HttpResponse<String> response = http.post("/api/v1/payments/newebpay/" + merchant + "/" + orderNo + "/"
                + operation, "application/json", body);
        assertThat(response.statusCode()).as("%s: %s", operation, response.body()).isEqualTo(200);
        return CanonicalJson.mapper().readTree(response.body());
    }

    /**
     * Asks the hub to query the shop's order and checks that the gateway's answer is in the journal as a QUERY fact
     * with the expected status (an unchanged gateway state is the same fact, stored once).
     */
    private void assertQueried(String orderNo, String expectedStatus) throws Exception {
        // operate() insists on 200: a query the gateway refuses (e.g. a wrong Amt, TRA10050) is a 422
        JsonNode queried = operate("shop", orderNo, "query", "");
        boolean journalled = false;
        for (JsonNode entry : queried.path("journal")) {
            journalled |= "QUERY".equals(entry.path("source").asText()) && expectedStatus.equals(entry.path("status").asText());
        }
        assertThat(journalled).as("a QUERY fact with status %s is in the journal", expectedStatus).isTrue();
        assertThat(queried.path("order").path("status").asText()).isEqualTo(expectedStatus);
    }

    private JsonNode hubOrder(String merchant, String orderNo) throws Exception {
        HttpResponse<String> response = http.get("/api/v1/payments/newebpay/" + merchant + "/" + orderNo);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CanonicalJson.mapper().readTree(response.body());
    }

    private String hubStatus(String merchant, String orderNo) throws Exception {
        return hubOrder(merchant, orderNo).path("order").path("status").asText();
    }

    private String providerStatus(String merchant, String orderNo) throws Exception {
        JsonNode journal = hubOrder(merchant, orderNo).path("journal");
        return journal.get(journal.size() - 1).path("event").path("data").path("providerStatus").asText();
    }

    private String lastJournalSource(String merchant, String orderNo) throws Exception {
        JsonNode journal = hubOrder(merchant, orderNo).path("journal");
        return journal.get(journal.size() - 1).path("source").asText();
    }

    // ---------------------------------------------------------------- requests straight to the simulator

    private Map<String, Object> chargeBase(String orderNo, String tokenTerm) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("TimeStamp", Instant.now().getEpochSecond());
        fields.put("Version", "1.1");
        fields.put("MerchantOrderNo", orderNo);
        fields.put("Amt", 100);
        fields.put("ProdDesc", "計程車 taxi ride");
        fields.put("PayerEmail", "rider@example.com");
        fields.put("TokenTerm", tokenTerm);
        return fields;
    }

    private Map<String, Object> cardFields(String orderNo, String tokenTerm) {
        Map<String, Object> fields = chargeBase(orderNo, tokenTerm);
        fields.put("CardNo", VISA);
        fields.put("Exp", inThreeYears().format(DateTimeFormatter.ofPattern("yyMM")));
        fields.put("CVC", CVC);
        fields.put("TokenSwitch", "get");
        fields.put("TokenLife", "");
        return fields;
    }

    private Map<String, Object> tokenFields(String orderNo, String tokenTerm, String token) {
        Map<String, Object> fields = chargeBase(orderNo, tokenTerm);
        fields.put("TokenValue", token);
        fields.put("TokenSwitch", "on");
        return fields;
    }

    private NewebPayPayload postCharge(NewebPayMerchant merchant, Map<String, Object> fields, String pos) {
        return parse(http.postForm(BASE + "/API/CreditCard", Map.of("MerchantID_", merchant.merchantId(),
                "PostData_", merchant.codec().encrypt(fields), "Pos_", pos)));
    }

    private static Map<String, String> bindingForm(NewebPayMerchant merchant, String tokenTerm, String token,
                                                   String version) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("MerchantID", merchant.merchantId());
        fields.put("TimeStamp", Instant.now().getEpochSecond());
        fields.put("TokenTerm", tokenTerm);
        fields.put("TokenValue", token);
        SealedTradeInfo sealed = merchant.codec().seal(fields);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("UID_", merchant.merchantId());
        form.put("Version_", version);
        form.put("RespondType_", "JSON");
        form.put("EncryptData_", sealed.tradeInfo());
        form.put("HashData_", sealed.tradeSha());
        return form;
    }

    private static NewebPayPayload parse(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return NewebPayPayloadParser.parse(response.body());
    }

    private static String statusOn(HttpResponse<String> page) {
        Matcher status = Pattern.compile("<span id='status'>([^<]*)</span>").matcher(page.body());
        assertThat(status.find()).as("status on page %s", page.body()).isTrue();
        return status.group(1);
    }
}
