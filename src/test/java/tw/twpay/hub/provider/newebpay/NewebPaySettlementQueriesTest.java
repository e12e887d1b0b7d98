package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;

/** The refunded total a QueryTradeInfo answer gives reconciliation (NDNF §4.3.2: CloseAmt, BackBalance). */
class NewebPaySettlementQueriesTest {

    @Test
    void theRefundedTotalIsWhatWasCapturedLessWhatCanStillBeRefunded() {
        // a card trade of 1000, captured in full, 300 then 200 refunded: 500 can still be refunded
        assertThat(NewebPaySettlementQueries.refunded(PaymentStatus.PARTIALLY_REFUNDED,
                answer("1000", "1000", "500"))).isEqualTo(Money.twd(500));
        // captured 800 of 1000, 300 refunded
        assertThat(NewebPaySettlementQueries.refunded(PaymentStatus.PARTIALLY_REFUNDED,
                answer("1000", "800", "500"))).isEqualTo(Money.twd(300));
        // no CloseAmt (the manual's example has it null when there is none): the trade amount was captured
        assertThat(NewebPaySettlementQueries.refunded(PaymentStatus.REFUNDED, answer("1000", null, "0")))
                .isEqualTo(Money.twd(1000));
    }

    @Test
    void anAnswerThatDoesNotSayNamesNoRefundedTotal() {
        // LINE Pay sends no BackBalance
        assertThat(NewebPaySettlementQueries.refunded(PaymentStatus.PARTIALLY_REFUNDED, answer("1000", "1000", null)))
                .isNull();
        // not refunded: nothing to name
        assertThat(NewebPaySettlementQueries.refunded(PaymentStatus.CAPTURED, answer("1000", "1000", "1000")))
                .isNull();
        assertThat(NewebPaySettlementQueries.refunded(PaymentStatus.PARTIALLY_REFUNDED, null)).isNull();
    }

    @Test
    void theRecordNamesTheTradeAmountWhereARefundsFactCarriesTheRefundedTotal() {
        OffsetDateTime now = OffsetDateTime.now();
        PaymentEvent refund = new PaymentEvent("NEWEBPAY", "shop", "MS1", "O1", "T1", PaymentStatus.PARTIALLY_REFUNDED,
                Money.twd(500), "CREDIT", null, null, now, now, EventSource.QUERY, "1", null, null, null, null);

        assertThat(NewebPaySettlementQueries.tradeAmount(refund, answer("1000", "1000", "500")))
                .isEqualTo(Money.twd(1000));
        assertThat(NewebPaySettlementQueries.tradeAmount(refund, null)).isEqualTo(Money.twd(500));
    }

    private static String answer(String amt, String closeAmt, String backBalance) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("MerchantID", "MS1");
        result.put("Amt", amt);
        result.put("TradeNo", "T1");
        result.put("MerchantOrderNo", "O1");
        result.put("TradeStatus", "1");
        result.put("CloseAmt", closeAmt);
        result.put("CloseStatus", "3");
        result.put("BackBalance", backBalance);
        result.put("BackStatus", "3");
        return new NewebPayPayload("SUCCESS", "", result).toJson();
    }
}
