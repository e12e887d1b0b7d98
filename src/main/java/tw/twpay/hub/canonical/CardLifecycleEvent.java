package tw.twpay.hub.canonical;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A change to a stored card (token) that the ERP must act on: a new expiry, or a card that can no longer be charged.
 *
 * @param tokenRef       the provider's token reference (never a card number)
 * @param newExpiry      YYYY-MM, when the provider reports one
 * @param remainingTimes recurring charges still scheduled on this token, where the provider tells it
 */
public record CardLifecycleEvent(
        String provider,
        String merchant,
        String merchantId,
        String tokenRef,
        TokenStatus tokenStatus,
        String newExpiry,
        Integer remainingTimes,
        List<LocalDate> scheduleDates,
        CardAction action,
        CardSummary card,
        OffsetDateTime occurredAt,
        OffsetDateTime receivedAt,
        EventSource source,
        String providerStatus,
        String providerCode,
        String providerMessage) implements CanonicalEvent {

    public static final String TYPE = "tw.twpay.card-lifecycle.v1";

    public CardLifecycleEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(tokenRef, "tokenRef");
        Objects.requireNonNull(tokenStatus, "tokenStatus");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
        scheduleDates = scheduleDates == null ? List.of() : List.copyOf(scheduleDates);
        if (newExpiry != null && !CardSummary.isExpiry(newExpiry)) {
            throw new IllegalArgumentException("newExpiry must be YYYY-MM");
        }
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return tokenRef;
    }
}
