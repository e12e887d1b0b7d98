package tw.twpay.hub.reconciliation;

import java.time.OffsetDateTime;
import java.util.Objects;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;

/**
 * One trade as the gateway reports it, in the same shape for every provider.
 *
 * @param presence        whether the gateway reported the trade, said it has none, or did not answer
 * @param providerTradeId the provider's trade id (NewebPay TradeNo, TapPay rec_trade_id, FlashPay order_no), or null
 * @param orderNo         the merchant order number, or null when the gateway only names its own trade id
 * @param status          the trade's status in the canonical model (null unless {@code REPORTED})
 * @param amount          the trade's amount (the order amount, not a refunded part) and currency, or null
 * @param occurredAt      when the gateway says it happened, or null
 * @param merchantId      the merchant id as the provider knows it, or null
 * @param providerStatus  the provider's own word for the status, kept for support
 * @param rawPayload      the provider's record for the audit trail of a repair, or null; masked again before storing
 */
public record SettlementRecord(
        Presence presence,
        String providerTradeId,
        String orderNo,
        PaymentStatus status,
        Money amount,
        OffsetDateTime occurredAt,
        String merchantId,
        String providerStatus,
        String rawPayload) {

    /** What the gateway said about the trade. */
    public enum Presence {
        /** the gateway reported the trade */
        REPORTED,
        /** asked about the order, the gateway said it has no such trade */
        NOT_AT_GATEWAY,
        /** asked about the order, the gateway gave no usable answer (timeout, refusal): nothing is concluded */
        UNANSWERED
    }

    public SettlementRecord {
        Objects.requireNonNull(presence, "presence");
        if (providerTradeId == null && orderNo == null) {
            throw new IllegalArgumentException("a settlement record needs a provider trade id or an order number");
        }
        if (presence == Presence.REPORTED && status == null) {
            throw new IllegalArgumentException("a reported trade needs a status");
        }
    }

    public static SettlementRecord reported(String providerTradeId, String orderNo, PaymentStatus status, Money amount,
                                            OffsetDateTime occurredAt, String merchantId, String providerStatus,
                                            String rawPayload) {
        return new SettlementRecord(Presence.REPORTED, providerTradeId, orderNo, status, amount, occurredAt,
                merchantId, providerStatus, rawPayload);
    }

    public static SettlementRecord notAtGateway(String orderNo, String providerStatus) {
        return new SettlementRecord(Presence.NOT_AT_GATEWAY, null, orderNo, null, null, null, null, providerStatus,
                null);
    }

    public static SettlementRecord unanswered(String orderNo, String reason) {
        return new SettlementRecord(Presence.UNANSWERED, null, orderNo, null, null, null, null, reason, null);
    }
}
