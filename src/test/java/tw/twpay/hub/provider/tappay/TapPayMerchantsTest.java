package tw.twpay.hub.provider.tappay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.config.InvalidConfigurationException;

/** Merchant configuration is checked at start-up; the message names the key, never the partner key. */
class TapPayMerchantsTest {

    static final String KEY = "partner_SECRETSECRETSECRET" + "0".repeat(38);

    static TapPayProperties.Merchant merchant(String partnerKey, String merchantId, String groupId,
                                             TapPayEnvironment environment, boolean notify, List<String> currencies) {
        return new TapPayProperties.Merchant(partnerKey, merchantId, groupId, environment, notify, currencies);
    }

    static TapPayMerchants merchants(String publicBaseUrl, TapPayProperties.Merchant merchant) {
        return new TapPayMerchants(new TapPayProperties(Map.of("shop", merchant), null, null, Duration.ofMinutes(2),
                Duration.ofDays(3)), true, publicBaseUrl);
    }

    @Test
    void aValidMerchantTalksToItsHost() {
        TapPayMerchant test = merchants("https://hub.example.com",
                merchant(KEY, "M1", null, TapPayEnvironment.TEST, true, null)).require("shop");
        assertThat(test.apiUrl("/tpc/x")).isEqualTo("https://sandbox.tappaysdk.com/tpc/x");
        assertThat(test.currencies()).containsExactly("TWD");
        assertThat(test.toString()).doesNotContain(KEY);
        assertThat(merchants("http://localhost:8080", merchant(KEY, null, "G1", TapPayEnvironment.PRODUCTION, false,
                List.of("usd", "TWD"))).require("shop"))
                .satisfies(m -> {
                    assertThat(m.apiBaseUrl()).isEqualTo("https://prod.tappaysdk.com");
                    assertThat(m.portalId()).isEqualTo("G1");
                    assertThat(m.currencies()).containsExactlyInAnyOrder("USD", "TWD");
                });
        assertThat(merchants("http://localhost:8080", merchant(KEY, "M1", null, TapPayEnvironment.SANDBOX, true,
                null)).require("shop").apiBaseUrl()).isEqualTo("http://localhost:8080/sandbox/tappay");
    }

    @Test
    void problemsNameTheKeyButNeverThePartnerKey() {
        assertRefused(merchant(null, "M1", null, TapPayEnvironment.TEST, false, null), "shop.partner-key");
        assertRefused(merchant("bad key!", "M1", null, TapPayEnvironment.TEST, false, null), "shop.partner-key");
        assertRefused(merchant(KEY, "M1", "G1", TapPayEnvironment.TEST, false, null), "shop.merchant-id");
        assertRefused(merchant(KEY, null, null, TapPayEnvironment.TEST, false, null), "shop.merchant-id");
        assertRefused(merchant(KEY, "M1", null, TapPayEnvironment.TEST, false, List.of("JPY")), "shop.currencies");
        // TapPay posts backend notifies to https on 443 only
        assertRefused(merchant(KEY, "M1", null, TapPayEnvironment.PRODUCTION, true, null), "shop.backend-notify");
    }

    @Test
    void sandboxMerchantsNeedTheSandbox() {
        assertThatThrownBy(() -> new TapPayMerchants(new TapPayProperties(Map.of("shop",
                merchant(KEY, "M1", null, TapPayEnvironment.SANDBOX, false, null)), null, null,
                Duration.ofMinutes(2), Duration.ofDays(3)), false, "https://hub.example.com"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("twpay.providers.tappay.merchants.shop.environment");
    }

    private static void assertRefused(TapPayProperties.Merchant merchant, String key) {
        assertThatThrownBy(() -> merchants("http://localhost:8080", merchant))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("twpay.providers.tappay.merchants." + key)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }
}
