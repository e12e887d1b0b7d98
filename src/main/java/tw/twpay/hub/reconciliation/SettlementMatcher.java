package tw.twpay.hub.reconciliation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.reconciliation.SettlementRecord.Meaning;

/**
 * Judges one gateway record against the ledger order it matched (or none). Pure: no database, no provider; the
 * engine does the looking up and the storing.
 */
public final class SettlementMatcher {

    /** Orders in these states moved no money, so a gateway that does not know them is not a discrepancy. */
    private static final Set<PaymentStatus> NO_MONEY_MOVED = EnumSet.of(PaymentStatus.PENDING, PaymentStatus.FAILED);

    private SettlementMatcher() {
    }

    /**
     * @param record the gateway's record, {@code REPORTED} or {@code NOT_AT_GATEWAY}
     * @param ledger the ledger order it matched (by provider trade id, else order number), or null; its refunded
     *               total is needed where {@link #comparesRefundedTotals} says so
     * @return the verdict, or null when there is nothing to say (an unknown order the gateway does not know either)
     */
    public static DiscrepancyKind judge(SettlementRecord record, LedgerOrderView ledger) {
        if (record.presence() == SettlementRecord.Presence.NOT_AT_GATEWAY) {
            return ledger == null ? null : orphanInLedger(ledger.status());
        }
        if (ledger == null) {
            return DiscrepancyKind.MISSING_IN_LEDGER;
        }
        if (record.amount() != null && ledger.amount() != null) {
            if (!record.amount().currency().equals(ledger.amount().currency())) {
                return DiscrepancyKind.CURRENCY_MISMATCH;
            }
            if (record.amount().value().compareTo(ledger.amount().value()) != 0) {
                return DiscrepancyKind.AMOUNT_MISMATCH;
            }
        }
        if (refundedMoreThanLedger(record, ledger)) {
            return DiscrepancyKind.STATUS_BEHIND;
        }
        return compareStatus(record.status(), ledger.status(), record.meaning());
    }

    /**
     * Whether the verdict depends on the ledger's refunded total: gateway and ledger both say partly refunded, and
     * the gateway names what it has refunded in all. A further partial refund (made in FlashPay's back office or
     * TapPay's portal) leaves the status as it was and shows only in that total.
     */
    public static boolean comparesRefundedTotals(SettlementRecord record, LedgerOrderView ledger) {
        return ledger != null && record.refunded() != null && record.status() == PaymentStatus.PARTIALLY_REFUNDED
                && ledger.status() == PaymentStatus.PARTIALLY_REFUNDED;
    }

    /**
     * The gateway has refunded more than the ledger holds. A smaller total at the gateway is not taken as the ledger
     * being ahead: a refund fact may carry the trade's amount rather than what was refunded (NewebPay's, and
     * reconciliation repairs stored before they carried the refunded total).
     */
    private static boolean refundedMoreThanLedger(SettlementRecord record, LedgerOrderView ledger) {
        return comparesRefundedTotals(record, ledger) && ledger.refunded() != null
                && record.refunded().currency().equals(ledger.refunded().currency())
                && record.refunded().compareTo(ledger.refunded()) > 0;
    }

    /** A ledger order of the window the gateway does not know: missing there if money moved, else nothing. */
    public static DiscrepancyKind orphanInLedger(PaymentStatus ledgerStatus) {
        return NO_MONEY_MOVED.contains(ledgerStatus) ? null : DiscrepancyKind.MISSING_AT_GATEWAY;
    }

    static DiscrepancyKind compareStatus(PaymentStatus gateway, PaymentStatus ledger, Meaning meaning) {
        if (gateway == ledger) {
            return DiscrepancyKind.MATCHED;
        }
        if (ledger.canAdvanceTo(gateway)) {
            return DiscrepancyKind.STATUS_BEHIND;
        }
        if (meaning == Meaning.SETTLED_OPERATION && reachable(gateway, ledger)) {
            // a settled capture while the ledger already has the later refund: the books agree
            return DiscrepancyKind.MATCHED;
        }
        return DiscrepancyKind.STATUS_CONFLICT;
    }

    /** Whether {@code to} can follow {@code from} through forward moves. */
    static boolean reachable(PaymentStatus from, PaymentStatus to) {
        Set<PaymentStatus> seen = EnumSet.of(from);
        Deque<PaymentStatus> next = new ArrayDeque<>(Set.of(from));
        while (!next.isEmpty()) {
            PaymentStatus current = next.poll();
            for (PaymentStatus candidate : PaymentStatus.values()) {
                if (current.canAdvanceTo(candidate) && seen.add(candidate)) {
                    if (candidate == to) {
                        return true;
                    }
                    next.add(candidate);
                }
            }
        }
        return false;
    }
}
