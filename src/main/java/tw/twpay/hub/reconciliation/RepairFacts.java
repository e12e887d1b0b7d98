package tw.twpay.hub.reconciliation;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.StoreResult;

/** The fact a repair stores, its key, and the item row a judged record becomes. */
final class RepairFacts {

    private static final Set<PaymentStatus> REFUNDS = EnumSet.of(PaymentStatus.REFUND_REQUESTED,
            PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED);

    private RepairFacts() {
    }

    /**
     * The gateway's fact, source RECONCILIATION. The ledger adds UNKNOWN_ORDER itself when the hub never created the
     * order. A record naming only the provider's trade id is filed under that id as its order number. A refund of an
     * order the ledger has carries what the gateway has refunded in all, when it names that, as the providers' own
     * refund facts do (the ledger's refunded total is read from them); an order the repair creates takes the trade's
     * amount, which the order keeps.
     */
    static PaymentEvent event(SettlementWindow window, SettlementRecord record, LedgerOrderView order,
                              OffsetDateTime now) {
        String orderNo = orderNo(record, order);
        String merchantId = record.merchantId() != null ? record.merchantId()
                : order == null ? null : order.merchantId();
        String tradeId = record.providerTradeId() != null ? record.providerTradeId()
                : order == null ? null : order.providerTradeId();
        Money amount = order != null && record.refunded() != null && REFUNDS.contains(record.status())
                ? record.refunded() : record.amount();
        return new PaymentEvent(window.provider().code(), window.merchant(), merchantId, orderNo, tradeId,
                record.status(), amount, null, null, null, record.occurredAt(), now,
                EventSource.RECONCILIATION, record.providerStatus(), null, null, List.of(), null);
    }

    /**
     * The order a record is about: the ledger's order it matched, else the record's order number, else (a record
     * naming only the provider's trade id) that id.
     */
    static String orderNo(SettlementRecord record, LedgerOrderView order) {
        return order != null ? order.orderNo() : record.orderNo() != null ? record.orderNo() : record.providerTradeId();
    }

    /**
     * The same gateway fact always has the same key, so a second run of the window stores nothing new; a refunded
     * total the gateway names is part of the fact, so a further refund is a new one.
     */
    static String key(SettlementWindow window, SettlementRecord record, String orderNo) {
        String key = LedgerFact.key(window.provider().code(), window.merchant(), orderNo, "RECONCILIATION",
                record.providerTradeId(), record.status());
        return record.refunded() == null ? key : LedgerFact.extend(key, record.refunded().text());
    }

    /** The item a judged record becomes (not stored yet: no id, no resolution). */
    static ReconciliationItem item(String runId, DiscrepancyKind kind, SettlementRecord record,
                                   LedgerOrderView order, StoreResult repair) {
        return item(runId, kind, record, order, order == null ? null : order.status(), repair);
    }

    /**
     * As {@link #item(String, DiscrepancyKind, SettlementRecord, LedgerOrderView, StoreResult)}, with the ledger
     * status the record is listed against given apart from the order (null: not known).
     */
    static ReconciliationItem item(String runId, DiscrepancyKind kind, SettlementRecord record,
                                   LedgerOrderView order, PaymentStatus ledgerStatus, StoreResult repair) {
        String tradeId = record.providerTradeId() != null ? record.providerTradeId()
                : order == null ? null : order.providerTradeId();
        return new ReconciliationItem(0, runId, kind, orderNo(record, order), tradeId,
                record.status() == null ? null : record.status().name(), record.amount(), record.occurredAt(),
                truncate(record.providerStatus(), 64), ledgerStatus == null ? null : ledgerStatus.name(),
                order == null ? null : order.amount(), repair == null ? null : repair.outcome().name(),
                repair == null ? null : repair.eventId(), null);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
