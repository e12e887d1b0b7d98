package tw.twpay.hub.sandbox.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.provider.newebpay.NewebPayFormEncoding;
import tw.twpay.hub.provider.newebpay.NewebPayMerchant;
import tw.twpay.hub.provider.newebpay.NewebPayMerchants;
import tw.twpay.hub.provider.newebpay.NewebPayPayload;
import tw.twpay.hub.support.ChildHub;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * The manuals' own genuine requests ({@code vectors/newebpay.json}: {@code ndnf-manual-mpg-request},
 * {@code ndnp-manual-period-create-request}) posted verbatim to the simulator, their merchants configured as sandbox
 * merchants with the manuals' keys: the simulator must take what the gateway's own documents send. Their NotifyURLs
 * point at webhook.site; the simulator's post there is caught (not sent), and its form is then fed to the hub's own
 * callback routes, as the gateway would have delivered it to a hub listening at that address.
 */
@HubTest
class NewebPayManualRequestsSandboxTest {

    private static final String BASE = "/sandbox/newebpay";
    private static final Duration HUB_WAIT = Duration.ofSeconds(10);
    private static final int PORT = ChildHub.freePort();
    private static final JsonNode MPG_REQUEST = vector("ndnf-manual-mpg-request");
    private static final JsonNode PERIOD_REQUEST = vector("ndnp-manual-period-create-request");

    /** The manuals' merchants as sandbox merchants; the hub confirms period notifies at the simulator's port. */
    @DynamicPropertySource
    static void theManualsMerchantsAreSandboxMerchants(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("twpay.public-base-url", () -> "http://localhost:" + PORT);
        sandboxMerchant(registry, "manual-mpg", "NDNF", MPG_REQUEST.path("inputs").path("MerchantID").asText(),
                MPG_REQUEST);
        sandboxMerchant(registry, "manual-period", "NDNP", PERIOD_REQUEST.path("inputs").path("MerchantID_").asText(),
                PERIOD_REQUEST);
    }

    @LocalServerPort
    int port;
    @Autowired
    NewebPayMerchants merchants;
    /** Catches the simulator's posts to the manuals' webhook.site NotifyURLs; other posts go out as usual. */
    @MockitoSpyBean
    SimulatedCallbackSender callbacks;

