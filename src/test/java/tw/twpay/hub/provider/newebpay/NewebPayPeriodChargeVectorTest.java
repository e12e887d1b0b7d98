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
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.support.CanonicalEventSchema;
import tw.twpay.hub.support.ErpInbox;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * vectors/newebpay.json {@code omnipay-synthetic-period-notify}: a period charge notify (每期授權成功, charge 2 of 12,
 * AuthAmt 100, AuthDate a bare date "2023-12-15", TotalTimes and AlreadyTimes JSON numbers), its {@code Period}
 * ciphertext posted byte for byte to the hub's real period-notify route for the vector's merchant. It is unsigned,
 * so QueryTradeInfo (WireMock) must confirm charge {@code myorder1700033460_2} before it is stored. The vector is
 * marked SYNTHETIC (its author encrypted it), so it proves the hub reads this shape, not that the gateway sends it.
 */
@HubTest
class NewebPayPeriodChargeVectorTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String MERCHANT_ID = "MS127874575";
    static final String PATH = "/callbacks/newebpay/omnipay-period/period-notify";

    static {
        gateway.start();
    }

    static JsonNode vector() throws Exception {
        try (InputStream in = NewebPayPeriodChargeVectorTest.class.getResourceAsStream("/vectors/newebpay.json")) {
            for (JsonNode vector : CanonicalJson.mapper().readTree(in).path("vectors")) {
                if (vector.path("id").asText().equals("omnipay-synthetic-period-notify")) {
                    return vector;
                }
            }
        }
        throw new AssertionError("no omnipay-synthetic-period-notify in vectors/newebpay.json");
    }

    @DynamicPropertySource
    static void vectorMerchant(DynamicPropertyRegistry registry) throws Exception {
        JsonNode inputs = vector().path("inputs");
        registry.add("twpay.providers.newebpay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.newebpay.merchants.omnipay-period.merchant-id", () -> MERCHANT_ID);
        registry.add("twpay.providers.newebpay.merchants.omnipay-period.hash-key", () -> inputs.path("HashKey").asText());
        registry.add("twpay.providers.newebpay.merchants.omnipay-period.hash-iv", () -> inputs.path("HashIV").asText());
        registry.add("twpay.providers.newebpay.merchants.omnipay-period.kind", () -> "NDNP");
        registry.add("twpay.providers.newebpay.merchants.omnipay-period.environment", () -> "sandbox");
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

    /** QueryTradeInfo's answer for the charge, shaped as the NDNF manual's example, with the merchant's CheckCode. */
    static String queryAnswer(JsonNode inputs, String orderNo, int amount, String tradeNo) {
        NewebPayCheckCodes codes = new NewebPayCheckCodes(MerchantHashKeys.of(inputs.path("HashKey").asText(),
                inputs.path("HashIV").asText()));
        Map<String, String> covered = new LinkedHashMap<>();
        covered.put("Amt", Integer.toString(amount));
        covered.put("MerchantID", MERCHANT_ID);
        covered.put("MerchantOrderNo", orderNo);
        covered.put("TradeNo", tradeNo);
        return """
                {"Status":"SUCCESS","Message":"查詢成功","Result":{"MerchantID":"%s","Amt":%d,"TradeNo":"%s",\
                "MerchantOrderNo":"%s","TradeStatus":"1","PaymentType":"CREDIT","CreateTime":"2023-12-15 03:00:01",\
                "PayTime":"2023-12-15 03:00:01","FundTime":"0000-00-00","CheckCode":"%s","RespondCode":"00",\
                "Auth":"230297","ECI":null,"CloseAmt":"%d","CloseStatus":"3","BackBalance":"%d","BackStatus":"0",\
                "RespondMsg":"授權成功","Inst":"0","InstFirst":"0","InstEach":"0","PaymentMethod":"CREDIT",\
                "Card6No":"400022","Card4No":"1111","AuthBank":"KGI"}}""".formatted(MERCHANT_ID, amount, tradeNo,
                orderNo, codes.checkCode(covered), amount, amount);
    }

    @Test
    void theVectorsPeriodChargeIsConfirmedAndStoredAsChargeTwoOfTwelve() throws Exception {
        JsonNode vector = vector();
        JsonNode decrypted = CanonicalJson.mapper().readTree(vector.path("expected").path("decrypted").asText());
        JsonNode result = decrypted.path("Result");
        assertThat(result.path("MerchantID").asText()).isEqualTo(MERCHANT_ID);
        String orderNo = result.path("OrderNo").asText();
        assertThat(orderNo).isEqualTo("myorder1700033460_2");
        assertThat(result.path("AuthAmt").isIntegralNumber()).isTrue();
        assertThat(result.path("AuthDate").asText()).isEqualTo("2023-12-15");
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo"))
                .withRequestBody(containing("MerchantOrderNo=" + orderNo + "&"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(queryAnswer(vector.path("inputs"), orderNo, 100, "23111515321368339"))));

        HttpResponse<String> response = new HubHttp(port).postForm(PATH,
                Map.of(vector.path("inputs").path("post_field").asText(), vector.path("inputs").path("ciphertext_hex").asText()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        gateway.verify(postRequestedFor(urlEqualTo("/API/QueryTradeInfo"))
                .withRequestBody(containing("MerchantOrderNo=" + orderNo)).withRequestBody(containing("Amt=100")));
        assertThat(new LedgerRows(jdbc).orderStatus(orderNo)).isEqualTo("CAPTURED");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, orderNo).size() == 1);
        JsonNode charge = ErpInbox.eventsAbout(inbox, orderNo).get(0);
        CanonicalEventSchema.assertValid(charge);
        JsonNode data = charge.path("data");
        assertThat(data.path("status").asText()).isEqualTo("CAPTURED");
        assertThat(data.path("amount").path("value").asText()).isEqualTo("100.00");
        assertThat(data.path("providerTradeId").asText()).isEqualTo("23111515321368339");
        assertThat(data.path("authCode").asText()).isEqualTo("230297");
        assertThat(data.path("card").path("bin6").asText()).isEqualTo("400022");
        assertThat(data.path("card").path("last4").asText()).isEqualTo("1111");
        assertThat(data.path("occurredAt").asText()).startsWith("2023-12-15T");
        JsonNode recurring = data.path("recurring");
        assertThat(recurring.path("mandateId").asText()).isEqualTo("P231115153213aMDNWZ");
        assertThat(recurring.path("mandateOrderNo").asText()).isEqualTo("myorder1700033460");
        assertThat(recurring.path("chargeNumber").asInt()).isEqualTo(2);
        assertThat(recurring.path("totalCharges").asInt()).isEqualTo(12);
        assertThat(recurring.path("nextChargeDate").asText()).isEqualTo("2024-01-15");
        assertThat(data.path("flags").toString()).contains("UNKNOWN_ORDER");
    }
}
