package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.sandbox.newebpay.SandboxMerchants;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * A card number an ERP writes into free text (the description), with any separator, is masked before it reaches
 * the gateway's form, the ledger, the log or the ERP's events.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class FreeTextCardNumberTest {

    @LocalServerPort
    int port;
    @Autowired
    NewebPayMerchants merchants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SandboxMerchants sandboxMerchants;

    @Test
    void aCardNumberInTheDescriptionIsMaskedEverywhere(CapturedOutput output) throws Exception {
        HubHttp http = new HubHttp(port);
        NewebPayMerchant shop = merchants.require("shop");
        String[] written = {"4000 2211 1111 1112", "4000-2211-1111-1112", "4000.2211.1111.1112", "4000_2211_1111_1112"};
        for (int i = 0; i < written.length; i++) {
            String orderNo = "MASK_" + i;
            HttpResponse<String> response = http.post("/api/v1/payments", "application/json", """
                    {"provider":"newebpay","merchant":"shop","orderNo":"%s","amount":{"value":"100"},
                     "description":"card %s exp 12/30"}""".formatted(orderNo, written[i]));
            assertThat(response.statusCode()).as(written[i]).isEqualTo(200);
            JsonNode form = CanonicalJson.mapper().readTree(response.body()).path("fields");
            Map<String, String> tradeInfo = NewebPayFormEncoding.decode(
                    sandboxMerchants.find(shop.merchantId(), shop.kind()).orElseThrow().codec()
                            .decryptText(form.path("TradeInfo").asText()));
            assertThat(tradeInfo.get("ItemDesc")).as(written[i]).isEqualTo("card 400022******1112 exp 12/30");
        }

        List<String> stored = jdbc.queryForList("select coalesce(cast(raw_payload as varchar(100000)), '') || "
                + "cast(event_json as varchar(100000)) from ledger_journal where subject like 'MASK_%'", String.class);
        assertThat(stored).hasSize(written.length);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/sandbox/erp-inbox").body()
                .contains("MASK_3"));
        String delivered = http.get("/api/v1/sandbox/erp-inbox").body();
        for (String number : written) {
            assertThat(stored).noneMatch(row -> row.contains(number) || row.contains("4000221111111112"));
            assertThat(delivered).doesNotContain(number).doesNotContain("4000221111111112");
            assertThat(output.getAll()).doesNotContain(number).doesNotContain("4000221111111112");
        }
    }

    /** A number followed by its expiry (another digit group one space on) was judged as one stretch and missed. */
    @Test
    void aCardNumberFollowedByItsExpiryIsMaskedInTheHistoryAndTheErpEvent(CapturedOutput output) throws Exception {
        HubHttp http = new HubHttp(port);
        String orderNo = "EXPIRY_AFTER_" + System.nanoTime() % 1_000_000;
        HttpResponse<String> response = http.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"%s","amount":{"value":"100"},
                 "description":"paid by 4111111111111111 12/30"}""".formatted(orderNo));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("4111111111111111");

        HttpResponse<String> history = http.get("/api/v1/payments/newebpay/shop/" + orderNo);
        assertThat(history.statusCode()).isEqualTo(200);
        List<String> messages = CanonicalJson.mapper().readTree(history.body()).path("journal").findValuesAsText(
                "providerMessage");
        assertThat(messages).contains("paid by 411111******1111 12/30");
        assertThat(history.body()).doesNotContain("4111111111111111");

        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/sandbox/erp-inbox").body()
                .contains(orderNo));
        String delivered = http.get("/api/v1/sandbox/erp-inbox").body();
        assertThat(delivered).contains("paid by 411111******1111 12/30").doesNotContain("4111111111111111");
        assertThat(output.getAll()).doesNotContain("4111111111111111");
    }
}
