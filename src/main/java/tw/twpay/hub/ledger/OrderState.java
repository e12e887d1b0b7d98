package tw.twpay.hub.ledger;

import java.time.OffsetDateTime;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;

/**
 * The ledger's current view of one order.
 *
 * @param createdByHub false when the order was first heard of from the provider (the hub never created it)
 */
public record OrderState(
        String provider,
        String merchant,
        String merchantId,
        String orderNo,
        String providerTradeId,
        PaymentStatus status,
        Money amount,
        String method,
        CardSummary card,
        String authCode,
        boolean createdByHub,
        String lastEventId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
