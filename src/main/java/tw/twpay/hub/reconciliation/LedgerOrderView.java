package tw.twpay.hub.reconciliation;

import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;

/**
 * The few columns of a ledger order the matcher compares, and the order's H2 row id ({@link #UNKNOWN_ROW} on
 * PostgreSQL and for an order a repair just wrote).
 *
 * @param refunded what the ledger holds as refunded in all, read from its journal only where the matcher compares
 *                 it (see {@link SettlementMatcher#comparesRefundedTotals}); null otherwise or when not known
 */
public record LedgerOrderView(String orderNo, String providerTradeId, String merchantId, PaymentStatus status,
                              Money amount, Money refunded, long rowId) {

    public static final long UNKNOWN_ROW = -1;

    public LedgerOrderView(String orderNo, String providerTradeId, String merchantId, PaymentStatus status,
                           Money amount) {
        this(orderNo, providerTradeId, merchantId, status, amount, null, UNKNOWN_ROW);
    }

    public LedgerOrderView withRefunded(Money total) {
        return new LedgerOrderView(orderNo, providerTradeId, merchantId, status, amount, total, rowId);
    }
}
