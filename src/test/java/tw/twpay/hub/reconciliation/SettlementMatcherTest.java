package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.twpay.hub.canonical.PaymentStatus.AUTHORIZED;
import static tw.twpay.hub.canonical.PaymentStatus.CAPTURED;
import static tw.twpay.hub.canonical.PaymentStatus.FAILED;
import static tw.twpay.hub.canonical.PaymentStatus.PENDING;
import static tw.twpay.hub.canonical.PaymentStatus.REFUNDED;
import static tw.twpay.hub.canonical.PaymentStatus.VOIDED;
import static tw.twpay.hub.reconciliation.SettlementSource.Meaning.SETTLED_OPERATIONS;
import static tw.twpay.hub.reconciliation.SettlementSource.Meaning.TRADE_STATE;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;

/** The matcher's verdicts, row by row. */
class SettlementMatcherTest {

    @ParameterizedTest(name = "gateway {0}, ledger {1}, {2} → {3}")
    @CsvSource({
            "AUTHORIZED, AUTHORIZED, TRADE_STATE, MATCHED",
            "CAPTURED, AUTHORIZED, TRADE_STATE, STATUS_BEHIND",
            "REFUNDED, CAPTURED, TRADE_STATE, STATUS_BEHIND",
            "AUTHORIZED, PENDING, TRADE_STATE, STATUS_BEHIND",
            "AUTHORIZED, CAPTURED, TRADE_STATE, STATUS_CONFLICT",
            "CAPTURED, REFUNDED, TRADE_STATE, STATUS_CONFLICT",
            "CAPTURED, REFUNDED, SETTLED_OPERATIONS, MATCHED",
            "CAPTURED, VOIDED, SETTLED_OPERATIONS, STATUS_CONFLICT",
            "VOIDED, CAPTURED, TRADE_STATE, STATUS_CONFLICT",
            "FAILED, AUTHORIZED, TRADE_STATE, STATUS_CONFLICT",
            "PENDING, AUTHORIZED, SETTLED_OPERATIONS, MATCHED",
    })
    void statusVerdicts(PaymentStatus gateway, PaymentStatus ledger, SettlementSource.Meaning meaning,
                        DiscrepancyKind expected) {
        assertThat(SettlementMatcher.judge(record(gateway, Money.twd(100)), order(ledger, Money.twd(100)), meaning))
                .isEqualTo(expected);
    }

    @Test
    void currencyIsComparedBeforeAmountAndAmountBeforeStatus() {
        assertThat(SettlementMatcher.judge(record(CAPTURED, Money.of("100", "USD")), order(AUTHORIZED, Money.twd(100)),
                TRADE_STATE)).isEqualTo(DiscrepancyKind.CURRENCY_MISMATCH);
        assertThat(SettlementMatcher.judge(record(CAPTURED, Money.twd(90)), order(AUTHORIZED, Money.twd(100)),
                TRADE_STATE)).isEqualTo(DiscrepancyKind.AMOUNT_MISMATCH);
        // 100 and 100.00 are the same amount
        assertThat(SettlementMatcher.judge(record(AUTHORIZED, Money.of("100.00", "TWD")),
                order(AUTHORIZED, Money.twd(100)), TRADE_STATE)).isEqualTo(DiscrepancyKind.MATCHED);
        // an amount one side does not know is not a mismatch
        assertThat(SettlementMatcher.judge(record(AUTHORIZED, null), order(AUTHORIZED, Money.twd(100)), TRADE_STATE))
                .isEqualTo(DiscrepancyKind.MATCHED);
    }

    @Test
    void orphansOnEitherSide() {
        assertThat(SettlementMatcher.judge(record(CAPTURED, Money.twd(5)), null, SETTLED_OPERATIONS))
                .isEqualTo(DiscrepancyKind.MISSING_IN_LEDGER);
        SettlementRecord absent = SettlementRecord.notAtGateway("O1", "TRA10021");
        assertThat(SettlementMatcher.judge(absent, order(AUTHORIZED, Money.twd(5)), TRADE_STATE))
                .isEqualTo(DiscrepancyKind.MISSING_AT_GATEWAY);
        assertThat(SettlementMatcher.judge(absent, order(REFUNDED, Money.twd(5)), TRADE_STATE))
                .isEqualTo(DiscrepancyKind.MISSING_AT_GATEWAY);
        // an order that never moved money is no discrepancy when the gateway does not know it
        assertThat(SettlementMatcher.judge(absent, order(PENDING, Money.twd(5)), TRADE_STATE)).isNull();
        assertThat(SettlementMatcher.judge(absent, order(FAILED, Money.twd(5)), TRADE_STATE)).isNull();
        assertThat(SettlementMatcher.judge(absent, null, TRADE_STATE)).isNull();
    }

    @Test
    void onlyMissingInLedgerAndStatusBehindAreRepaired() {
        assertThat(java.util.Arrays.stream(DiscrepancyKind.values()).filter(DiscrepancyKind::repaired))
                .containsExactly(DiscrepancyKind.MISSING_IN_LEDGER, DiscrepancyKind.STATUS_BEHIND);
        assertThat(SettlementMatcher.reachable(AUTHORIZED, REFUNDED)).isTrue();
        assertThat(SettlementMatcher.reachable(VOIDED, CAPTURED)).isFalse();
    }

    private static SettlementRecord record(PaymentStatus status, Money amount) {
        return SettlementRecord.reported("T1", "O1", status, amount, null, null, null, null);
    }

    private static LedgerOrderView order(PaymentStatus status, Money amount) {
        return new LedgerOrderView("O1", "T1", "MS1", status, amount);
    }
}
