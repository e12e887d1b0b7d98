package tw.twpay.hub.provider.tappay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.web.RejectedRequestException;

class TapPayAmountsTest {

    @Test
    void twdIsWholeDollars() {
        assertThat(TapPayAmounts.toWire(Money.of("855", "TWD"))).isEqualTo(855);
        assertThat(TapPayAmounts.toWire(Money.of("20000000", "TWD"))).isEqualTo(20_000_000);
        assertThat(TapPayAmounts.fromWire(855, "TWD")).isEqualTo(Money.of("855", "TWD"));
    }

    @Test
    void hkdMyrUsdAreCents() {
        assertThat(TapPayAmounts.toWire(Money.of("1.01", "USD"))).isEqualTo(101);
        assertThat(TapPayAmounts.toWire(Money.of("12", "HKD"))).isEqualTo(1200);
        assertThat(TapPayAmounts.toWire(Money.of("0.5", "MYR"))).isEqualTo(50);
        assertThat(TapPayAmounts.fromWire(101, "USD")).isEqualTo(Money.of("1.01", "USD"));
    }

    @Test
    void whatTapPayCannotTakeIsRefused() {
        assertThatThrownBy(() -> TapPayAmounts.toWire(Money.of("10.50", "TWD")))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("whole TWD");
        assertThatThrownBy(() -> TapPayAmounts.toWire(Money.of("20000001", "TWD")))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("20,000,000");
        assertThatThrownBy(() -> TapPayAmounts.toWire(Money.of("0", "TWD")))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("above zero");
        assertThatThrownBy(() -> TapPayAmounts.toWire(Money.of("100", "JPY")))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("JPY");
    }
}
