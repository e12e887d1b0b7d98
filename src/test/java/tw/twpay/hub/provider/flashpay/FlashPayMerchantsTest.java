package tw.twpay.hub.provider.flashpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.config.InvalidConfigurationException;
import tw.twpay.hub.web.RejectedRequestException;

class FlashPayMerchantsTest {

    private static final String KEY = "U9kmXqjovFsBb1BEuEyPiO03uHGIE1Jr";
    private static final String IV = "V4msmb1cSCBUSLWr";

    private static FlashPayMerchants merchants(boolean sandbox, FlashPayProperties.Merchant... configs) {
        Map<String, FlashPayProperties.Merchant> byAlias = new java.util.LinkedHashMap<>();
        for (int i = 0; i < configs.length; i++) {
            byAlias.put(i == 0 ? "shop" : "shop" + i, configs[i]);
        }
        return new FlashPayMerchants(new FlashPayProperties(byAlias, null, Duration.ofMinutes(15), Duration.ofDays(3),
                Duration.ofHours(1)), sandbox, "https://hub.example.com/");
    }

    private static FlashPayProperties.Merchant merchant(String id, String key, String iv, FlashPayEnvironment env,
                                                        String trade, String query) {
        return new FlashPayProperties.Merchant(id, key, iv, env, null, trade, query);
    }

    @Test
    void environmentsChooseTheHostsAndEveryBaseUrlCanBeOverridden() {
        assertThat(merchants(false, merchant("HT00000002", KEY, IV, FlashPayEnvironment.TEST, null, null))
                .require("shop")).satisfies(m -> {
                    assertThat(m.tradeUrl()).isEqualTo("https://demo.flashpayvpn.xyz/trade.php");
                    assertThat(m.queryUrl()).isEqualTo("https://demo.flashpayvpn.xyz/querytrade.php");
                    assertThat(m.stoId()).isEmpty();
                });
        assertThat(merchants(false, merchant("HT00000002", KEY, IV, FlashPayEnvironment.PRODUCTION, null,
                "https://www.motionlifepay.com/")).require("shop")).satisfies(m -> {
                    assertThat(m.tradeUrl()).isEqualTo("https://api.fl-pay.com/trade.php");
                    assertThat(m.queryUrl()).isEqualTo("https://www.motionlifepay.com/querytrade.php");
                });
        assertThat(merchants(true, merchant("HT00000002", KEY, IV, FlashPayEnvironment.SANDBOX, null, null))
                .require("shop").tradeUrl()).isEqualTo("https://hub.example.com/sandbox/flashpay/trade.php");
    }

    @Test
    void badConfigurationNamesTheKeyNeverTheValue() {
        assertThatThrownBy(() -> merchants(false, merchant("HT00000002", "short-secret", IV, FlashPayEnvironment.TEST,
                null, null))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("twpay.providers.flashpay.merchants.shop.hash-key")
                .hasMessageContaining("32 bytes").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> merchants(false, merchant("HT00000002", KEY, "iv-secret", FlashPayEnvironment.TEST,
                null, null))).hasMessageContaining("twpay.providers.flashpay.merchants.shop.hash-iv")
                .hasMessageNotContaining("iv-secret");
        assertThatThrownBy(() -> merchants(false, merchant(null, KEY, IV, FlashPayEnvironment.TEST, null, null)))
                .hasMessageContaining("twpay.providers.flashpay.merchants.shop.merchant-id");
        assertThatThrownBy(() -> merchants(false, merchant("HT00000002", KEY, IV, FlashPayEnvironment.SANDBOX, null,
                null))).hasMessageContaining("twpay.providers.flashpay.merchants.shop.environment");
        assertThatThrownBy(() -> merchants(false, merchant("HT00000002", KEY, IV, FlashPayEnvironment.TEST,
                "ftp://files", null))).hasMessageContaining("twpay.providers.flashpay.merchants.shop.trade-base-url");
        assertThatThrownBy(() -> merchants(false, merchant("HT00000002", KEY, IV, FlashPayEnvironment.TEST,
                null, "not a url"))).hasMessageContaining("twpay.providers.flashpay.merchants.shop.query-base-url");
    }

    @Test
    void unknownAliasIsA404AndToStringHidesTheKeys() {
        FlashPayMerchants merchants = merchants(false, merchant("HT00000002", KEY, IV, FlashPayEnvironment.TEST, null, null));
        assertThatThrownBy(() -> merchants.require("other")).isInstanceOf(RejectedRequestException.class)
                .satisfies(e -> assertThat(((RejectedRequestException) e).status()).isEqualTo(404));
        assertThat(merchants.require("shop").toString()).doesNotContain(KEY).doesNotContain(IV);
        assertThat(new FlashPayProperties.Merchant("HT00000002", KEY, IV, FlashPayEnvironment.TEST, null, null, null)
                .toString()).doesNotContain(KEY).doesNotContain(IV);
    }
}
