package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tw.twpay.hub.canonical.PaymentStatus;

/** QueryTradeInfo's TradeStatus / CloseStatus / BackStatus / BackBalance, row by row (NDNF-1.1.9 §4.3.2 notes 1, 4). */
class NewebPayStatusMappingTest {

    @ParameterizedTest(name = "{0} {1} close={2} back={3} balance={4} captured={5} -> {6}")
    @CsvSource(nullValues = "null", value = {
            "0, CREDIT,    0,    0,    855,  855,  PENDING",
            "1, CREDIT,    0,    0,    855,  855,  AUTHORIZED",
            "1, CREDIT,    1,    0,    855,  855,  CAPTURE_REQUESTED",
            "1, CREDIT,    3,    0,    855,  855,  CAPTURED",
            "1, CREDIT,    3,    1,    455,  855,  REFUND_REQUESTED",
            "1, CREDIT,    3,    3,    455,  855,  PARTIALLY_REFUNDED",
            "1, CREDIT,    3,    3,    0,    855,  REFUNDED",
            "2, CREDIT,    0,    0,    0,    855,  FAILED",
            "3, CREDIT,    0,    0,    0,    855,  VOIDED",
            "6, CREDIT,    3,    3,    0,    855,  REFUNDED",
            "1, VACC,      null, null, null, 855,  CAPTURED",
            "1, LINEPAY,   3,    0,    null, 855,  CAPTURED",
            "1, LINEPAY,   2,    0,    null, 855,  CAPTURE_REQUESTED",
            // a failed wallet capture (CloseStatus 4) is not CAPTURED
            "1, ESUNWALLET, 4,   0,    855,  855,  AUTHORIZED",
            // a wallet refund: LINE Pay sends no BackBalance, so a refund of unknown extent is not REFUNDED
            "1, LINEPAY,   3,    3,    null, 855,  PARTIALLY_REFUNDED",
            "1, TAIWANPAY, 3,    3,    0,    855,  REFUNDED",
            // a failed refund (BackStatus 4) leaves the payment captured
            "1, ESUNWALLET, 3,   4,    855,  855,  CAPTURED",
            // ... or partly refunded, when BackBalance says an earlier refund was done (1000 captured, 700 left)
            "1, ESUNWALLET, 3,   4,    700,  1000, PARTIALLY_REFUNDED",
            // without BackBalance (LINE Pay) the gateway does not say whether an earlier refund stands
            "1, LINEPAY,   3,    4,    null, 1000, CAPTURED",
            // Fula 付啦 counts CloseStatus its own way: 1 processing, 2 done, 3 failed
            "1, FULA,      1,    0,    855,  855,  CAPTURE_REQUESTED",
            "1, FULA,      2,    0,    855,  855,  CAPTURED",
            "1, FULA,      3,    0,    855,  855,  AUTHORIZED",
    })
    void queryStatuses(String trade, String type, String close, String back, String balance, String captured,
                       PaymentStatus expected) {
        assertThat(NewebPayStatusMapping.ofQuery(trade, type, close, back, balance, captured)).isEqualTo(expected);
    }

    /** BackBalance is what can still be refunded of what was captured (CloseAmt, else Amt). */
    @ParameterizedTest(name = "captured={0} balance={1} -> refunded {2}")
    @CsvSource(nullValues = "null", value = {
            "1000, 700,  300",
            "1000, 500,  500",
            "600,  400,  200",
            "1000, 0,    1000",
            "1000, 1000, 0",
            "1000, null, null",
    })
    void refundedIsWhatWasCapturedLessBackBalance(String captured, String balance, BigDecimal expected) {
        BigDecimal refunded = NewebPayStatusMapping.refunded(captured, balance);
        if (expected == null) {
            assertThat(refunded).isNull();
        } else {
            assertThat(refunded).isEqualByComparingTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "CREDIT,  UNIONPAY, 0,    null, UNIONPAY",
            "UNIONPAY, null,    0,    null, UNIONPAY",
            "CREDIT,  CREDIT,   6,    null, CREDIT_INSTALLMENT",
            "CREDIT,  CREDIT,   0,    940,  CREDIT_REDEEM",
            "CREDIT,  CREDIT,   0,    null, CREDIT",
            "CREDIT,  FOREIGN,  00,   null, CREDIT",
            "LINEPAY, LINEPAY,  null, null, LINEPAY",
    })
    void howATradeWasPaidIsRecordedWhereCaptureAndRefundRulesDiffer(String type, String method, String inst,
                                                                    String redAmt, String expected) {
        assertThat(NewebPayStatusMapping.paidAs(type, method, inst, redAmt)).isEqualTo(expected);
    }
}
