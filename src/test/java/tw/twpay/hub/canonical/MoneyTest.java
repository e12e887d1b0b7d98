package tw.twpay.hub.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void carriesTheCurrencyMinorUnitScale() {
        assertThat(Money.twd(855).text()).isEqualTo("855.00");
        assertThat(Money.of("855.5", "TWD").text()).isEqualTo("855.50");
        assertThat(Money.of("100", "JPY").text()).isEqualTo("100");
        assertThat(Money.of("855", "TWD")).isEqualTo(new Money(new BigDecimal("855.00"), "TWD"));
    }

    @Test
    void refusesWhatIsNotMoney() {
        assertThatThrownBy(() -> Money.of("855.001", "TWD")).hasMessageContaining("more decimals");
        assertThatThrownBy(() -> Money.of("-1", "TWD")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Money.of("abc", "TWD")).hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> Money.of("1", "XXY")).hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> Money.twd(1).compareTo(Money.of("1", "USD"))).hasMessageContaining("compare");
    }
}
