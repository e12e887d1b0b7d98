package tw.twpay.hub.reconciliation;

import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;

/** The few columns of a ledger order the matcher compares. */
public record LedgerOrderView(String orderNo, String providerTradeId, String merchantId, PaymentStatus status,
                              Money amount) {
}
