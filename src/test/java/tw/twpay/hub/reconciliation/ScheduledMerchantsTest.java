package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.config.InvalidConfigurationException;

class ScheduledMerchantsTest {

    static final String KEY = "twpay.reconciliation.tappay.scheduled-merchants";
    static final Set<String> SERVED = Set.of("shop-tappay", "outlet");

    @Test
    void everyServedMerchantByDefaultNoneWhenEmptyOrTheListedOnes() {
        assertThat(ScheduledMerchants.of(KEY, "*", SERVED)).containsExactly("outlet", "shop-tappay");
        assertThat(ScheduledMerchants.of(KEY, null, SERVED)).containsExactly("outlet", "shop-tappay");
        assertThat(ScheduledMerchants.of(KEY, "", SERVED)).isEmpty();
        assertThat(ScheduledMerchants.of(KEY, " outlet ,", SERVED)).containsExactly("outlet");
    }

    @Test
    void aMerchantTheSourceCannotReadStopsTheHubNamingTheKey() {
        assertThatThrownBy(() -> ScheduledMerchants.of(KEY, "outlet,nobody", SERVED))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).property()).isEqualTo(KEY))
                .hasMessageContaining("nobody");
    }
}
