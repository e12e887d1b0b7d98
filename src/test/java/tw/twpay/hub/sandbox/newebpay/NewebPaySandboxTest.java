package tw.twpay.hub.sandbox.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.provider.newebpay.NewebPayMerchant;
import tw.twpay.hub.provider.newebpay.NewebPayMerchants;
import tw.twpay.hub.provider.newebpay.NewebPayPayload;
import tw.twpay.hub.provider.newebpay.NewebPayPayloadParser;
import tw.twpay.hub.provider.newebpay.ManualExamples;
import tw.twpay.hub.provider.newebpay.NewebPayStatusMapping;
import tw.twpay.hub.provider.newebpay.SealedTradeInfo;
import tw.twpay.hub.support.ChildHub;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * The NewebPay simulator over real HTTP, with the hub on the other end: requests are built as the hub's merchants
 * would build them for ccore.newebpay.com, and the simulator's callbacks travel the hub's real callback routes.
 */
@HubTest
class NewebPaySandboxTest {

    private static final String BASE = "/sandbox/newebpay";
    private static final Duration HUB_WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger ORDERS = new AtomicInteger();
    private static final int PORT = ChildHub.freePort();

    /** The hub asks the simulator to confirm period notifies (QueryTradeInfo): it must know where it listens. */
    @DynamicPropertySource
    static void hubOnAKnownPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("twpay.public-base-url", () -> "http://localhost:" + PORT);
    }


    @LocalServerPort
    int port;
    @Autowired
    NewebPayMerchants merchants;
    @Autowired
    NewebPayGatewaySimulator gateway;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${twpay.providers.newebpay.merchants.shop-recurring.hash-key}")
    String recurringHashKey;
    @Value("${twpay.providers.newebpay.merchants.shop-recurring.hash-iv}")
    String recurringHashIv;

    HubHttp http;
    NewebPayMerchant shop;
    NewebPayMerchant recurring;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        shop = merchants.require("shop");
        recurring = merchants.require("shop-recurring");
    }

    // ---------------------------------------------------------------- MPG

    @Test
    void cardPaymentIsNotifiedToTheHubAndTheBrowserIsSentOnToReturnUrl() throws Exception {
        String orderNo = newOrderNo("MPG");
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("P3D", "1");

        HttpResponse<String> page = payByCard(orderNo, 855, extra, Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(statusOn(page)).isEqualTo("SUCCESS");
        assertThat(page.body()).contains("action='" + hubUrl("/callbacks/newebpay/shop/return") + "'")
                .doesNotContain(SandboxCard.DEFAULT_NUMBER);
        await().atMost(HUB_WAIT).until(() -> "AUTHORIZED".equals(hubStatus("shop", orderNo)));
        JsonNode order = hubOrder("shop", orderNo).path("order");
        assertThat(order.path("amount").path("value").asText()).isEqualTo("855.00");
        assertThat(order.path("card").path("bin6").asText()).isEqualTo("400022");
        assertThat(order.path("card").path("last4").asText()).isEqualTo("1111");
        assertThat(order.path("providerTradeId").asText()).matches("\\d{17}");
        assertThat(order.path("authCode").asText()).matches("\\d{6}");

        // the browser carries the same signed result as the notify on to ReturnURL
        NewebPayPayload result = shop.codec().verifyAndDecode(hidden(page, "TradeInfo"), hidden(page, "TradeSha"));
        assertThat(result.status()).isEqualTo("SUCCESS");
        assertThat(result.message()).isEqualTo("授權成功");
        assertThat(result.field("MerchantOrderNo")).isEqualTo(orderNo);
        assertThat(result.field("Amt")).isEqualTo("855");
        assertThat(result.field("TradeNo")).isEqualTo(order.path("providerTradeId").asText());
        assertThat(result.field("PayTime")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(result.field("RespondCode")).isEqualTo("00");
        assertThat(result.field("ECI")).isEqualTo("05");
        assertThat(result.field("Exp")).matches("\\d{2}12");
        assertThat(result.field("TokenUseStatus")).isEqualTo("0");
        assertThat(result.field("PaymentType")).isEqualTo("CREDIT");
        assertThat(hidden(page, "Version")).isEqualTo("2.0");
    }

    @Test
    void tokenTermBindsTheCardToATokenTheHubStores() throws Exception {
        String orderNo = newOrderNo("TOK");
        HttpResponse<String> page = payByCard(orderNo, 300, Map.of("TokenTerm", "member-42", "CREDITAGREEMENT", "1"),
                Map.of());

        NewebPayPayload result = shop.codec().verifyAndDecode(hidden(page, "TradeInfo"), hidden(page, "TradeSha"));
        assertThat(result.field("TokenUseStatus")).isEqualTo("1");
        String token = result.field("TokenValue");
        assertThat(token).matches("[0-9A-F]{64}");
        await().atMost(HUB_WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from card_token where token_ref = ?", Integer.class, token) == 1);
        assertThat(hubStatus("shop", orderNo)).isEqualTo("AUTHORIZED");

        // TokenTerm alone is the quick checkout: TokenUseStatus 1, but no token is sent and none is stored
        String quick = newOrderNo("QCK");
        int tokensBefore = jdbc.queryForObject("select count(*) from card_token", Integer.class);
        HttpResponse<String> quickPage = payByCard(quick, 300, Map.of("TokenTerm", "member-43"), Map.of());
        NewebPayPayload remembered = shop.codec().verifyAndDecode(hidden(quickPage, "TradeInfo"),
                hidden(quickPage, "TradeSha"));
        assertThat(remembered.field("TokenUseStatus")).isEqualTo("1");
        assertThat(remembered.field("TokenValue")).isNull();
        await().atMost(HUB_WAIT).until(() -> "AUTHORIZED".equals(hubStatus("shop", quick)));
        assertThat(jdbc.queryForObject("select count(*) from card_token", Integer.class)).isEqualTo(tokensBefore);
    }

    @Test
    void amountAndCardRulesMakePaymentsFailAndAFailedOrderMayBePaidAgain() throws Exception {
        String thirteen = newOrderNo("F13");
        String overLimit = newOrderNo("FLIM");
        String declined = newOrderNo("FDEC");

        HttpResponse<String> thirteenPage = payByCard(thirteen, 13, Map.of(), Map.of());
        HttpResponse<String> overLimitPage = payByCard(overLimit, 200_001, Map.of(), Map.of());
        HttpResponse<String> declinedPage = payByCard(declined, 500, Map.of(),
                Map.of(SandboxCard.FIELD, SandboxCard.DECLINED_NUMBER));

        assertThat(statusOn(thirteenPage)).isEqualTo("CRE10001");
        assertThat(statusOn(overLimitPage)).isEqualTo("CRE10001");
        assertThat(statusOn(declinedPage)).isEqualTo("CRE10003");
        NewebPayPayload refused = shop.codec().verifyAndDecode(hidden(thirteenPage, "TradeInfo"),
                hidden(thirteenPage, "TradeSha"));
        assertThat(refused.message()).isEqualTo("授權失敗");
        assertThat(refused.field("RespondCode")).isEqualTo("05");
        await().atMost(HUB_WAIT).until(() -> "FAILED".equals(hubStatus("shop", thirteen))
                && "FAILED".equals(hubStatus("shop", overLimit)) && "FAILED".equals(hubStatus("shop", declined)));
        assertThat(hubOrder("shop", declined).path("journal").get(0).path("event").path("data")
                .path("providerStatus").asText()).isEqualTo("CRE10003");

        // the customer tries again with another card: the failed attempt left the order number free (the same
        // amount: a payment in another amount than the order's is only flagged since the ledger's amount check)
        assertThat(statusOn(payByCard(declined, 500, Map.of(), Map.of()))).isEqualTo("SUCCESS");
        await().atMost(HUB_WAIT).until(() -> "AUTHORIZED".equals(hubStatus("shop", declined)));
    }

    @Test
    void aFormEnablingNoMethodLetsTheCustomerChooseAmongTheMerchantsMethods() throws Exception {
        // as the NDNF manual's own request: no method flag, the customer chooses on the page (the card unless told)
        assertThat(paymentTypeWithoutMethodFlag(null)).isEqualTo("CREDIT");
        assertThat(paymentTypeWithoutMethodFlag("LINEPAY")).isEqualTo("LINEPAY");
    }

    @Test
    void anOrderPaidAlreadyGetsAnErrorPageAndNoSecondNotify() throws Exception {
        String orderNo = newOrderNo("DUP");
        assertThat(statusOn(payByCard(orderNo, 855, Map.of(), Map.of()))).isEqualTo("SUCCESS");
        await().atMost(HUB_WAIT).until(() -> "AUTHORIZED".equals(hubStatus("shop", orderNo)));

        HttpResponse<String> again = payByCard(orderNo, 855, Map.of(), Map.of());

        assertThat(statusOn(again)).isEqualTo("MPG03008");
        assertThat(again.body()).doesNotContain("name='TradeInfo'");
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
                .until(() -> hubOrder("shop", orderNo).path("journal").size() == 1);
    }

    @Test
    void requestsTheGatewayWouldRefuseGetItsErrorPageAndCreateNoTrade() throws Exception {
        String orderNo = newOrderNo("BAD");
        Map<String, String> forged = mpgForm(shop, mpgFields(shop, orderNo, 100, Map.of()));
        forged.put("TradeSha", "0".repeat(64));
        assertThat(statusOn(http.postForm(BASE + "/MPG/mpg_gateway", forged))).isEqualTo("MPG02001");

        Map<String, String> unknownMerchant = mpgForm(shop, mpgFields(shop, orderNo, 100, Map.of()));
        unknownMerchant.put("MerchantID", "MS-NOBODY");
        assertThat(statusOn(http.postForm(BASE + "/MPG/mpg_gateway", unknownMerchant))).isEqualTo("MPG03007");

        // the NDNP merchant's keys do not make an MPG payment
        Map<String, String> recurringMerchant = mpgForm(recurring, mpgFields(recurring, orderNo, 100, Map.of()));
        assertThat(statusOn(http.postForm(BASE + "/MPG/mpg_gateway", recurringMerchant))).isEqualTo("MPG03007");

        // a method the form did not enable is not on the page
        Map<String, Object> linePayOnly = mpgFields(shop, orderNo, 100, Map.of("LINEPAY", "1"));
        linePayOnly.remove("CREDIT");
        Map<String, String> choosingCard = mpgForm(shop, linePayOnly);
        choosingCard.put(SandboxPaymentChoice.FIELD, "CREDIT");
        assertThat(statusOn(http.postForm(BASE + "/MPG/mpg_gateway", choosingCard))).isEqualTo("MPG02003");

        assertThat(statusOn(payByCard(orderNo, 100, Map.of("NotifyURL", "ftp://example.com/x"), Map.of())))
                .isEqualTo("MPG01014");
        assertThat(statusOn(payByCard(orderNo, 100, Map.of("MerchantOrderNo", "has space"), Map.of())))
                .isEqualTo("MPG01012");
        assertThat(statusOn(payByCard(orderNo, 100, Map.of("Amt", "1.5"), Map.of()))).isEqualTo("MPG01015");
        assertThat(statusOn(payByCard(orderNo, 100, Map.of(), Map.of(SandboxCard.FIELD, "not-a-card"))))
                .isEqualTo("MPG02005");

        assertThat(query(orderNo, "100").status()).isEqualTo("TRA10021");
        assertThat(hubOrderResponse("shop", orderNo).statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- QueryTradeInfo

    @Test
    void paidWithoutNotifyTheTradeIsOnlyKnownToQueryTradeInfoWhichSignsItsAnswer() throws Exception {
        String orderNo = newOrderNo("LOST");
        String tradeNo = gateway.payWithoutNotify(shop.merchantId(), orderNo, new BigDecimal("855"));

        NewebPayPayload answer = query(orderNo, "855");

        assertThat(answer.status()).isEqualTo("SUCCESS");
        assertThat(answer.message()).isEqualTo("查詢成功");
        shop.checkCodes().verifyQueryResponse(answer);
        assertThat(answer.field("TradeNo")).isEqualTo(tradeNo).matches("\\d{17}");
        assertThat(answer.field("Amt")).isEqualTo("855");
        assertThat(answer.field("TradeStatus")).isEqualTo("1");
        assertThat(answer.field("CloseStatus")).isEqualTo("0");
        assertThat(answer.field("BackStatus")).isEqualTo("0");
        assertThat(answer.field("PaymentType")).isEqualTo("CREDIT");
        assertThat(answer.field("Card6No")).isEqualTo("400022");
        assertThat(answer.field("Card4No")).isEqualTo("1111");
        assertThat(answer.field("Auth")).matches("\\d{6}");
        assertThat(answer.field("FundTime")).isEqualTo("0000-00-00");
        assertThat(answer.field("PayTime")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(mappedStatus(answer)).isEqualTo(PaymentStatus.AUTHORIZED);
        // no notify was posted: the hub has not heard of the order
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> hubOrderResponse("shop", orderNo).statusCode() == 404);

        // RespondType=String: the flat form the parser also reads
        Map<String, String> asString = queryForm(orderNo, "855");
        asString.put("RespondType", "String");
        NewebPayPayload flat = NewebPayPayloadParser.parse(http.postForm(BASE + "/API/QueryTradeInfo", asString).body());
        assertThat(flat.field("TradeStatus")).isEqualTo("1");
        shop.checkCodes().verifyQueryResponse(flat);
    }

    @Test
    void queryTradeInfoRefusesWrongCheckValuesUnknownOrdersAndWrongAmounts() throws Exception {
        String orderNo = newOrderNo("QRY");
        gateway.payWithoutNotify(shop.merchantId(), orderNo, new BigDecimal("400"));

        Map<String, String> forged = queryForm(orderNo, "400");
        forged.put("CheckValue", "A".repeat(64));
        NewebPayPayload wrongCheckValue = NewebPayPayloadParser.parse(
                http.postForm(BASE + "/API/QueryTradeInfo", forged).body());
        assertThat(wrongCheckValue.status()).isEqualTo("TRA10054");
        assertThat(wrongCheckValue.result()).isEmpty();

        NewebPayPayload unknown = query(newOrderNo("NONE"), "400");
        assertThat(unknown.status()).isEqualTo("TRA10021");
        assertThat(unknown.message()).isEqualTo("查無此筆交易");
        assertThat(unknown.result()).isEmpty();

        assertThat(query(orderNo, "401").status()).isEqualTo("TRA10050");

        Map<String, String> oldVersion = queryForm(orderNo, "400");
        oldVersion.put("Version", "1.1");
        assertThat(NewebPayPayloadParser.parse(http.postForm(BASE + "/API/QueryTradeInfo", oldVersion).body()).status())
                .isEqualTo("TRA10001");
    }

    @Test
    void paySilentlyControlEndpointRecordsATradeWithoutNotify() throws Exception {
        String orderNo = newOrderNo("SIL");
        Map<String, String> form = Map.of("merchantId", shop.merchantId(), "orderNo", orderNo, "amt", "640");

        HttpResponse<String> paid = http.postForm(BASE + "/control/pay-silently", form);

        assertThat(paid.statusCode()).isEqualTo(200);
        JsonNode answer = CanonicalJson.mapper().readTree(paid.body());
        assertThat(answer.path("tradeNo").asText()).matches("\\d{17}");
        assertThat(query(orderNo, "640").field("TradeNo")).isEqualTo(answer.path("tradeNo").asText());
        assertThat(http.postForm(BASE + "/control/pay-silently", form).statusCode()).isEqualTo(409);
        assertThat(http.postForm(BASE + "/control/pay-silently",
                Map.of("merchantId", recurring.merchantId(), "orderNo", orderNo, "amt", "640")).statusCode()).isEqualTo(404);
        assertThat(http.postForm(BASE + "/control/pay-silently",
                Map.of("merchantId", shop.merchantId(), "orderNo", orderNo)).statusCode()).isEqualTo(400);
        assertThat(http.get(BASE + "/control/pay-silently").statusCode()).isEqualTo(405);
        assertThat(http.post(BASE + "/API/QueryTradeInfo", "application/json", "{\"MerchantID\":\"x\"}").statusCode())
                .as("the gateway takes forms only").isEqualTo(415);
    }

    // ---------------------------------------------------------------- CreditCard/Cancel and Close

    @Test
    void cancelAuthorisationOnlyForTheWholeAmountOfAnUncapturedTrade() throws Exception {
        String orderNo = newOrderNo("CAN");
        String tradeNo = gateway.payWithoutNotify(shop.merchantId(), orderNo, new BigDecimal("500"));

        assertThat(cancel(byOrderNo(orderNo, 400)).status()).isEqualTo("TRA10050");

        Map<String, Object> byTradeNo = new LinkedHashMap<>();
        byTradeNo.put("Amt", 500);
        byTradeNo.put("TradeNo", tradeNo);
        byTradeNo.put("IndexType", 2);
        NewebPayPayload cancelled = cancel(byTradeNo);
        assertThat(cancelled.status()).isEqualTo("SUCCESS");
        assertThat(cancelled.message()).isEqualTo("放棄授權成功");
        assertThat(cancelled.field("MerchantOrderNo")).isEqualTo(orderNo);
        shop.checkCodes().verifyQueryResponse(cancelled);

        NewebPayPayload afterwards = query(orderNo, "500");
        assertThat(afterwards.field("TradeStatus")).isEqualTo("3");
        assertThat(mappedStatus(afterwards)).isEqualTo(PaymentStatus.VOIDED);
        assertThat(cancel(byOrderNo(orderNo, 500)).status()).isEqualTo("TRA10040");
        assertThat(close(byOrderNo(orderNo, 500), 1, false).status()).isEqualTo("TRA10040");
        assertThat(cancel(byOrderNo(newOrderNo("NONE"), 500)).status()).isEqualTo("TRA10021");
    }

    @Test
    void captureAndRefundFollowTheGatewaysRules() throws Exception {
        String orderNo = newOrderNo("CLS");
        gateway.payWithoutNotify(shop.merchantId(), orderNo, new BigDecimal("1000"));
        // authorised, not captured: BackBalance is the authorised amount, as in the manual's genuine answer
        NewebPayPayload authorised = query(orderNo, "1000");
        assertThat(authorised.field("CloseStatus")).isEqualTo("0");
        assertThat(authorised.field("BackBalance")).isEqualTo("1000");
        assertThat(mappedStatus(authorised)).isEqualTo(PaymentStatus.AUTHORIZED);

        assertThat(close(byOrderNo(orderNo, 100), 2, false).status()).as("refund before capture").isEqualTo("TRA10040");
        assertThat(close(byOrderNo(orderNo, 1200), 1, false).status()).as("capture over authorised").isEqualTo("TRA10028");

        // capture, then withdraw it while it waits: the trade is back to authorised
        NewebPayPayload captured = close(byOrderNo(orderNo, 1000), 1, false);
        assertThat(captured.status()).isEqualTo("SUCCESS");
        assertThat(captured.field("Amt")).isEqualTo("1000");
        assertThat(close(byOrderNo(orderNo, 1000), 1, false).status()).as("second capture").isEqualTo("TRA10040");
        assertThat(cancel(byOrderNo(orderNo, 1000)).status()).as("cancel after capture").isEqualTo("TRA10040");
        assertThat(close(byOrderNo(orderNo, 1000), 1, true).status()).isEqualTo("SUCCESS");
        assertThat(query(orderNo, "1000").field("CloseStatus")).isEqualTo("0");

        assertThat(close(byOrderNo(orderNo, 800), 1, false).status()).isEqualTo("SUCCESS");
        NewebPayPayload waiting = query(orderNo, "1000");
        assertThat(waiting.field("CloseStatus")).isEqualTo("1");
        assertThat(waiting.field("CloseAmt")).isEqualTo("800");
        assertThat(mappedStatus(waiting)).isEqualTo(PaymentStatus.CAPTURE_REQUESTED);
        NewebPayPayload done = query(orderNo, "1000");
        assertThat(done.field("CloseStatus")).isEqualTo("3");
        assertThat(done.field("BackBalance")).isEqualTo("800");
        assertThat(done.field("FundTime")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(mappedStatus(done)).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(close(byOrderNo(orderNo, 800), 1, true).status()).as("withdraw a done capture").isEqualTo("TRA10040");

        assertThat(close(byOrderNo(orderNo, 900), 2, false).status()).as("refund over BackBalance").isEqualTo("TRA10036");
        assertThat(close(byOrderNo(orderNo, 300), 2, false).status()).isEqualTo("SUCCESS");
        assertThat(close(byOrderNo(orderNo, 100), 2, false).status()).as("second refund while waiting").isEqualTo("TRA10040");
        assertThat(close(byOrderNo(orderNo, 200), 2, true).status()).as("withdraw another amount").isEqualTo("TRA10050");
        assertThat(close(byOrderNo(orderNo, 300), 2, true).status()).isEqualTo("SUCCESS");
        NewebPayPayload withdrawn = query(orderNo, "1000");
        assertThat(withdrawn.field("BackStatus")).isEqualTo("0");
        assertThat(withdrawn.field("BackBalance")).isEqualTo("800");

        assertThat(close(byOrderNo(orderNo, 300), 2, false).status()).isEqualTo("SUCCESS");
        NewebPayPayload refundWaiting = query(orderNo, "1000");
        assertThat(refundWaiting.field("BackStatus")).isEqualTo("1");
        assertThat(refundWaiting.field("BackBalance")).isEqualTo("500");
        assertThat(mappedStatus(refundWaiting)).isEqualTo(PaymentStatus.REFUND_REQUESTED);
        assertThat(mappedStatus(query(orderNo, "1000"))).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

        assertThat(close(byOrderNo(orderNo, 500), 2, false).status()).isEqualTo("SUCCESS");
        query(orderNo, "1000");
        NewebPayPayload refunded = query(orderNo, "1000");
        assertThat(refunded.field("TradeStatus")).isEqualTo("6");
        assertThat(refunded.field("BackStatus")).isEqualTo("3");
        assertThat(refunded.field("BackBalance")).isEqualTo("0");
        assertThat(mappedStatus(refunded)).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void backEndRequestsMustBeEncryptedWithTheMerchantsKeysAndUseTheDocumentedVersion() throws Exception {
        String orderNo = newOrderNo("KEY");
        gateway.payWithoutNotify(shop.merchantId(), orderNo, new BigDecimal("100"));
        Map<String, Object> fields = closeFields(byOrderNo(orderNo, 100), 1, false);

        Map<String, String> otherKeys = Map.of("MerchantID_", shop.merchantId(), "PostData_", recurring.codec().encrypt(fields));
        assertThat(NewebPayPayloadParser.parse(http.postForm(BASE + "/API/CreditCard/Close", otherKeys).body()).status())
                .isEqualTo("TRA10002");

        fields.put("Version", "1.0");
        assertThat(backEnd("/API/CreditCard/Close", fields).status()).isEqualTo("TRA10001");
        assertThat(query(orderNo, "100").field("CloseStatus")).isEqualTo("0");
    }

    // ---------------------------------------------------------------- NDNP recurring

    @Test
    void mandateAndItsPeriodChargesReachTheHub() throws Exception {
        String merOrderNo = newOrderNo("SUB");

        HttpResponse<String> page = createMandate(merOrderNo, 199, 3);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(statusOn(page)).isEqualTo("SUCCESS");
        String period = hidden(page, "Period");
        assertPaddedTo32(period);
        NewebPayPayload mandate = recurring.codec().decode(period);
        assertThat(mandate.message()).isEqualTo("委託單成立，且首次授權成功");
        assertThat(mandate.field("MerchantOrderNo")).isEqualTo(merOrderNo);
        assertThat(mandate.field("PeriodNo")).matches("P\\d{12}[A-Za-z]{6}");
        assertThat(mandate.field("CardNo")).isEqualTo("400022******1111");
        assertThat(mandate.field("AuthTimes")).isEqualTo("3");
        assertThat(mandate.field("DateArray").split(",")).hasSize(3);
        String periodNo = mandate.field("PeriodNo");
        await().atMost(HUB_WAIT).until(() -> "CAPTURED".equals(hubStatus("shop-recurring", merOrderNo)));

        JsonNode second = charge(periodNo, false);
        assertThat(second.path("orderNo").asText()).isEqualTo(merOrderNo + "_2");
        assertThat(second.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(second.path("notifyStatus").asInt()).isEqualTo(200);
        await().atMost(HUB_WAIT).until(() -> "CAPTURED".equals(hubStatus("shop-recurring", merOrderNo + "_2")));
        JsonNode secondOrder = hubOrder("shop-recurring", merOrderNo + "_2");
        assertThat(secondOrder.path("order").path("amount").path("value").asText()).isEqualTo("199.00");
        assertThat(secondOrder.path("journal").get(0).path("event").path("data").path("recurring")
                .path("mandateId").asText()).isEqualTo(periodNo);

        JsonNode third = charge(periodNo, true);
        assertThat(third.path("status").asText()).isEqualTo("TRA10035");
        assertThat(third.path("nextAuthDate").asText()).isEmpty();
        await().atMost(HUB_WAIT).until(() -> "FAILED".equals(hubStatus("shop-recurring", merOrderNo + "_3")));
        assertThat(hubOrder("shop-recurring", merOrderNo + "_3").path("journal").get(0).path("event").path("data")
                .path("providerMessage").asText()).isEqualTo("卡片過期");

        // three of three periods charged: the mandate is finished
        assertThat(chargeResponse(periodNo, false).statusCode()).isEqualTo(409);
        assertThat(createMandate(merOrderNo, 199, 3).body()).contains("PER10004");
    }

    @Test
    void mandateCreationFollowsTheCardRulesAndRefusesBadSchedules() throws Exception {
        String declined = newOrderNo("SUBD");
        HttpResponse<String> page = postMandate(mandateFields(declined, 199, "12", Map.of()),
                Map.of(SandboxCard.FIELD, SandboxCard.DECLINED_NUMBER));
        assertThat(statusOn(page)).isEqualTo("CRE10003");
        await().atMost(HUB_WAIT).until(() -> "FAILED".equals(hubStatus("shop-recurring", declined)));

        // with start type 3 the card is not authorised at all, so the amount rule does not apply
        String noAuthorisation = newOrderNo("SUB3");
        NewebPayPayload created = recurring.codec().decode(hidden(
                postMandate(mandateFields(noAuthorisation, 13, "NE", Map.of("PeriodStartType", "3")), Map.of()), "Period"));
        assertThat(created.status()).isEqualTo("SUCCESS");
        assertThat(created.message()).isEqualTo("委託單成立");
        assertThat(created.field("AuthTimes")).isEqualTo("NE");
        assertThat(created.field("TradeNo")).as("start type 3 authorises nothing: no trade fields").isNull();
        assertThat(created.field("AuthTime")).isNull();

        Map<String, String> noEighthWeekday = Map.of("PeriodType", "W", "PeriodPoint", "8");
        assertThat(statusOn(postMandate(mandateFields(newOrderNo("SUBX"), 199, "12", noEighthWeekday), Map.of())))
                .isEqualTo("PER10003");
        assertThat(statusOn(postMandate(mandateFields(newOrderNo("SUBX"), 199, "12", Map.of("Version", "1.0")), Map.of())))
                .as("NDNP-1.0.6 §5: Version 參數錯誤").isEqualTo("PER10066");
        Map<String, String> foreignKeys = Map.of("MerchantID_", recurring.merchantId(),
                "PostData_", shop.codec().encrypt(mandateFields(newOrderNo("SUBX"), 199, "12", Map.of())));
        assertThat(statusOn(http.postForm(BASE + "/MPG/period", foreignKeys))).isEqualTo("PER10002");
    }

    @Test
    void alterStatusAndAmountFollowTheGatewaysRules() throws Exception {
        String merOrderNo = newOrderNo("ALT");
        String periodNo = recurring.codec().decode(hidden(createMandate(merOrderNo, 199, 12), "Period")).field("PeriodNo");

        NewebPayPayload suspended = alter("/MPG/period/AlterStatus", alterStatusFields(merOrderNo, periodNo, "suspend"));
        assertThat(suspended.status()).isEqualTo("SUCCESS");
        assertThat(suspended.field("AlterType")).isEqualTo("suspend");
        assertThat(suspended.field("PeriodNo")).isEqualTo(periodNo);
        assertThat(chargeResponse(periodNo, false).statusCode()).as("a suspended mandate does not charge").isEqualTo(409);
        assertThat(alter("/MPG/period/AlterStatus", alterStatusFields(merOrderNo, periodNo, "suspend")).status())
                .as("suspended twice").isEqualTo("PER10061");
        Map<String, Object> whileSuspended = alterBase(merOrderNo, periodNo, "1.2");
        whileSuspended.put("AlterAmt", 249);
        assertThat(alter("/MPG/period/AlterAmt", whileSuspended).status()).as("NDNP §3: no AlterAmt while suspended")
                .isEqualTo("PER10071");

        NewebPayPayload restarted = alter("/MPG/period/AlterStatus", alterStatusFields(merOrderNo, periodNo, "restart"));
        assertThat(restarted.status()).isEqualTo("SUCCESS");
        assertThat(restarted.field("NewNextTime")).matches("\\d{4}-\\d{2}-\\d{2}");

        Map<String, Object> newAmount = alterBase(merOrderNo, periodNo, "1.2");
        newAmount.put("AlterAmt", 299);
        NewebPayPayload altered = alter("/MPG/period/AlterAmt", newAmount);
        assertThat(altered.status()).isEqualTo("SUCCESS");
        assertThat(altered.field("AlterAmt")).isEqualTo("299");
        assertThat(altered.field("NewNextTime")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(charge(periodNo, false).path("orderNo").asText()).isEqualTo(merOrderNo + "_2");
        await().atMost(HUB_WAIT).until(() -> "CAPTURED".equals(hubStatus("shop-recurring", merOrderNo + "_2")));
        assertThat(hubOrder("shop-recurring", merOrderNo + "_2").path("order").path("amount").path("value").asText())
                .isEqualTo("299.00");

        Map<String, Object> tooFewTimes = alterBase(merOrderNo, periodNo, "1.2");
        tooFewTimes.put("PeriodTimes", 2);
        assertThat(alter("/MPG/period/AlterAmt", tooFewTimes).status()).isEqualTo("PER10068");

        assertThat(alter("/MPG/period/AlterStatus", alterStatusFields(merOrderNo, periodNo, "terminate")).status())
                .isEqualTo("SUCCESS");
        NewebPayPayload restartTerminated = alter("/MPG/period/AlterStatus",
                alterStatusFields(merOrderNo, periodNo, "restart"));
        assertThat(restartTerminated.status()).isEqualTo("PER10064");
        assertThat(restartTerminated.message()).contains("終止");
        assertThat(chargeResponse(periodNo, false).statusCode()).isEqualTo(409);

        assertThat(alter("/MPG/period/AlterStatus", alterStatusFields("OTHER_ORDER", periodNo, "suspend")).status())
                .as("NDNP-1.0.6 §5: 查無委託單資料").isEqualTo("PER10067");
        assertThat(alter("/MPG/period/AlterStatus", alterStatusFields(merOrderNo, periodNo, "pause")).status())
                .isEqualTo("PER10003");
    }

    // ---------------------------------------------------------------- the manuals' own examples

    /**
     * Each answer the manuals show a genuine example of comes from the simulator with the example's fields, in its
     * order and with its JSON types (a number where the example has a number, a string or null where it has one).
     */
    @Test
    void answersHaveTheFieldNamesAndJsonTypesOfTheManualsExamples() throws Exception {
        String merOrderNo = newOrderNo("EXM");
        String period = hidden(createMandate(merOrderNo, 10, 12), "Period");
        assertShapedLike("ndnp-mandate-created-start-type-2", recurring.codec().decryptText(period));
        String periodNo = recurring.codec().decode(period).field("PeriodNo");

        // AlterAmt before the suspension: a suspended mandate cannot be altered (NDNP §3, PER10071)
        Map<String, Object> newAmount = alterBase(merOrderNo, periodNo, "1.2");
        newAmount.put("AlterAmt", 15);
        assertShapedLike("ndnp-alter-amount", alterAnswer("/MPG/period/AlterAmt", newAmount));
        assertShapedLike("ndnp-alter-status-suspend",
                alterAnswer("/MPG/period/AlterStatus", alterStatusFields(merOrderNo, periodNo, "suspend")));

        String orderNo = newOrderNo("EXQ");
        payByCard(orderNo, 30, Map.of(), Map.of());
        HttpResponse<String> queried = http.postForm(BASE + "/API/QueryTradeInfo", queryForm(orderNo, "30"));
        assertShapedLike("ndnf-query-trade-info-answer", queried.body());
    }

    private void assertShapedLike(String exampleId, String simulated) throws Exception {
        JsonNode example = ManualExamples.example(exampleId);
        String genuine = example.has("answer") ? example.path("answer").asText()
                : new SandboxCodec(MerchantHashKeys.of(ManualExamples.HASH_KEY, ManualExamples.HASH_IV))
                        .decryptText(example.path("cipher").asText());
        JsonNode expected = CanonicalJson.mapper().readTree(genuine);
        JsonNode actual = CanonicalJson.mapper().readTree(simulated);
        assertThat(shape(actual)).as(exampleId).containsExactlyElementsOf(shape(expected));
        assertThat(shape(actual.path("Result"))).as(exampleId + " Result")
                .containsExactlyElementsOf(shape(expected.path("Result")));
    }

    /** Each field's name and JSON type, in order. */
    private static java.util.List<String> shape(JsonNode object) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        object.fields().forEachRemaining(field -> fields.add(field.getKey() + ":" + field.getValue().getNodeType()));
        return fields;
    }

    /** The decrypted text of an NDNP API answer ({"period": hex} or {"Period": hex}). */
    private String alterAnswer(String path, Map<String, Object> fields) throws Exception {
        HttpResponse<String> response = http.postForm(BASE + path,
                Map.of("MerchantID_", recurring.merchantId(), "PostData_", recurring.codec().encrypt(fields)));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = CanonicalJson.mapper().readTree(response.body());
        return recurring.codec().decryptText((path.endsWith("AlterAmt") ? answer.path("Period") : answer.path("period"))
                .asText());
    }

    // ---------------------------------------------------------------- requests as the hub builds them

    private static String newOrderNo(String prefix) {
        return prefix + "_" + Long.toString(System.currentTimeMillis(), 36) + "_" + ORDERS.incrementAndGet();
    }

    private String hubUrl(String path) {
        return "http://localhost:" + port + path;
    }

    private Map<String, Object> mpgFields(NewebPayMerchant merchant, String orderNo, int amount, Map<String, String> extra) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("MerchantID", merchant.merchantId());
        fields.put("RespondType", "JSON");
        fields.put("TimeStamp", Instant.now().getEpochSecond());
        fields.put("Version", "2.0");
        fields.put("MerchantOrderNo", orderNo);
        fields.put("Amt", amount);
        fields.put("ItemDesc", "沙盒測試商品 sandbox item");
        fields.put("Email", "buyer@example.com");
        fields.put("NotifyURL", hubUrl("/callbacks/newebpay/" + merchant.alias() + "/notify"));
        fields.put("ReturnURL", hubUrl("/callbacks/newebpay/" + merchant.alias() + "/return"));
        fields.put("CREDIT", 1);
        fields.putAll(extra);
        return fields;
    }

    /** Pays a form that enables no payment method, the customer choosing {@code payWith} (null: saying nothing). */
    private String paymentTypeWithoutMethodFlag(String payWith) {
        Map<String, Object> noMethod = mpgFields(shop, newOrderNo("NOM"), 300, Map.of());
        noMethod.remove("CREDIT");
        Map<String, String> form = mpgForm(shop, noMethod);
        if (payWith != null) {
            form.put(SandboxPaymentChoice.FIELD, payWith);
        }
        HttpResponse<String> page = http.postForm(BASE + "/MPG/mpg_gateway", form);
        assertThat(statusOn(page)).isEqualTo("SUCCESS");
        return shop.codec().verifyAndDecode(hidden(page, "TradeInfo"), hidden(page, "TradeSha")).field("PaymentType");
    }

    private static Map<String, String> mpgForm(NewebPayMerchant merchant, Map<String, Object> fields) {
        SealedTradeInfo sealed = merchant.codec().seal(fields);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MerchantID", merchant.merchantId());
        form.put("TradeInfo", sealed.tradeInfo());
        form.put("TradeSha", sealed.tradeSha());
        form.put("Version", "2.0");
        return form;
    }

    /** Posts the MPG form as the customer's browser would; {@code outer} adds plain form fields (SandboxCardNo). */
    private HttpResponse<String> payByCard(String orderNo, int amount, Map<String, String> tradeInfoFields,
                                           Map<String, String> outer) {
        Map<String, String> form = mpgForm(shop, mpgFields(shop, orderNo, amount, tradeInfoFields));
        form.putAll(outer);
        return http.postForm(BASE + "/MPG/mpg_gateway", form);
    }

    private Map<String, String> queryForm(String orderNo, String amount) {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Amt", amount);
        signed.put("MerchantID", shop.merchantId());
        signed.put("MerchantOrderNo", orderNo);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MerchantID", shop.merchantId());
        form.put("Version", "1.3");
        form.put("RespondType", "JSON");
        form.put("CheckValue", shop.checkCodes().checkValue(signed));
        form.put("TimeStamp", String.valueOf(Instant.now().getEpochSecond()));
        form.put("MerchantOrderNo", orderNo);
        form.put("Amt", amount);
        return form;
    }

    private NewebPayPayload query(String orderNo, String amount) {
        HttpResponse<String> response = http.postForm(BASE + "/API/QueryTradeInfo", queryForm(orderNo, amount));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return NewebPayPayloadParser.parse(response.body());
    }

    private static Map<String, Object> byOrderNo(String orderNo, int amount) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Amt", amount);
        fields.put("MerchantOrderNo", orderNo);
        fields.put("IndexType", 1);
        return fields;
    }

    private NewebPayPayload cancel(Map<String, Object> trade) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RespondType", "JSON");
        fields.put("Version", "1.0");
        fields.put("TimeStamp", Instant.now().getEpochSecond());
        fields.putAll(trade);
        return backEnd("/API/CreditCard/Cancel", fields);
    }

    private static Map<String, Object> closeFields(Map<String, Object> trade, int closeType, boolean withdraw) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RespondType", "JSON");
        fields.put("Version", "1.1");
        fields.put("TimeStamp", Instant.now().getEpochSecond());
        fields.putAll(trade);
        fields.put("CloseType", closeType);
        if (withdraw) {
            fields.put("Cancel", 1);
        }
        return fields;
    }

    private NewebPayPayload close(Map<String, Object> trade, int closeType, boolean withdraw) {
        return backEnd("/API/CreditCard/Close", closeFields(trade, closeType, withdraw));
    }

    private NewebPayPayload backEnd(String path, Map<String, Object> fields) {
        HttpResponse<String> response = http.postForm(BASE + path,
                Map.of("MerchantID_", shop.merchantId(), "PostData_", shop.codec().encrypt(fields)));
        assertThat(response.statusCode()).isEqualTo(200);
        return NewebPayPayloadParser.parse(response.body());
    }

    private Map<String, Object> mandateFields(String merOrderNo, int amount, String times, Map<String, String> extra) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RespondType", "JSON");
        fields.put("TimeStamp", Instant.now().getEpochSecond());
        fields.put("Version", "1.5");
        fields.put("LangType", "zh-Tw");
        fields.put("MerOrderNo", merOrderNo);
        fields.put("ProdDesc", "月費會員 monthly plan");
        fields.put("PeriodAmt", amount);
        fields.put("PeriodType", "M");
        fields.put("PeriodPoint", "05");
        fields.put("PeriodStartType", 2);
        fields.put("PeriodTimes", times);
        fields.put("PayerEmail", "member@example.com");
        fields.put("NotifyURL", hubUrl("/callbacks/newebpay/shop-recurring/period-notify"));
        fields.put("ReturnURL", hubUrl("/callbacks/newebpay/shop-recurring/return"));
        fields.putAll(extra);
        return fields;
    }

    private HttpResponse<String> postMandate(Map<String, Object> fields, Map<String, String> outer) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MerchantID_", recurring.merchantId());
        form.put("PostData_", recurring.codec().encrypt(fields));
        form.putAll(outer);
        return http.postForm(BASE + "/MPG/period", form);
    }

    private HttpResponse<String> createMandate(String merOrderNo, int amount, int times) {
        return postMandate(mandateFields(merOrderNo, amount, String.valueOf(times), Map.of()), Map.of());
    }

    private HttpResponse<String> chargeResponse(String periodNo, boolean fail) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("merchantId", recurring.merchantId());
        form.put("periodNo", periodNo);
        if (fail) {
            form.put("fail", "true");
        }
        return http.postForm(BASE + "/control/period-charge", form);
    }

    private JsonNode charge(String periodNo, boolean fail) throws Exception {
        HttpResponse<String> response = chargeResponse(periodNo, fail);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CanonicalJson.mapper().readTree(response.body());
    }

    private static Map<String, Object> alterBase(String merOrderNo, String periodNo, String version) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RespondType", "JSON");
        fields.put("Version", version);
        fields.put("TimeStamp", Instant.now().getEpochSecond());
        fields.put("MerOrderNo", merOrderNo);
        fields.put("PeriodNo", periodNo);
        return fields;
    }

    private static Map<String, Object> alterStatusFields(String merOrderNo, String periodNo, String alterType) {
        Map<String, Object> fields = alterBase(merOrderNo, periodNo, "1.0");
        fields.put("AlterType", alterType);
        return fields;
    }

    /**
     * Posts an NDNP API request; the answer is {"period": hex} (AlterStatus) or {"Period": hex} (AlterAmt), as in the
     * manual, padded to 32 bytes, decoded as the hub decodes it.
     */
    private NewebPayPayload alter(String path, Map<String, Object> fields) throws Exception {
        HttpResponse<String> response = http.postForm(BASE + path,
                Map.of("MerchantID_", recurring.merchantId(), "PostData_", recurring.codec().encrypt(fields)));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = CanonicalJson.mapper().readTree(response.body());
        String period = (path.endsWith("AlterAmt") ? answer.path("Period") : answer.path("period")).asText();
        assertPaddedTo32(period);
        return recurring.codec().decode(period);
    }

    /** Decrypts without removing padding: a whole number of 32-byte units, ending in 1..32 bytes of the pad length. */
    private void assertPaddedTo32(String hex) throws Exception {
        byte[] ciphertext = HexCodec.decode(hex);
        assertThat(ciphertext.length % 32).as("ciphertext length %d", ciphertext.length).isZero();
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(recurringHashKey.getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(recurringHashIv.getBytes(StandardCharsets.UTF_8)));
        byte[] padded = aes.doFinal(ciphertext);
        int pad = padded[padded.length - 1];
        assertThat(pad).isBetween(1, 32);
        for (int i = padded.length - pad; i < padded.length; i++) {
            assertThat(padded[i]).isEqualTo((byte) pad);
        }
    }

    // ---------------------------------------------------------------- reading answers

    private static String statusOn(HttpResponse<String> page) {
        Matcher status = Pattern.compile("<span id='status'>([^<]*)</span>").matcher(page.body());
        assertThat(status.find()).as("status on page %s", page.body()).isTrue();
        return status.group(1);
    }

    private static String hidden(HttpResponse<String> page, String name) {
        Matcher value = Pattern.compile("name='" + name + "' value='([^']*)'").matcher(page.body());
        assertThat(value.find()).as("hidden field %s on page", name).isTrue();
        return value.group(1);
    }

    private HttpResponse<String> hubOrderResponse(String merchant, String orderNo) {
        return http.get("/api/v1/payments/newebpay/" + merchant + "/" + orderNo);
    }

    private JsonNode hubOrder(String merchant, String orderNo) throws Exception {
        HttpResponse<String> response = hubOrderResponse(merchant, orderNo);
        assertThat(response.statusCode()).isEqualTo(200);
        return CanonicalJson.mapper().readTree(response.body());
    }

    /** The order's status in the hub's ledger, or null while the hub has not heard of it. */
    private String hubStatus(String merchant, String orderNo) throws Exception {
        HttpResponse<String> response = hubOrderResponse(merchant, orderNo);
        if (response.statusCode() == 404) {
            return null;
        }
        return CanonicalJson.mapper().readTree(response.body()).path("order").path("status").asText();
    }

    private static PaymentStatus mappedStatus(NewebPayPayload query) {
        return NewebPayStatusMapping.ofQuery(query);
    }
}
