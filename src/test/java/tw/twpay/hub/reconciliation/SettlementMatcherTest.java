package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.twpay.hub.canonical.PaymentStatus.AUTHORIZED;
import static tw.twpay.hub.canonical.PaymentStatus.CAPTURED;
import static tw.twpay.hub.canonical.PaymentStatus.CAPTURE_REQUESTED;
import static tw.twpay.hub.canonical.PaymentStatus.FAILED;
import static tw.twpay.hub.canonical.PaymentStatus.PARTIALLY_REFUNDED;
import static tw.twpay.hub.canonical.PaymentStatus.PENDING;
import static tw.twpay.hub.canonical.PaymentStatus.REFUNDED;
import static tw.twpay.hub.canonical.PaymentStatus.REFUND_REQUESTED;
import static tw.twpay.hub.canonical.PaymentStatus.VOIDED;
import static tw.twpay.hub.reconciliation.SettlementRecord.Meaning.SETTLED_OPERATION;
import static tw.twpay.hub.reconciliation.SettlementRecord.Meaning.TRADE_STATE;

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
            "CAPTURED, REFUNDED, SETTLED_OPERATION, MATCHED",
            "CAPTURED, VOIDED, SETTLED_OPERATION, STATUS_CONFLICT",
            "VOIDED, CAPTURED, TRADE_STATE, STATUS_CONFLICT",
            "FAILED, AUTHORIZED, TRADE_STATE, STATUS_CONFLICT",
            "PENDING, AUTHORIZED, SETTLED_OPERATION, MATCHED",
            // a capture or refund withdrawn (or refused) after the ledger asked for it: the current state is behind
            "AUTHORIZED, CAPTURE_REQUESTED, TRADE_STATE, STATUS_CONFLICT",
            "CAPTURED, REFUND_REQUESTED, TRADE_STATE, STATUS_CONFLICT",
            "AUTHORIZED, CAPTURE_REQUESTED, SETTLED_OPERATION, MATCHED",
            "CAPTURED, REFUND_REQUESTED, SETTLED_OPERATION, MATCHED",
    })
    void statusVerdicts(PaymentStatus gateway, PaymentStatus ledger, SettlementRecord.Meaning meaning,
                        DiscrepancyKind expected) {
        assertThat(SettlementMatcher.judge(record(gateway, Money.twd(100), meaning), order(ledger, Money.twd(100))))
                .isEqualTo(expected);
    }

    @Test
    void theMeaningIsTheRecordsOwnAndACurrentStateIsTheDefault() {
        // TapPay's Record of an order the Reconciliation API did not list: the trade now, not a settled operation
        SettlementRecord nowAuthorised = SettlementRecord.reported("T1", "O1", AUTHORIZED, Money.twd(1000), null, "M",
                "record_status 0", null);
        assertThat(nowAuthorised.meaning()).isEqualTo(TRADE_STATE);
        assertThat(SettlementMatcher.judge(nowAuthorised, order(CAPTURE_REQUESTED, Money.twd(1000))))
                .isEqualTo(DiscrepancyKind.STATUS_CONFLICT);
        assertThat(SettlementMatcher.judge(nowAuthorised.asSettledOperation(), order(CAPTURE_REQUESTED,
                Money.twd(1000)))).isEqualTo(DiscrepancyKind.MATCHED);
    }

    @ParameterizedTest(name = "gateway {0} refunded {1}, ledger {2} refunded {3} → {4}")
    @CsvSource({
            // a further partial refund the ledger lacks shows only in the refunded total
            "PARTIALLY_REFUNDED, 500, PARTIALLY_REFUNDED, 300, STATUS_BEHIND",
            "PARTIALLY_REFUNDED, 300, PARTIALLY_REFUNDED, 300, MATCHED",
            // a ledger refund fact may carry the trade's amount: a smaller gateway total is no sign of a ledger ahead
            "PARTIALLY_REFUNDED, 300, PARTIALLY_REFUNDED, 1000, MATCHED",
            // a ledger without a gateway's report of its refunds is judged by status
            "PARTIALLY_REFUNDED, 500, PARTIALLY_REFUNDED, , MATCHED",
            "PARTIALLY_REFUNDED, , PARTIALLY_REFUNDED, 300, MATCHED",
            "REFUND_REQUESTED, 500, PARTIALLY_REFUNDED, 300, STATUS_BEHIND",
            "PARTIALLY_REFUNDED, 300, CAPTURED, , STATUS_BEHIND",
            "REFUNDED, 1000, REFUNDED, 300, MATCHED",
    })
    void refundedTotals(PaymentStatus gateway, Long gatewayRefunded, PaymentStatus ledger, Long ledgerRefunded,
                        DiscrepancyKind expected) {
        SettlementRecord record = record(gateway, Money.twd(1000), TRADE_STATE)
                .withRefunded(gatewayRefunded == null ? null : Money.twd(gatewayRefunded));
        LedgerOrderView order = order(ledger, Money.twd(1000))
                .withRefunded(ledgerRefunded == null ? null : Money.twd(ledgerRefunded));
        assertThat(SettlementMatcher.comparesRefundedTotals(record, order))
                .isEqualTo(gateway == PARTIALLY_REFUNDED && ledger == PARTIALLY_REFUNDED && gatewayRefunded != null);
        assertThat(SettlementMatcher.judge(record, order)).isEqualTo(expected);
    }

    @Test
    void aRepairOfAFurtherRefundHasAKeyOfItsOwnAndCarriesTheRefundedTotal() {
        SettlementWindow window = new SettlementWindow(tw.twpay.hub.provider.ProviderId.FLASHPAY, "shop",
                java.time.LocalDate.of(2026, 11, 25), java.time.LocalDate.of(2026, 11, 25));
        SettlementRecord first = record(PARTIALLY_REFUNDED, Money.twd(1000), TRADE_STATE).withRefunded(Money.twd(300));
        SettlementRecord further = first.withRefunded(Money.twd(500));
        LedgerOrderView order = order(PARTIALLY_REFUNDED, Money.twd(1000)).withRefunded(Money.twd(300));

        assertThat(RepairFacts.key(window, further, "O1")).isNotEqualTo(RepairFacts.key(window, first, "O1"))
                .endsWith("|PARTIALLY_REFUNDED|500.00");
        assertThat(RepairFacts.event(window, further, order, java.time.OffsetDateTime.now()).amount())
                .isEqualTo(Money.twd(500));
        // an order the repair creates keeps the trade's amount
        assertThat(RepairFacts.event(window, further, null, java.time.OffsetDateTime.now()).amount())
                .isEqualTo(Money.twd(1000));
        // a record naming no refunded total keeps the key it always had
        assertThat(RepairFacts.key(window, record(CAPTURED, Money.twd(1000), TRADE_STATE), "O1"))
                .endsWith("|RECONCILIATION|T1|CAPTURED");
    }

    @Test
    void currencyIsComparedBeforeAmountAndAmountBeforeStatus() {
        assertThat(SettlementMatcher.judge(record(CAPTURED, Money.of("100", "USD")), order(AUTHORIZED, Money.twd(100))))
                .isEqualTo(DiscrepancyKind.CURRENCY_MISMATCH);
        assertThat(SettlementMatcher.judge(record(CAPTURED, Money.twd(90)), order(AUTHORIZED, Money.twd(100))))
                .isEqualTo(DiscrepancyKind.AMOUNT_MISMATCH);
        // 100 and 100.00 are the same amount
        assertThat(SettlementMatcher.judge(record(AUTHORIZED, Money.of("100.00", "TWD")),
                order(AUTHORIZED, Money.twd(100)))).isEqualTo(DiscrepancyKind.MATCHED);
        // an amount one side does not know is not a mismatch
        assertThat(SettlementMatcher.judge(record(AUTHORIZED, null), order(AUTHORIZED, Money.twd(100))))
                .isEqualTo(DiscrepancyKind.MATCHED);
    }

    @Test
    void orphansOnEitherSide() {
        assertThat(SettlementMatcher.judge(record(CAPTURED, Money.twd(5)), null))
                .isEqualTo(DiscrepancyKind.MISSING_IN_LEDGER);
        SettlementRecord absent = SettlementRecord.notAtGateway("O1", "TRA10021");
        assertThat(SettlementMatcher.judge(absent, order(AUTHORIZED, Money.twd(5))))
                .isEqualTo(DiscrepancyKind.MISSING_AT_GATEWAY);
        assertThat(SettlementMatcher.judge(absent, order(REFUNDED, Money.twd(5))))
                .isEqualTo(DiscrepancyKind.MISSING_AT_GATEWAY);
        // an order that never moved money is no discrepancy when the gateway does not know it
        assertThat(SettlementMatcher.judge(absent, order(PENDING, Money.twd(5)))).isNull();
        assertThat(SettlementMatcher.judge(absent, order(FAILED, Money.twd(5)))).isNull();
        assertThat(SettlementMatcher.judge(absent, null)).isNull();
    }

    @Test
    void onlyMissingInLedgerAndStatusBehindAreRepaired() {
        assertThat(java.util.Arrays.stream(DiscrepancyKind.values()).filter(DiscrepancyKind::repaired))
                .containsExactly(DiscrepancyKind.MISSING_IN_LEDGER, DiscrepancyKind.STATUS_BEHIND);
        assertThat(SettlementMatcher.reachable(AUTHORIZED, REFUNDED)).isTrue();
        assertThat(SettlementMatcher.reachable(VOIDED, CAPTURED)).isFalse();
    }

    private static SettlementRecord record(PaymentStatus status, Money amount) {
        return record(status, amount, TRADE_STATE);
    }

    private static SettlementRecord record(PaymentStatus status, Money amount, SettlementRecord.Meaning meaning) {
        SettlementRecord record = SettlementRecord.reported("T1", "O1", status, amount, null, null, null, null);
        return meaning == SETTLED_OPERATION ? record.asSettledOperation() : record;
    }

    private static LedgerOrderView order(PaymentStatus status, Money amount) {
        return new LedgerOrderView("O1", "T1", "MS1", status, amount);
    }
}
