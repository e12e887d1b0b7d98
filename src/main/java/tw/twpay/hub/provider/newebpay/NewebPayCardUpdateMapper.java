package tw.twpay.hub.provider.newebpay;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tw.twpay.hub.canonical.CardAction;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.crypto.Sha256;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * Card Account Updater (卡號更新服務) notifies as card lifecycle facts: a renewed card's new expiry (keep charging,
 * update the schedule) or a card that may no longer be charged (cardStatus other than ACTIVE: stop and rebind).
 */
public final class NewebPayCardUpdateMapper {

    private NewebPayCardUpdateMapper() {
    }

    public static LedgerFact fromCauNotify(NewebPayMerchant merchant, NewebPayPayload payload, OffsetDateTime receivedAt,
                                           String rawPayload) {
        String cardStatus = NewebPayTradeMapper.required(payload, "cardStatus");
        // The CAU document does not name the token field; the first of these that is present identifies it.
        String tokenRef = NewebPayTradeMapper.firstPresent(payload.field("TokenValue"), payload.field("PeriodNo"),
                payload.field("TokenTerm"), payload.field("MerchantOrderNo"));
        if (tokenRef == null) {
            throw new NewebPayDecodeException("CAU notify names no token (TokenValue, PeriodNo, TokenTerm or MerchantOrderNo)");
        }
        TokenStatus status = tokenStatus(cardStatus);
        String newExpiry = expiry(payload.field("newExpiry"));
        Integer remaining = remainingTimes(payload.field("remainingTimes"));
        List<LocalDate> schedule = scheduleDates(payload.field("scheduleDates"));
        CardAction action = status == TokenStatus.ACTIVE ? CardAction.UPDATE_EXPIRY : CardAction.STOP_CHARGING_AND_REBIND;
        CardLifecycleEvent event = new CardLifecycleEvent(NewebPay.CODE, merchant.alias(),
                merchant.merchantId(), tokenRef, status, newExpiry, remaining, schedule, action, null, null, receivedAt,
                EventSource.CALLBACK, cardStatus, payload.status(), emptyToNull(payload.message()));
        return new LedgerFact(factKey(merchant, tokenRef, cardStatus, newExpiry, remaining, schedule), event,
                rawPayload);
    }

    /**
     * What the notice says is its key. The schedule of an open-ended mandate runs to the renewed card's expiry (five
     * years of monthly dates): when the key would be longer than the journal keeps, the schedule is keyed by its
     * SHA-256 instead — a notice refused for the length of its key would be retried, and lost, for ever.
     */
    private static String factKey(NewebPayMerchant merchant, String tokenRef, String cardStatus, String newExpiry,
                                  Integer remaining, List<LocalDate> schedule) {
        String key = LedgerFact.key(NewebPay.CODE, merchant.alias(), "cau", tokenRef, cardStatus, newExpiry,
                remaining, String.valueOf(schedule));
        if (key.length() <= LedgerFact.MAX_KEY_LENGTH) {
            return key;
        }
        return LedgerFact.key(NewebPay.CODE, merchant.alias(), "cau", tokenRef, cardStatus, newExpiry, remaining,
                "schedule-sha256", Sha256.upperHex(String.valueOf(schedule)));
    }

    static TokenStatus tokenStatus(String cardStatus) {
        try {
            return TokenStatus.valueOf(cardStatus.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return TokenStatus.UNKNOWN;
        }
    }

    private static String expiry(String newExpiry) {
        if (newExpiry == null || newExpiry.isBlank()) {
            return null;
        }
        if (!CardSummary.isExpiry(newExpiry)) {
            throw new NewebPayDecodeException("newExpiry must be YYYY-MM");
        }
        return newExpiry;
    }

    private static Integer remainingTimes(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new NewebPayDecodeException("remainingTimes is not a whole number");
        }
    }

    /** A JSON array or a comma-separated list of dates (yyyy-MM-dd or yyyyMMdd). */
    private static List<LocalDate> scheduleDates(String value) {
        List<LocalDate> dates = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return dates;
        }
        for (String part : value.replaceAll("[\\[\\]\"\\s]", "").split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                dates.add(part.length() == 8
                        ? LocalDate.parse(part, java.time.format.DateTimeFormatter.BASIC_ISO_DATE) : LocalDate.parse(part));
            } catch (DateTimeParseException e) {
                throw new NewebPayDecodeException("scheduleDates holds a date that is not yyyy-MM-dd");
            }
        }
        return dates;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
