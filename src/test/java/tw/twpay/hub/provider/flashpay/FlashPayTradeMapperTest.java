package tw.twpay.hub.provider.flashpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tw.twpay.hub.canonical.PaymentStatus;

class FlashPayTradeMapperTest {

    @Test
    void timesWithAndWithoutTheirOffsetAreTaipeiTime() {
        assertThat(FlashPayTradeMapper.taipeiTime("2022-05-27 11:38:38+08"))
                .isEqualTo(OffsetDateTime.parse("2022-05-27T11:38:38+08:00"));
        assertThat(FlashPayTradeMapper.taipeiTime("2022-05-27 11:38:38")).isEqualTo(OffsetDateTime.parse("2022-05-27T11:38:38+08:00"));
        assertThat(FlashPayTradeMapper.taipeiTime("2022/05/27 10:13:10")).isEqualTo(OffsetDateTime.parse("2022-05-27T10:13:10+08:00"));
        assertThat(FlashPayTradeMapper.taipeiTime("2022-05-27 11:38:38+08:00")).isEqualTo(OffsetDateTime.parse("2022-05-27T11:38:38+08:00"));
        assertThat(FlashPayTradeMapper.taipeiTime("")).isNull();
        assertThat(FlashPayTradeMapper.taipeiTime("0000-00-00 00:00:00")).isNull();
        assertThatThrownBy(() -> FlashPayTradeMapper.taipeiTime("27.05.2022")).isInstanceOf(FlashPayDecodeException.class);
    }

    @Test
    void theAmountIsTxAmtWhenAmtIsZeroAndDecimalStringsStayExact() {
        assertThat(FlashPayTradeMapper.amount(new FlashPayPayload(Map.of("amt", "0.00", "tx_amt", "855.00"))).text())
                .isEqualTo("855.00");
        assertThat(FlashPayTradeMapper.amount(new FlashPayPayload(Map.of("amt", "405"))).text()).isEqualTo("405.00");
        assertThat(FlashPayTradeMapper.amount(new FlashPayPayload(Map.of("tx_amt", "500.98"))).text()).isEqualTo("500.98");
        assertThat(FlashPayTradeMapper.amount(new FlashPayPayload(Map.of("amt", "0.00")))).isNull();
        assertThat(FlashPayTradeMapper.amount(new FlashPayPayload(Map.of()))).isNull();
        assertThatThrownBy(() -> FlashPayTradeMapper.amount(new FlashPayPayload(Map.of("tx_amt", "N/A"))))
                .hasMessage("tx_amt is not a number");
    }

    @ParameterizedTest
    @EnumSource(PaymentStatus.class)
    void moneyReportedMovedNeedsAnAmountAndOnlyPendingFailedOrVoidedMayComeWithout(PaymentStatus status) {
        FlashPayPayload withAmount = new FlashPayPayload(Map.of("tx_amt", "405.00"));
        FlashPayPayload without = new FlashPayPayload(Map.of("amt", "0.00"));

        assertThat(FlashPayTradeMapper.reportedAmount(withAmount, status).text()).isEqualTo("405.00");
        if (status == PaymentStatus.PENDING || status == PaymentStatus.FAILED || status == PaymentStatus.VOIDED) {
            assertThat(FlashPayTradeMapper.reportedAmount(without, status)).isNull();
        } else {
            assertThatThrownBy(() -> FlashPayTradeMapper.reportedAmount(without, status))
                    .isInstanceOf(FlashPayDecodeException.class)
                    .hasMessage("it reports " + status + " but names no amount (tx_amt)");
        }
    }
}
