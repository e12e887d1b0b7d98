package tw.twpay.hub.reconciliation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Objects;
import tw.twpay.hub.provider.ProviderId;

/**
 * What one run covers: one provider, one merchant, and whole business days in Asia/Taipei (the providers' time),
 * {@code from} to {@code to} both included.
 */
public record SettlementWindow(ProviderId provider, String merchant, LocalDate from, LocalDate to) {

    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Taipei");

    public SettlementWindow {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public static SettlementWindow day(ProviderId provider, String merchant, LocalDate date) {
        return new SettlementWindow(provider, merchant, date, date);
    }

    /** The first instant of the window (00:00 Asia/Taipei of {@code from}). */
    public OffsetDateTime start() {
        return from.atStartOfDay(BUSINESS_ZONE).toOffsetDateTime();
    }

    /** The first instant after the window (00:00 Asia/Taipei of the day after {@code to}). */
    public OffsetDateTime end() {
        return to.plusDays(1).atStartOfDay(BUSINESS_ZONE).toOffsetDateTime();
    }

    public long days() {
        return to.toEpochDay() - from.toEpochDay() + 1;
    }

    /** Equal for every run of the same window: at most one of them runs at a time. */
    public String key() {
        return provider.code() + "|" + merchant + "|" + from + "|" + to;
    }
}
