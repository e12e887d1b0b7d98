package tw.twpay.hub.canonical;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One fact about one payment, in the same shape whichever gateway reported it.
 *
 * @param provider        NEWEBPAY, TAPPAY, FLASHPAY (upper case provider code)
 * @param merchant        the hub's merchant alias (configuration key)
 * @param merchantId      the merchant id as the provider knows it
 * @param orderNo         the merchant order number
 * @param providerTradeId the provider's own transaction id
 */
public record PaymentEvent(
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
        OffsetDateTime occurredAt,
        OffsetDateTime receivedAt,
        EventSource source,
        String providerStatus,
        String providerCode,
        String providerMessage,
        List<EventFlag> flags,
        RecurringCharge recurring) implements CanonicalEvent {

    public static final String TYPE = "tw.twpay.payment.v1";

    public PaymentEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public PaymentEvent withFlag(EventFlag flag) {
        if (flags.contains(flag)) {
            return this;
        }
        List<EventFlag> more = new java.util.ArrayList<>(flags);
        more.add(flag);
        return new PaymentEvent(provider, merchant, merchantId, orderNo, providerTradeId, status, amount, method,
                card, authCode, occurredAt, receivedAt, source, providerStatus, providerCode, providerMessage, more,
                recurring);
    }

    /** The same fact with another amount (e.g. the part refunded rather than the trade's). */
    public PaymentEvent withAmount(Money money) {
        return new PaymentEvent(provider, merchant, merchantId, orderNo, providerTradeId, status, money, method,
                card, authCode, occurredAt, receivedAt, source, providerStatus, providerCode, providerMessage, flags,
                recurring);
    }

    /** The same fact with the provider's words replaced (e.g. with card numbers in them masked). */
    public PaymentEvent withProviderMessage(String message) {
        return new PaymentEvent(provider, merchant, merchantId, orderNo, providerTradeId, status, amount, method,
                card, authCode, occurredAt, receivedAt, source, providerStatus, providerCode, message, flags,
                recurring);
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return orderNo;
    }
}
