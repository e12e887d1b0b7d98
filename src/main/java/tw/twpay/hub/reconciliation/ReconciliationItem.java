package tw.twpay.hub.reconciliation;

import java.time.OffsetDateTime;
import tw.twpay.hub.canonical.Money;

/** One judged record: what the gateway said, what the ledger had, what the run did, and who resolved it. */
public record ReconciliationItem(
        long id,
        String runId,
        DiscrepancyKind kind,
        String orderNo,
        String providerTradeId,
        String gatewayStatus,
        Money gatewayAmount,
        OffsetDateTime gatewayTime,
        String providerStatus,
        String ledgerStatus,
        Money ledgerAmount,
        String repairOutcome,
        String repairEventId,
        Resolution resolution) {

    /** A human's verdict on a listed discrepancy: written once, never changed. */
    public record Resolution(OffsetDateTime resolvedAt, String resolvedBy, String note) {
    }
}
