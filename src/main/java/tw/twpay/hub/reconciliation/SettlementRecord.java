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
 * @param refunded        what the gateway says has been refunded of the trade in all (FlashPay tot_ret_amt, TapPay
 *                        refunded_amount), or null when it does not say or nothing was refunded
 * @param meaning         whether the record is the trade's current state or one settled operation of it
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
        Money refunded,
        Meaning meaning,
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

    /** How a record is read against a ledger that has moved on from it. */
    public enum Meaning {
        /** the trade's current state: a ledger ahead of it is a conflict */
        TRADE_STATE,
        /** one settled operation (a capture, a refund): a ledger that has moved on from it agrees with it */
        SETTLED_OPERATION
    }

    public SettlementRecord {
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(meaning, "meaning");
        if (refunded != null && refunded.value().signum() == 0) {
            refunded = null;
        }
        if (providerTradeId == null && orderNo == null) {
            throw new IllegalArgumentException("a settlement record needs a provider trade id or an order number");
        }
        if (presence == Presence.REPORTED && status == null) {
            throw new IllegalArgumentException("a reported trade needs a status");
        }
    }

    /** The trade's current state as the gateway reports it, no refunded total named. */
    public static SettlementRecord reported(String providerTradeId, String orderNo, PaymentStatus status, Money amount,
                                            OffsetDateTime occurredAt, String merchantId, String providerStatus,
                                            String rawPayload) {
        return new SettlementRecord(Presence.REPORTED, providerTradeId, orderNo, status, amount, null,
                Meaning.TRADE_STATE, occurredAt, merchantId, providerStatus, rawPayload);
    }

    public static SettlementRecord notAtGateway(String orderNo, String providerStatus) {
        return new SettlementRecord(Presence.NOT_AT_GATEWAY, null, orderNo, null, null, null, Meaning.TRADE_STATE,
                null, null, providerStatus, null);
    }

    public static SettlementRecord unanswered(String orderNo, String reason) {
        return new SettlementRecord(Presence.UNANSWERED, null, orderNo, null, null, null, Meaning.TRADE_STATE, null,
                null, reason, null);
    }

    /** The same record naming what the gateway has refunded of the trade in all (null or zero: nothing named). */
    public SettlementRecord withRefunded(Money total) {
        return new SettlementRecord(presence, providerTradeId, orderNo, status, amount, total, meaning, occurredAt,
                merchantId, providerStatus, rawPayload);
    }

    /** The same record read as one settled operation of the trade rather than its current state. */
    public SettlementRecord asSettledOperation() {
        return new SettlementRecord(presence, providerTradeId, orderNo, status, amount, refunded,
                Meaning.SETTLED_OPERATION, occurredAt, merchantId, providerStatus, rawPayload);
    }
}
