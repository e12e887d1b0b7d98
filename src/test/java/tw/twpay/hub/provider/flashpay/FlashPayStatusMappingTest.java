package tw.twpay.hub.provider.flashpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tw.twpay.hub.canonical.PaymentStatus;

/** The order_status table of the manual (§9), row by row. */
class FlashPayStatusMappingTest {

    @ParameterizedTest(name = "order_status {0} (tot_pay_amt {1}, tot_ret_amt {2}) → {3}")
    @CsvSource(nullValues = "-", value = {
            "00, 0.00,   0.00,   PENDING",
            "ZP, 0.00,   0.00,   PENDING",
            "02, 0.00,   0.00,   AUTHORIZED",
            "ZF, 0.00,   0.00,   FAILED",
            "12, 0.00,   0.00,   VOIDED",
            "03, 500.00, 0.00,   CAPTURE_REQUESTED",
            "04, 500.00, 0.00,   CAPTURED",
            "06, 500.00, 500.00, REFUND_REQUESTED",
            "06, 500.00, 200.00, REFUND_REQUESTED",
            "08, 500.00, 500.00, REFUNDED",
            "08, 500.98, 500.98, REFUNDED",
            "08, 500.00, 200.00, PARTIALLY_REFUNDED",
            "08, 500.98, 0.98,   PARTIALLY_REFUNDED",
            "08, -,      -,      REFUNDED",
            "08, 500.00, -,      REFUNDED",
    })
    void eachRow(String orderStatus, BigDecimal totPay, BigDecimal totRet, PaymentStatus expected) {
        assertThat(FlashPayStatusMapping.of(orderStatus, totPay, totRet)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01", "99", "zp", "2"})
    void anyOtherStatusIsAnUnreadableAnswer(String orderStatus) {
        assertThatThrownBy(() -> FlashPayStatusMapping.of(orderStatus, null, null))
                .isInstanceOf(FlashPayDecodeException.class).hasMessageStartingWith("unknown order_status");
    }

    @org.junit.jupiter.api.Test
    void aMissingStatusOrOneThatIsNotACodeIsNotEchoed() {
        assertThatThrownBy(() -> FlashPayStatusMapping.of(null, null, null)).hasMessage("unknown order_status (none)");
        assertThatThrownBy(() -> FlashPayStatusMapping.of("<script>", null, null))
                .hasMessage("unknown order_status (not a status code)");
    }
}
