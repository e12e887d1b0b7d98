package tw.twpay.hub.reconciliation;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tw.twpay.hub.ledger.StoreOutcome;
import tw.twpay.hub.ledger.StoreResult;

/**
 * The repairs one attempt of a run lists, each once. A run claimed again (an attempt failed, or its node stopped
 * beating) lists its items afresh, but the repairs its earlier attempts stored are in the ledger already and the
 * orders they repaired now agree with the gateway. Those repairs — journalled under a repair's fact key since the run
 * first started — are listed again as they were found: STATUS_BEHIND with the order's status before the repair, or
 * MISSING_IN_LEDGER when the repair created the order, with outcome DUPLICATE and the stored event's id. So what a
 * run reports and counts does not depend on where it was interrupted. A later run of the same window is not an
 * attempt of this one and finds those orders MATCHED: the repair belongs to the report of the run that made it.
 * (Only the time tells whose a repair was: one that another run stored while this one waited for its retry — a run
 * of the same window started meanwhile, or of an overlapping one — is listed by both, here as DUPLICATE.)
 */
final class RunRepairs {

    /** When the run first started, on a later attempt; null on the first. */
    private final OffsetDateTime earlierSince;
    private final Set<String> listed = new HashSet<>();

    RunRepairs(ReconciliationRun run) {
        this.earlierSince = run.attempts() > 1 ? run.startedAt() : null;
    }

    /** Whether earlier attempts of the run may have stored repairs. */
    boolean retried() {
        return earlierSince != null;
    }

    /** The repairs earlier attempts stored under these fact keys (one statement per chunk, on a later attempt). */
    Map<String, LedgerSide.EarlierRepair> earlier(LedgerSide ledger, Collection<String> factKeys) {
        return earlierSince == null ? Map.of() : ledger.repairsSince(factKeys, earlierSince);
    }

    /** Notes that this attempt lists the repair under {@code factKey}; false when it has listed it already. */
    boolean list(String factKey) {
        return listed.add(factKey);
    }

    /** The item of a record an earlier attempt repaired; {@code order} is the order as the ledger has it now. */
    static ReconciliationItem item(String runId, SettlementRecord record, LedgerOrderView order,
                                   LedgerSide.EarlierRepair repair) {
        StoreResult stored = new StoreResult(StoreOutcome.DUPLICATE, repair.eventId());
        if (!repair.orderExisted()) {
            // named by the record, as the repair named the order it created
            return RepairFacts.item(runId, DiscrepancyKind.MISSING_IN_LEDGER, record, null, stored);
        }
        return RepairFacts.item(runId, DiscrepancyKind.STATUS_BEHIND, record, order, repair.statusBefore(), stored);
    }
}
