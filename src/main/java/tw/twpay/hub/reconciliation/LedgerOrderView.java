package tw.twpay.hub.reconciliation;

import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;

/**
 * The few columns of a ledger order the matcher compares, and the order's H2 row id ({@link #UNKNOWN_ROW} on
 * PostgreSQL and for an order a repair just wrote).
 */
public record LedgerOrderView(String orderNo, String providerTradeId, String merchantId, PaymentStatus status,
                              Money amount, long rowId) {

    public static final long UNKNOWN_ROW = -1;

    public LedgerOrderView(String orderNo, String providerTradeId, String merchantId, PaymentStatus status,
                           Money amount) {
        this(orderNo, providerTradeId, merchantId, status, amount, UNKNOWN_ROW);
    }
}
