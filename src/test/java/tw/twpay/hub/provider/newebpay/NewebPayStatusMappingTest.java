package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tw.twpay.hub.canonical.PaymentStatus;

/** QueryTradeInfo's TradeStatus / CloseStatus / BackStatus / BackBalance, row by row (NDNF-1.1.9 §4.3.2 notes 1, 4). */
class NewebPayStatusMappingTest {

    @ParameterizedTest(name = "{0} {1} close={2} back={3} balance={4} -> {5}")
    @CsvSource(nullValues = "null", value = {
            "0, CREDIT,    0,    0,    855,  PENDING",
            "1, CREDIT,    0,    0,    855,  AUTHORIZED",
            "1, CREDIT,    1,    0,    855,  CAPTURE_REQUESTED",
            "1, CREDIT,    3,    0,    855,  CAPTURED",
            "1, CREDIT,    3,    1,    455,  REFUND_REQUESTED",
            "1, CREDIT,    3,    3,    455,  PARTIALLY_REFUNDED",
            "1, CREDIT,    3,    3,    0,    REFUNDED",
            "2, CREDIT,    0,    0,    0,    FAILED",
            "3, CREDIT,    0,    0,    0,    VOIDED",
            "6, CREDIT,    3,    3,    0,    REFUNDED",
            "1, VACC,      null, null, null, CAPTURED",
            "1, LINEPAY,   3,    0,    null, CAPTURED",
            "1, LINEPAY,   2,    0,    null, CAPTURE_REQUESTED",
            // a failed wallet capture (CloseStatus 4) is not CAPTURED
            "1, ESUNWALLET, 4,   0,    855,  AUTHORIZED",
            // a wallet refund: LINE Pay sends no BackBalance, so a refund of unknown extent is not REFUNDED
            "1, LINEPAY,   3,    3,    null, PARTIALLY_REFUNDED",
            "1, TAIWANPAY, 3,    3,    0,    REFUNDED",
            // a failed refund (BackStatus 4) leaves the payment captured
            "1, ESUNWALLET, 3,   4,    855,  CAPTURED",
    })
    void queryStatuses(String trade, String type, String close, String back, String balance, PaymentStatus expected) {
        assertThat(NewebPayStatusMapping.ofQuery(trade, type, close, back, balance)).isEqualTo(expected);
    }
}
