package tw.twpay.hub.provider.newebpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.sandbox.newebpay.SandboxCodec;
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.CanonicalEventSchema;
import tw.twpay.hub.support.ErpInbox;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * The {@code Period} notify carries no hash: it is stored only as QueryTradeInfo confirms it. The merchant is the
 * NDNP manual's test merchant, so its own encrypted example is the genuine notify; the gateway is WireMock.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class NewebPayPeriodConfirmationTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String PATH = "/callbacks/newebpay/tek/period-notify";
    static final String MANDATE = "ndnp-mandate-created-start-type-2";

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void manualMerchant(DynamicPropertyRegistry registry) {
        PeriodGatewayAnswers.manualMerchant(registry, gateway.port());
        JsonNode ndnf = ManualExamples.example("ndnf-query-trade-info-answer").path("merchant");
        registry.add("twpay.providers.newebpay.merchants.ndnf-manual.merchant-id", () -> ndnf.path("MerchantID").asText());
        registry.add("twpay.providers.newebpay.merchants.ndnf-manual.hash-key", () -> ndnf.path("HashKey").asText());
        registry.add("twpay.providers.newebpay.merchants.ndnf-manual.hash-iv", () -> ndnf.path("HashIV").asText());
        registry.add("twpay.providers.newebpay.merchants.ndnf-manual.kind", () -> "NDNF");
        registry.add("twpay.providers.newebpay.merchants.ndnf-manual.environment", () -> "sandbox");
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
    SandboxErpInbox inbox;

    HubHttp http;
    LedgerRows rows;
    CapturedOutput output;
    final MerchantHashKeys keys = MerchantHashKeys.of(ManualExamples.HASH_KEY, ManualExamples.HASH_IV);
    final SandboxCodec gatewayCodec = new SandboxCodec(keys);
    final NewebPayCheckCodes checkCodes = new NewebPayCheckCodes(keys);

    @BeforeEach
    void setUp(CapturedOutput captured) {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        output = captured;
        gateway.resetAll();
    }

    @Test
    void theManualsMandateResultIsConfirmedAndBecomesAMandateAndItsFirstCharge() throws Exception {
        String orderNo = ManualExamples.expected(MANDATE, "MerchantOrderNo");
        String tradeNo = ManualExamples.expected(MANDATE, "TradeNo");
        gatewayKnows(orderNo, 10, tradeNo, "1");

        HttpResponse<String> response = http.postForm(PATH, Map.of("Period", ManualExamples.cipher(MANDATE)));

        assertThat(response.statusCode()).isEqualTo(200);
        gateway.verify(postRequestedFor(urlEqualTo("/API/QueryTradeInfo"))
                .withRequestBody(containing("MerchantOrderNo=" + orderNo)).withRequestBody(containing("Amt=10")));
        assertThat(rows.orderStatus(orderNo)).isEqualTo("CAPTURED");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, orderNo).size() == 2);
        JsonNode created = eventOfType(orderNo, "tw.twpay.mandate.v1");
        CanonicalEventSchema.assertValid(created);
        assertThat(created.path("data").path("change").asText()).isEqualTo("CREATED");
        assertThat(created.path("data").path("mandateId").asText()).isEqualTo(ManualExamples.expected(MANDATE, "PeriodNo"));
        assertThat(created.path("data").path("periodAmount").path("value").asText()).isEqualTo("10.00");
        assertThat(created.path("data").path("nextChargeDate").asText()).isEqualTo("2023-12-05");
        JsonNode charged = eventOfType(orderNo, "tw.twpay.payment.v1");
        CanonicalEventSchema.assertValid(charged);
        assertThat(charged.path("data").path("status").asText()).isEqualTo("CAPTURED");
        assertThat(charged.path("data").path("providerTradeId").asText()).isEqualTo(tradeNo);
        // AuthTime "20231115153213" is yyyyMMddHHmmss, Taipei time
        assertThat(charged.path("data").path("occurredAt").asText()).isEqualTo("2023-11-15T15:32:13+08:00");
        // the first period charged at once is charge 1 of the mandate (the next notify's AlreadyTimes is 2)
        JsonNode recurring = charged.path("data").path("recurring");
        assertThat(recurring.path("mandateId").asText()).isEqualTo(ManualExamples.expected(MANDATE, "PeriodNo"));
        assertThat(recurring.path("mandateOrderNo").asText()).isEqualTo(orderNo);
        assertThat(recurring.path("chargeNumber").asInt()).isEqualTo(1);
        assertThat(recurring.path("nextChargeDate").asText()).isEqualTo("2023-12-05");
    }

    @Test
    void aForgedPeriodWithGoodPaddingIsNeverStoredWhenTheGatewayKnowsNoSuchTrade() {
        // what a padding oracle yields: a Period that decrypts with the merchant's keys
        String forged = chargeJson("FORGED-1", "FORGED-1_2", "26112200009999", 9999, "SUCCESS");
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).willReturn(aResponse().withStatus(200)
                .withBody("{\"Status\":\"TRA10021\",\"Message\":\"查無此筆交易\",\"Result\":[]}")));

        HttpResponse<String> response = http.postForm(PATH, Map.of("Period", gatewayCodec.encryptTextPaddedTo32(forged)));

        CallbackRefusal.assertUniformRefusal(response, output, "TRA10021");
        assertThat(rows.journal("FORGED-1_2")).isZero();
        assertThat(rows.orders("FORGED-1_2")).isZero();
        assertThat(ErpInbox.eventsAbout(inbox, "FORGED-1_2")).isEmpty();
    }

    @Test
    void aChargeTheGatewayReportsWithAnotherAmountTradeNoOrStateIsNotStored() {
        gatewayKnows("DIS-1_2", 9999, "26112200000001", "1");
        gatewayKnows("DIS-2_2", 199, "26112200000999", "1");
        gatewayKnows("DIS-3_2", 199, "26112200000003", "2");

        HttpResponse<String> amount = http.postForm(PATH, period(chargeJson("DIS-1", "DIS-1_2", "26112200000001", 199, "SUCCESS")));
        HttpResponse<String> tradeNo = http.postForm(PATH, period(chargeJson("DIS-2", "DIS-2_2", "26112200000002", 199, "SUCCESS")));
        HttpResponse<String> state = http.postForm(PATH, period(chargeJson("DIS-3", "DIS-3_2", "26112200000003", 199, "SUCCESS")));

        CallbackRefusal.assertUniformRefusal(amount, output, "another amount");
        CallbackRefusal.assertUniformRefusal(tradeNo, output, "another TradeNo");
        CallbackRefusal.assertUniformRefusal(state, output, "TradeStatus 2");
        assertThat(rows.journal("DIS-1_2") + rows.journal("DIS-2_2") + rows.journal("DIS-3_2")).isZero();
    }

    @Test
    void aQueryAnswerWithABadCheckCodeOrNoAnswerAtAllStoresNothing() {
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MerchantOrderNo=BAD-1_2"))
                .willReturn(aResponse().withStatus(200).withBody(queryAnswer("BAD-1_2", 199, "26112200000011", "1")
                        .replace("\"CheckCode\":\"", "\"CheckCode\":\"0"))));
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MerchantOrderNo=DOWN-1_2"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MerchantOrderNo=FIVE-1_2"))
                .willReturn(aResponse().withStatus(503)));

        HttpResponse<String> badCheckCode = http.postForm(PATH, period(chargeJson("BAD-1", "BAD-1_2", "26112200000011", 199, "SUCCESS")));
        HttpResponse<String> unreachable = http.postForm(PATH, period(chargeJson("DOWN-1", "DOWN-1_2", "26112200000012", 199, "SUCCESS")));
        HttpResponse<String> serverError = http.postForm(PATH, period(chargeJson("FIVE-1", "FIVE-1_2", "26112200000013", 199, "SUCCESS")));

        CallbackRefusal.assertUniformRefusal(badCheckCode, output, "failed verification");
        assertThat(unreachable.statusCode()).isEqualTo(400);
        assertThat(unreachable.body()).isEqualTo(badCheckCode.body());
        assertThat(serverError.body()).isEqualTo(badCheckCode.body());
        assertThat(rows.journal("BAD-1_2") + rows.journal("DOWN-1_2") + rows.journal("FIVE-1_2")).isZero();
    }

    @Test
    void confirmedChargesAreStoredIncludingFailuresWithTheirMandate() throws Exception {
        gatewayKnows("SUB-1_2", 199, "26122200000002", "1");
        gatewayKnows("SUB-1_3", 199, "27012200000003", "2");
        String failed = """
                {"Status":"TRA10035","Message":"卡片過期","Result":{"MerchantID":"%s","MerchantOrderNo":"SUB-1",\
                "OrderNo":"SUB-1_3","TradeNo":"27012200000003","PeriodNo":"P261122100000aBcDeF","TotalTimes":12,\
                "AlreadyTimes":3,"AuthAmt":199,"AuthDate":"2027-01-22 03:00:01","RespondCode":"54"}}"""
                .formatted(ManualExamples.MERCHANT_ID);

        assertThat(http.postForm(PATH, period(chargeJson("SUB-1", "SUB-1_2", "26122200000002", 199, "SUCCESS")))
                .statusCode()).isEqualTo(200);
        assertThat(postMultipart(PATH, "Period", gatewayCodec.encryptTextPaddedTo32(failed)).statusCode()).isEqualTo(200);

        assertThat(rows.orderStatus("SUB-1_2")).isEqualTo("CAPTURED");
        assertThat(rows.orderStatus("SUB-1_3")).isEqualTo("FAILED");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "SUB-1_3").size() == 1);
        JsonNode failure = ErpInbox.eventsAbout(inbox, "SUB-1_3").get(0);
        CanonicalEventSchema.assertValid(failure);
        assertThat(failure.path("data").path("providerMessage").asText()).isEqualTo("卡片過期");
        assertThat(failure.path("data").path("recurring").path("chargeNumber").asInt()).isEqualTo(3);
        assertThat(failure.path("data").path("occurredAt").asText()).isEqualTo("2027-01-22T03:00:01+08:00");
        JsonNode second = ErpInbox.eventsAbout(inbox, "SUB-1_2").get(0);
        assertThat(second.path("data").path("recurring").path("nextChargeDate").asText()).isEqualTo("2027-01-22");
    }

    @Test
    void aMandateAfterTheTenDollarCheckIsAMandateNotAPayment() throws Exception {
        String created = """
                {"Status":"SUCCESS","Message":"委託單成立","Result":{"MerchantID":"%s","MerchantOrderNo":"SUB-LATER",\
                "PeriodType":"M","AuthTimes":6,"DateArray":"2026-12-05,2027-01-05","PeriodAmt":99,\
                "TradeNo":"26112210000001","AuthCode":"230297","RespondCode":"00","AuthTime":"20261122100000",\
                "CardNo":"400022******1111","PeriodNo":"P261122100000zZzZzZ"}}""".formatted(ManualExamples.MERCHANT_ID);
        gatewayKnows("SUB-LATER", 10, "26112210000001", "3");

        assertThat(http.postForm(PATH, period(created)).statusCode()).isEqualTo(200);

        gateway.verify(postRequestedFor(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("Amt=10")));
        assertThat(rows.orders("SUB-LATER")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "SUB-LATER").size() == 1);
        JsonNode mandate = ErpInbox.eventsAbout(inbox, "SUB-LATER").get(0);
        assertThat(mandate.path("type").asText()).isEqualTo("tw.twpay.mandate.v1");
        assertThat(mandate.path("data").path("change").asText()).isEqualTo("CREATED");
        assertThat(mandate.path("data").path("nextChargeDate").asText()).isEqualTo("2026-12-05");
        assertThat(mandate.path("data").path("periodAmount").path("value").asText()).isEqualTo("99.00");
    }

    @Test
    void aMandateWithoutAnyTradeIsStoredOnlyForAMandateTheHubAskedFor() {
        String unknown = """
                {"Status":"SUCCESS","Message":"委託單成立","Result":{"MerchantID":"%s","MerchantOrderNo":"SUB-NOBODY",\
                "PeriodType":"M","AuthTimes":6,"DateArray":"2026-12-05,2027-01-05","PeriodAmt":99,\
                "PeriodNo":"P261122100000nOnOnO"}}""".formatted(ManualExamples.MERCHANT_ID);

        HttpResponse<String> response = http.postForm(PATH, period(unknown));

        CallbackRefusal.assertUniformRefusal(response, output, "cannot be confirmed");
        assertThat(rows.journal("SUB-NOBODY")).isZero();
        gateway.verify(0, postRequestedFor(urlEqualTo("/API/QueryTradeInfo")));
    }

    private Map<String, String> period(String json) {
        return Map.of("Period", gatewayCodec.encryptTextPaddedTo32(json));
    }

    private static String chargeJson(String mandateOrder, String orderNo, String tradeNo, int amount, String status) {
        return PeriodGatewayAnswers.chargeJson(mandateOrder, orderNo, tradeNo, amount, status);
    }

    private void gatewayKnows(String orderNo, int amount, String tradeNo, String tradeStatus) {
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MerchantOrderNo=" + orderNo + "&"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(queryAnswer(orderNo, amount, tradeNo, tradeStatus))));
    }

    private String queryAnswer(String orderNo, int amount, String tradeNo, String tradeStatus) {
        return PeriodGatewayAnswers.queryAnswer(checkCodes, orderNo, amount, tradeNo, tradeStatus);
    }

    private JsonNode eventOfType(String subject, String type) {
        List<JsonNode> events = ErpInbox.eventsAbout(inbox, subject);
        return events.stream().filter(event -> event.path("type").asText().equals(type)).findFirst().orElseThrow();
    }

    private HttpResponse<String> postMultipart(String path, String field, String value) {
        String boundary = "newebpay-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value
                + "\r\n--" + boundary + "--\r\n";
        return http.post(path, "multipart/form-data; boundary=" + boundary, body);
    }

    @Test
    void aChargeOfAMandateTheHubCreatedIsNotAnUnknownOrder() throws Exception {
        HttpResponse<String> created = http.post("/api/v1/subscriptions", "application/json", """
                {"provider":"newebpay","merchant":"tek","orderNo":"KNOWN1","amount":{"value":"199","currency":"TWD"},
                 "description":"monthly plan","email":"member@example.com",
                 "period":{"type":"M","point":"05","startType":2,"times":12}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        gatewayKnows("KNOWN1_2", 199, "26122200000042", "1");
        gatewayKnows("STRANGER_2", 199, "26122200000043", "1");

        assertThat(http.postForm(PATH, period(chargeJson("KNOWN1", "KNOWN1_2", "26122200000042", 199, "SUCCESS")))
                .statusCode()).isEqualTo(200);
        assertThat(http.postForm(PATH, period(chargeJson("STRANGER", "STRANGER_2", "26122200000043", 199, "SUCCESS")))
                .statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "STRANGER_2").size() == 1
                && ErpInbox.eventsAbout(inbox, "KNOWN1_2").size() == 1);
        JsonNode known = ErpInbox.eventsAbout(inbox, "KNOWN1_2").get(0);
        CanonicalEventSchema.assertValid(known);
        assertThat(known.path("data").path("flags")).isEmpty();
        assertThat(known.path("data").path("recurring").path("mandateOrderNo").asText()).isEqualTo("KNOWN1");
        assertThat(ErpInbox.eventsAbout(inbox, "STRANGER_2").get(0).path("data").path("flags").toString())
                .contains("UNKNOWN_ORDER");
    }

    @Test
    void aPeriodChargeOfAnotherAmountThanTheMandateInForceIsFlagged() throws Exception {
        HttpResponse<String> created = http.post("/api/v1/subscriptions", "application/json", """
                {"provider":"newebpay","merchant":"tek","orderNo":"AMT1","amount":{"value":"199","currency":"TWD"},
                 "description":"monthly plan","email":"member@example.com",
                 "period":{"type":"M","point":"05","startType":2,"times":12}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        // charged 1 for a mandate of 199 (the gateway confirms the 1: the notify is genuine, the amount is not the
        // mandate's), and 199 as asked
        chargeConfirmed("AMT1_2", "26122200000052", 1, "2026-12-05 03:00:01");
        chargeConfirmed("AMT1_3", "26122200000053", 199, "2026-12-06 03:00:01");

        // AlterAmt to 299, confirmed now: from then on 299 is the mandate's amount, before it 199 still was
        alterAnswers("/MPG/period/AlterAmt", "{\"Period\":\"" + gatewayCodec.encryptTextPaddedTo32("""
                {"Status":"SUCCESS","Message":"委託單修改成功","Result":{"MerOrderNo":"AMT1","PeriodNo":"P261122amt001",\
                "AlterAmt":"299","PeriodType":null,"PeriodPoint":null,"NewNextAmt":"299","NewNextTime":"2099-01-05",\
                "PeriodTimes":12,"ExtDay":"2912","NotifyURL":"-"}}""") + "\"}");
        assertThat(http.post("/api/v1/subscriptions/newebpay/tek/AMT1/amend", "application/json",
                "{\"mandateId\":\"P261122amt001\",\"amount\":{\"value\":\"299\"}}").statusCode()).isEqualTo(200);
        chargeConfirmed("AMT1_4", "26122200000054", 299, "2099-01-05 03:00:01");
        chargeConfirmed("AMT1_5", "26122200000055", 199, "2099-02-05 03:00:01");
        // a charge made before the change, whose notify comes only now
        chargeConfirmed("AMT1_6", "26122200000056", 199, "2026-01-05 03:00:01");

        await().atMost(Duration.ofSeconds(10)).until(() -> List.of("AMT1_2", "AMT1_3", "AMT1_4", "AMT1_5", "AMT1_6")
                .stream().allMatch(order -> ErpInbox.eventsAbout(inbox, order).size() == 1));
        for (String flagged : List.of("AMT1_2", "AMT1_5")) {
            JsonNode charge = ErpInbox.eventsAbout(inbox, flagged).get(0);
            CanonicalEventSchema.assertValid(charge);
            assertThat(charge.path("data").path("flags").toString()).as(flagged).contains("AMOUNT_MISMATCH");
            assertThat(charge.path("data").path("recurring").path("mandateOrderNo").asText()).isEqualTo("AMT1");
        }
        assertThat(ErpInbox.eventsAbout(inbox, "AMT1_2").get(0).path("data").path("amount").path("value").asText())
                .isEqualTo("1.00");
        for (String expected : List.of("AMT1_3", "AMT1_4", "AMT1_6")) {
            assertThat(ErpInbox.eventsAbout(inbox, expected).get(0).path("data").path("flags")).as(expected).isEmpty();
        }
    }

    /** A period charge's notify the gateway's query confirms, posted and accepted. */
    private void chargeConfirmed(String orderNo, String tradeNo, int amount, String authDate) {
        gatewayKnows(orderNo, amount, tradeNo, "1");
        String mandateOrder = orderNo.substring(0, orderNo.lastIndexOf('_'));
        HttpResponse<String> response = http.postForm(PATH, period(PeriodGatewayAnswers.chargeJson(mandateOrder,
                orderNo, tradeNo, amount, "SUCCESS", authDate)));
        assertThat(response.statusCode()).as("%s: %s", orderNo, response.body()).isEqualTo(200);
    }

    @Test
    void theManualsAlterStatusAndAlterAmtAnswersAreAcceptedInEveryShape() throws Exception {
        String orderNo = "myorder1700033460";
        String mandateId = ManualExamples.expected("ndnp-alter-status-suspend", "PeriodNo");
        String suspended = ManualExamples.cipher("ndnp-alter-status-suspend");
        String amended = ManualExamples.cipher("ndnp-alter-amount");
        String path = "/api/v1/subscriptions/newebpay/tek/" + orderNo + "/";

        // JSON {"period": …} (AlterStatus), then form text period=… (RespondType String)
        alterAnswers("/MPG/period/AlterStatus", "{\"period\":\"" + suspended + "\"}");
        HttpResponse<String> json = http.post(path + "suspend", "application/json", "{\"mandateId\":\"" + mandateId + "\"}");
        alterAnswers("/MPG/period/AlterStatus", "period=" + suspended);
        HttpResponse<String> form = http.post(path + "suspend", "application/json", "{\"mandateId\":\"" + mandateId + "\"}");
        // AlterAmt answers {"Period": …}, NewNextTime yyyy-MM-dd
        alterAnswers("/MPG/period/AlterAmt", "{\"Period\":\"" + amended + "\"}");
        HttpResponse<String> amount = http.post(path + "amend", "application/json",
                "{\"mandateId\":\"" + mandateId + "\",\"amount\":{\"value\":\"15\"}}");

        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(CanonicalJson.mapper().readTree(json.body()).path("change").asText()).isEqualTo("SUSPENDED");
        assertThat(amount.statusCode()).as(amount.body()).isEqualTo(200);
        JsonNode changed = CanonicalJson.mapper().readTree(amount.body());
        assertThat(changed.path("change").asText()).isEqualTo("AMOUNT_CHANGED");
        assertThat(changed.path("result").path("NewNextAmt").asText()).isEqualTo("15");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, orderNo).stream()
                .anyMatch(event -> "AMOUNT_CHANGED".equals(event.path("data").path("change").asText())));
        JsonNode event = ErpInbox.eventsAbout(inbox, orderNo).stream()
                .filter(e -> "AMOUNT_CHANGED".equals(e.path("data").path("change").asText())).findFirst().orElseThrow();
        assertThat(event.path("data").path("periodAmount").path("value").asText()).isEqualTo("15.00");
        assertThat(event.path("data").path("nextChargeDate").asText()).isEqualTo("2023-12-05");
    }

    @Test
    void newNextTimeOfEightDigitsAndFormTextRefusalsAreUnderstood() throws Exception {
        String restarted = gatewayCodec.encryptTextPaddedTo32("""
                {"Status":"SUCCESS","Message":"該定期定額委託單啟用成功","Result":{"MerOrderNo":"R1",\
                "PeriodNo":"P231115153213aMDNWZ","AlterType":"restart","NewNextTime":"20231205"}}""");
        alterAnswers("/MPG/period/AlterStatus", "period=" + restarted);
        HttpResponse<String> restart = http.post("/api/v1/subscriptions/newebpay/tek/R1/restart", "application/json",
                "{\"mandateId\":\"P231115153213aMDNWZ\"}");
        alterAnswers("/MPG/period/AlterAmt", "Status=PER10071&Message=%E8%A9%B2%E5%AE%9A%E6%9C%9F%E5%AE%9A%E9%A1%8D");
        HttpResponse<String> refused = http.post("/api/v1/subscriptions/newebpay/tek/R1/amend", "application/json",
                "{\"mandateId\":\"P231115153213aMDNWZ\",\"amount\":{\"value\":\"20\"}}");

        assertThat(restart.statusCode()).as(restart.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "R1").size() == 1);
        assertThat(ErpInbox.eventsAbout(inbox, "R1").get(0).path("data").path("nextChargeDate").asText())
                .isEqualTo("2023-12-05");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("PER10071");
    }

    private void alterAnswers(String path, String body) {
        gateway.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(body)));
    }

    /** Every gateway-produced example of the manuals goes through the hub's real routes and is accepted. */
    @Test
    void everyGenuineExampleOfTheManualsIsAcceptedByTheHub() throws Exception {
        for (JsonNode example : ManualExamples.all()) {
            gateway.resetAll();
            String id = example.path("id").asText();
            JsonNode expect = example.path("expect");
            HttpResponse<String> response = switch (example.path("kind").asText()) {
                case "period-notify" -> {
                    gatewayKnows(expect.path("MerchantOrderNo").asText(), Integer.parseInt(expect.path("PeriodAmt").asText()),
                            expect.path("TradeNo").asText(), "1");
                    yield http.postForm(PATH, Map.of(example.path("field").asText(), example.path("cipher").asText()));
                }
                case "alter-status-answer", "alter-amount-answer" -> {
                    boolean amount = example.path("kind").asText().equals("alter-amount-answer");
                    alterAnswers(amount ? "/MPG/period/AlterAmt" : "/MPG/period/AlterStatus",
                            "{\"" + example.path("field").asText() + "\":\"" + example.path("cipher").asText() + "\"}");
                    yield http.post("/api/v1/subscriptions/newebpay/tek/" + expect.path("MerOrderNo").asText() + "/"
                            + (amount ? "amend" : "suspend"), "application/json", "{\"mandateId\":\""
                            + expect.path("PeriodNo").asText() + "\"" + (amount ? ",\"amount\":{\"value\":\""
                            + expect.path("AlterAmt").asText() + "\"}}" : "}"));
                }
                case "query-answer" -> {
                    String orderNo = expect.path("MerchantOrderNo").asText();
                    HttpResponse<String> created = http.post("/api/v1/payments", "application/json", """
                            {"provider":"newebpay","merchant":"ndnf-manual","orderNo":"%s",
                             "amount":{"value":"%s","currency":"TWD"},"description":"test"}"""
                            .formatted(orderNo, expect.path("Amt").asText()));
                    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
                    gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).willReturn(aResponse().withStatus(200)
                            .withBody(example.path("answer").asText())));
                    HttpResponse<String> queried = http.post("/api/v1/payments/newebpay/ndnf-manual/" + orderNo
                            + "/query", "application/json", "");
                    assertThat(rows.orderStatus(orderNo)).as(id).isEqualTo(expect.path("status").asText());
                    yield queried;
                }
                case "mpg-notify" -> {
                    // the same merchant and order as the query answer above (the manual's one card payment)
                    Map<String, String> form = new java.util.LinkedHashMap<>();
                    example.path("form").fields().forEachRemaining(f -> form.put(f.getKey(), f.getValue().asText()));
                    HttpResponse<String> notified = http.postForm("/callbacks/newebpay/ndnf-manual/notify", form);
                    assertThat(rows.orderStatus(expect.path("MerchantOrderNo").asText())).as(id)
                            .isEqualTo(expect.path("status").asText());
                    yield notified;
                }
                default -> throw new IllegalStateException("no way to feed " + id);
            };
            assertThat(response.statusCode()).as("%s: %s", id, response.body()).isEqualTo(200);
        }
    }
}
