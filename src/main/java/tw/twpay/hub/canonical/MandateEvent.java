package tw.twpay.hub.canonical;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A recurring mandate was changed at the provider: suspended, terminated, restarted or given a new amount. Its
 * subject is the mandate's order number, the same as the payment events of the mandate's charges carry.
 *
 * @param orderNo        the merchant order number the mandate was created under
 * @param mandateId      the provider's mandate id (NewebPay PeriodNo)
 * @param periodAmount   the amount per period from now on, when the provider tells it
 * @param nextChargeDate the next scheduled charge, when the provider tells it
 */
public record MandateEvent(
        String provider,
        String merchant,
        String merchantId,
        String orderNo,
        String mandateId,
        MandateChange change,
        Money periodAmount,
        LocalDate nextChargeDate,
        OffsetDateTime occurredAt,
        OffsetDateTime receivedAt,
        EventSource source,
        String providerStatus,
        String providerCode,
        String providerMessage) implements CanonicalEvent {

    public static final String TYPE = "tw.twpay.mandate.v1";

    public MandateEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(mandateId, "mandateId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
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
