package tw.twpay.hub.reconciliation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.reconciliation.SettlementSource.Meaning;

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
     * @param ledger the ledger order it matched (by provider trade id, else order number), or null
     * @return the verdict, or null when there is nothing to say (an unknown order the gateway does not know either)
     */
    public static DiscrepancyKind judge(SettlementRecord record, LedgerOrderView ledger, Meaning meaning) {
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
        return compareStatus(record.status(), ledger.status(), meaning);
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
        if (meaning == Meaning.SETTLED_OPERATIONS && reachable(gateway, ledger)) {
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