    HubHttp http;
    SandboxErp erp;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        erp = new SandboxErp(http, port);
    }

    @Test
    void theNdnfManualsMpgRequestWithoutAPaymentMethodFlagAndRespondTypeStringIsPaidAndNotifiedAsString()
            throws Exception {
        Map<String, String> request = fieldsWithItsNotifyCaught(MPG_REQUEST);
        URI notifyUrl = URI.create(request.get("NotifyURL"));
        NewebPayMerchant merchant = merchants.require("manual-mpg");

        HttpResponse<String> page = http.postForm(BASE + "/MPG/mpg_gateway", Map.of(
                "MerchantID", merchant.merchantId(),
                "TradeInfo", MPG_REQUEST.path("expected").path("TradeInfo").asText(),
                "TradeSha", MPG_REQUEST.path("expected").path("TradeSha").asText(),
                "Version", request.get("Version")));

        // the payment page: the customer chose among the merchant's methods, and paid by card
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(spanOn(page, "status")).as(page.body()).isEqualTo("SUCCESS");
        assertThat(page.body()).contains("<dt>MerchantOrderNo</dt><dd>" + request.get("MerchantOrderNo") + "</dd>")
                .contains("<dt>Amt</dt><dd>" + request.get("Amt") + "</dd>");

        // RespondType=String: the notify's TradeInfo is the flat form text, not JSON
        Map<String, String> notify = notifyPostedTo(notifyUrl);
        assertThat(notify.get("Status")).isEqualTo("SUCCESS");
        assertThat(notify.get("MerchantID")).isEqualTo(merchant.merchantId());
        String plain = merchant.codec().decryptText(notify.get("TradeInfo"));
        assertThat(plain).startsWith("Status=SUCCESS&Message=").doesNotContain("{");
        Map<String, String> result = NewebPayFormEncoding.decode(plain);
        assertThat(result).containsEntry("MerchantID", merchant.merchantId())
                .containsEntry("MerchantOrderNo", request.get("MerchantOrderNo"))
                .containsEntry("Amt", request.get("Amt"))
                .containsEntry("RespondType", "String")
                .containsEntry("PaymentType", "CREDIT");
        assertThat(result.get("TradeNo")).matches("\\d{17}");

        // the hub takes the String notify as it takes the JSON one
        NewebPayPayload decoded = merchant.codec().verifyAndDecode(notify.get("TradeInfo"), notify.get("TradeSha"));
        assertThat(decoded.field("TradeNo")).isEqualTo(result.get("TradeNo"));
        assertThat(http.postForm("/callbacks/newebpay/manual-mpg/notify", notify).statusCode()).isEqualTo(200);
        String orderNo = request.get("MerchantOrderNo");
        await().atMost(HUB_WAIT).until(() -> "AUTHORIZED".equals(erp.status("manual-mpg", orderNo)));
        assertThat(erp.order("manual-mpg", orderNo).path("order").path("providerTradeId").asText())
                .isEqualTo(result.get("TradeNo"));
    }

    @Test
    void theNdnpManualsPeriodRequestMakesAMandateWhoseNotifyTheHubTakes() throws Exception {
        Map<String, String> request = fieldsWithItsNotifyCaught(PERIOD_REQUEST);
        URI notifyUrl = URI.create(request.get("NotifyURL"));
        NewebPayMerchant merchant = merchants.require("manual-period");

        HttpResponse<String> page = http.postForm(BASE + "/MPG/period", Map.of(
                "MerchantID_", merchant.merchantId(),
                "PostData_", PERIOD_REQUEST.path("expected").path("PostData_").asText()));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(spanOn(page, "status")).as(page.body()).isEqualTo("SUCCESS");
        Map<String, String> notify = notifyPostedTo(notifyUrl);
        NewebPayPayload mandate = merchant.codec().decode(notify.get("Period"));
        assertThat(mandate.status()).isEqualTo("SUCCESS");
        assertThat(mandate.field("MerchantOrderNo")).isEqualTo(request.get("MerOrderNo"));
        assertThat(mandate.field("PeriodAmt")).isEqualTo(request.get("PeriodAmt"));
        assertThat(mandate.field("AuthTimes")).isEqualTo(request.get("PeriodTimes"));
        assertThat(mandate.field("DateArray").split(",")).hasSize(Integer.parseInt(request.get("PeriodTimes")));
        String periodNo = mandate.field("PeriodNo");
        assertThat(periodNo).matches("P\\d{12}[A-Za-z]{6}");
        assertThat(page.body()).contains("<dt>PeriodNo</dt><dd>" + periodNo + "</dd>");

        // the mandate exists at the gateway: its next period can be charged
        HttpResponse<String> second = http.postForm(BASE + "/control/period-charge",
                Map.of("merchantId", merchant.merchantId(), "periodNo", periodNo));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(CanonicalJson.mapper().readTree(second.body()).path("orderNo").asText())
                .isEqualTo(request.get("MerOrderNo") + "_2");

        // the hub confirms the first charge's unsigned notify by QueryTradeInfo and stores it
        assertThat(http.postForm("/callbacks/newebpay/manual-period/period-notify", notify).statusCode()).isEqualTo(200);
        String merOrderNo = request.get("MerOrderNo");
        await().atMost(HUB_WAIT).until(() -> "CAPTURED".equals(erp.status("manual-period", merOrderNo)));
    }

    // ---------------------------------------------------------------- helpers

    private static void sandboxMerchant(DynamicPropertyRegistry registry, String alias, String kind, String merchantId,
                                        JsonNode vector) {
        String prefix = "twpay.providers.newebpay.merchants." + alias + ".";
        registry.add(prefix + "merchant-id", () -> merchantId);
        registry.add(prefix + "hash-key", () -> vector.path("inputs").path("HashKey").asText());
        registry.add(prefix + "hash-iv", () -> vector.path("inputs").path("HashIV").asText());
        registry.add(prefix + "kind", () -> kind);
        registry.add(prefix + "environment", () -> "sandbox");
    }

    /** The vector's request fields; the simulator's posts to its NotifyURL are caught and answered 200. */
    private Map<String, String> fieldsWithItsNotifyCaught(JsonNode vector) {
        Map<String, String> fields = NewebPayFormEncoding.decode(vector.path("inputs").path("plaintext").asText());
        doReturn(200).when(callbacks).post(eq(URI.create(fields.get("NotifyURL"))), anyMap(), anyString());
        return fields;
    }

    /** The one form the simulator posted to {@code url}. */
    private Map<String, String> notifyPostedTo(URI url) {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, String>> form = ArgumentCaptor.forClass(Map.class);
        verify(callbacks).post(eq(url), form.capture(), argThat(what -> what.contains("notify")));
        return form.getValue();
    }

    private static JsonNode vector(String id) {
        try (InputStream in = NewebPayManualRequestsSandboxTest.class.getResourceAsStream("/vectors/newebpay.json")) {
            for (JsonNode vector : CanonicalJson.mapper().readTree(in).path("vectors")) {
                if (vector.path("id").asText().equals(id)) {
                    return vector;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no vector " + id);
    }

    private static String spanOn(HttpResponse<String> page, String id) {
        Matcher span = Pattern.compile("<span id='" + id + "'>([^<]*)</span>").matcher(page.body());
        assertThat(span.find()).as("%s on page %s", id, page.body()).isTrue();
        return span.group(1);
    }
}
