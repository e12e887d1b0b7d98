package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.Sha256;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.CanonicalEventSchema;
import tw.twpay.hub.support.ErpInbox;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * Genuine NotifyURL posts of the merchant MS127874575 (the NDNF manual's test merchant) through the hub's real route:
 * the NDNF-1.1.9 manual's own notify (vectors/newebpay-manual-examples.json {@code ndnf-mpg-notify}), and
 * vectors/newebpay.json {@code omnipay-atm-barcode-cvs-samples-CAUTION}: the gateway's payment-code results (取號成功:
 * an ATM account, a CVS code or three barcodes the customer has yet to pay, with ExpireDate and no PayTime) for the
 * merchant MS127874575, through the hub's real NotifyURL route. Their TradeInfo is sent byte for byte; the TradeSha
 * printed beside them does not verify (the vector says so) and is refused, the one computed as the manual says
 * (outside the hub's codec) is accepted. A code handed out is not money received: the order stays PENDING until the
 * notify of the payment itself (PayTime) comes.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class NewebPayGenuineNotifyTest {

    static final String MERCHANT_ID = "MS127874575";
    static final String HASH_KEY = "Fs5cX1TGqYM2PpdbE14a9H83YQSQF5jn";
    static final String HASH_IV = "C6AcmfqJILwgnhIP";
    static final String NOTIFY = "/callbacks/newebpay/ndnf-manual/notify";

    @DynamicPropertySource
    static void vectorMerchant(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.newebpay.merchants.ndnf-manual.merchant-id", () -> MERCHANT_ID);
        registry.add("twpay.providers.newebpay.merchants.ndnf-manual.hash-key", () -> HASH_KEY);
        registry.add("twpay.providers.newebpay.merchants.ndnf-manual.hash-iv", () -> HASH_IV);
        registry.add("twpay.providers.newebpay.merchants.ndnf-manual.kind", () -> "NDNF");
        registry.add("twpay.providers.newebpay.merchants.ndnf-manual.environment", () -> "sandbox");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SandboxErpInbox inbox;
    @Autowired
    NewebPayMerchants merchants;

    HubHttp http;
    LedgerRows rows;
    CapturedOutput output;

    @BeforeEach
    void setUp(CapturedOutput captured) {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        output = captured;
    }

    static List<JsonNode> samples() throws Exception {
        try (InputStream in = NewebPayGenuineNotifyTest.class.getResourceAsStream("/vectors/newebpay.json")) {
            for (JsonNode vector : CanonicalJson.mapper().readTree(in).path("vectors")) {
                if (vector.path("id").asText().equals("omnipay-atm-barcode-cvs-samples-CAUTION")) {
                    assertThat(vector.path("inputs").path("HashKey").asText()).isEqualTo(HASH_KEY);
                    assertThat(vector.path("inputs").path("HashIV").asText()).isEqualTo(HASH_IV);
                    List<JsonNode> samples = new ArrayList<>();
                    vector.path("expected").path("samples").forEach(samples::add);
                    return samples;
                }
            }
        }
        throw new AssertionError("no payment-code samples in vectors/newebpay.json");
    }

    /** TradeSha as the manual defines it, computed here rather than by the hub's codec. */
    static String tradeSha(String tradeInfo) {
        return HexCodec.encodeUpper(Sha256.digest(("HashKey=" + HASH_KEY + "&" + tradeInfo + "&HashIV=" + HASH_IV)
                .getBytes(StandardCharsets.US_ASCII)));
    }

    static Map<String, String> notify(String tradeInfo, String tradeSha) {
        return NewebPayCallbackForms.notifyForm(MERCHANT_ID, tradeInfo, tradeSha);
    }

    void created(String orderNo, String method) {
        HttpResponse<String> created = http.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"ndnf-manual","orderNo":"%s",
                 "amount":{"value":"1000","currency":"TWD"},"description":"test","methods":["%s"]}"""
                .formatted(orderNo, method));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    /**
     * NDNF-1.1.9 §4.1.3 Step 5: the NotifyURL post the gateway sends for the manual's card payment, every field
     * verbatim (TradeInfo in RespondType=String form text, TradeSha as printed). It authorises the order the hub
     * created, with what §4.1.4's decryption shows; sent again it is the same fact; one altered TradeSha character is
     * the uniform refusal.
     */
    @Test
    void theManualsOwnNotifyAuthorisesTheOrder() throws Exception {
        JsonNode example = ManualExamples.example("ndnf-mpg-notify");
        JsonNode expect = example.path("expect");
        String orderNo = expect.path("MerchantOrderNo").asText();
        assertThat(example.path("merchant").path("HashKey").asText()).isEqualTo(HASH_KEY);
        HttpResponse<String> created = http.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"ndnf-manual","orderNo":"%s",
                 "amount":{"value":"%s","currency":"TWD"},"description":"test"}"""
                .formatted(orderNo, expect.path("Amt").asText()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Map<String, String> form = new java.util.LinkedHashMap<>();
        example.path("form").fields().forEachRemaining(field -> form.put(field.getKey(), field.getValue().asText()));
        assertThat(tradeSha(form.get("TradeInfo"))).as("TradeSha as printed verifies").isEqualTo(form.get("TradeSha"));

        HttpResponse<String> response = http.postForm(NOTIFY, form);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("SUCCESS");
        assertThat(rows.orderStatus(orderNo)).isEqualTo(expect.path("status").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, orderNo).size() == 2);
        JsonNode event = ErpInbox.eventsAbout(inbox, orderNo).get(1);
        CanonicalEventSchema.assertValid(event);
        JsonNode data = event.path("data");
        assertThat(data.path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(data.path("merchantId").asText()).isEqualTo(MERCHANT_ID);
        assertThat(data.path("providerTradeId").asText()).isEqualTo(expect.path("TradeNo").asText());
        assertThat(data.path("amount").path("value").asText()).isEqualTo("30.00");
        assertThat(data.path("amount").path("currency").asText()).isEqualTo("TWD");
        assertThat(data.path("authCode").asText()).isEqualTo("115468");
        assertThat(data.path("card").path("bin6").asText()).isEqualTo("400022");
        assertThat(data.path("card").path("last4").asText()).isEqualTo("1111");
        assertThat(data.path("card").path("expiry").asText()).isEqualTo("2026-09");
        assertThat(data.path("occurredAt").asText()).isEqualTo("2023-09-27T14:21:59+08:00");
        assertThat(data.path("source").asText()).isEqualTo("CALLBACK");
        assertThat(data.path("flags")).isEmpty();

        assertThat(http.postForm(NOTIFY, form).statusCode()).isEqualTo(200);
        assertThat(rows.journal(orderNo)).as("the order and one notify, sent twice").isEqualTo(2);

        String sha = form.get("TradeSha");
        Map<String, String> altered = new java.util.LinkedHashMap<>(form);
        altered.put("TradeSha", sha.substring(0, 63) + (sha.charAt(63) == 'A' ? 'B' : 'A'));
        CallbackRefusal.assertUniformRefusal(http.postForm(NOTIFY, altered), output, "TradeSha mismatch");
        assertThat(rows.journal(orderNo)).isEqualTo(2);
    }

    @Test
    void aPaymentCodeHandedOutIsNotMoneyReceived() throws Exception {
        List<JsonNode> samples = samples();
        assertThat(samples).hasSize(6);
        // the three flat (RespondType=String) samples: ATM account, barcodes, CVS code, orders test017..test019
        String[][] flat = {{"test017", "VACC"}, {"test018", "BARCODE"}, {"test019", "CVS"}};
        for (int i = 0; i < flat.length; i++) {
            JsonNode sample = samples.get(2 * i);
            String orderNo = flat[i][0];
            assertThat(sample.path("decrypted").asText()).contains("MerchantOrderNo=" + orderNo)
                    .contains("PaymentType=" + flat[i][1]).contains("ExpireDate=").doesNotContain("PayTime");
            created(orderNo, flat[i][1]);
            String tradeInfo = sample.path("TradeInfo").asText();

            // the TradeSha printed with the sample is refused like any forgery
            CallbackRefusal.assertUniformRefusal(http.postForm(NOTIFY,
                    notify(tradeInfo, sample.path("TradeSha_in_test_DOES_NOT_VERIFY").asText())), output,
                    "TradeSha mismatch");

            HttpResponse<String> response = http.postForm(NOTIFY, notify(tradeInfo, tradeSha(tradeInfo)));

            assertThat(response.statusCode()).as("%s: %s", orderNo, response.body()).isEqualTo(200);
            assertThat(rows.orderStatus(orderNo)).as("%s after its payment code was handed out", orderNo)
                    .isEqualTo("PENDING");
            assertThat(rows.journal(orderNo)).as("%s: the order and the code handed out", orderNo).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> !ErpInbox.eventsAbout(inbox, orderNo).isEmpty());
            assertThat(ErpInbox.eventsAbout(inbox, orderNo)).as(orderNo)
                    .allSatisfy(event -> assertThat(event.path("data").path("status").asText()).isEqualTo("PENDING"));
        }

        // the notify of the payment itself (PayTime) is what moves the money
        NewebPayMerchant merchant = merchants.require("ndnf-manual");
        String paid = """
                {"Status":"SUCCESS","Message":"付款成功","Result":{"MerchantID":"%s","Amt":1000,\
                "TradeNo":"23111319210763315","MerchantOrderNo":"test017","PaymentType":"VACC","RespondType":"JSON",\
                "PayTime":"2023-11-14 10:00:00","IP":"203.0.113.9","EscrowBank":"HNCB","PayBankCode":"004",\
                "PayerAccount5Code":"12345"}}""".formatted(MERCHANT_ID);
        assertThat(http.postForm(NOTIFY, NewebPayCallbackForms.notify(merchant, paid)).statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("test017")).isEqualTo("CAPTURED");
    }

    @Test
    void theSamplesNestedUnderResultOfAnotherMerchantMoveNoMoney() throws Exception {
        List<JsonNode> samples = samples();
        for (int i = 1; i < samples.size(); i += 2) {
            JsonNode sample = samples.get(i);
            String decrypted = sample.path("decrypted").asText();
            assertThat(decrypted).contains("Result%5BMerchantID%5D=MS350766787");
            String orderNo = decrypted.replaceAll(".*Result%5BMerchantOrderNo%5D=([^&]+).*", "$1");
            String tradeInfo = sample.path("TradeInfo").asText();

            HttpResponse<String> response = http.postForm(NOTIFY, notify(tradeInfo, tradeSha(tradeInfo)));

            assertThat(response.statusCode()).as("%s: %s", orderNo, response.body()).isIn(200, 400);
            if (rows.orders(orderNo) > 0) {
                assertThat(rows.orderStatus(orderNo)).as(orderNo).isEqualTo("PENDING");
            }
        }
    }
}
