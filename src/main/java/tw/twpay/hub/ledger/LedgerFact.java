package tw.twpay.hub.ledger;

import java.util.Objects;
import tw.twpay.hub.canonical.CanonicalEvent;

/**
 * A fact to store: the canonical event plus what makes it unique.
 *
 * @param factKey    unique per provider fact, e.g. {@code NEWEBPAY|shop|ORDER1|TradeNo|SUCCESS}; the same fact
 *                   always has the same key, and so the same event id
 * @param rawPayload the provider's payload for audit, or null; card numbers are masked again before it is written
 * @param reverts    the provider confirmed that an earlier request was withdrawn (a capture or refund request
 *                   cancelled), so the order returns to the fact's status although that is a step back
 */
public record LedgerFact(String factKey, CanonicalEvent event, String rawPayload, boolean reverts) {

    /** What the journal's fact_key column holds (db/migration V1). */
    public static final int MAX_KEY_LENGTH = 300;

    public LedgerFact(String factKey, CanonicalEvent event, String rawPayload) {
        this(factKey, event, rawPayload, false);
    }

    public LedgerFact {
        Objects.requireNonNull(factKey, "factKey");
        Objects.requireNonNull(event, "event");
        if (factKey.isBlank() || factKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("factKey must be 1.." + MAX_KEY_LENGTH + " characters");
        }
        LedgerColumnLimits.check(event);
    }

    /**
     * Builds a fact key from its parts, so every provider spells keys the same way: the parts joined by {@code |}. A
     * part is written as it is, except that a {@code |} or {@code \} in it is preceded by {@code \}: order and
     * trade numbers read from gateway data are not charset-checked, and unescaped, {@code A|B} then {@code C} and
     * {@code A} then {@code B|C} would be one key, and so one event id (the second fact dropped as a duplicate). An
     * ordinary part holds neither character, so its key is the one stored before the escaping came.
     */
    public static String key(Object... parts) {
        return extend(null, parts);
    }

    /**
     * A key made of an existing fact key followed by further parts, written as {@link #key(Object...)} writes them
     * (the existing key is not escaped again).
     */
    public static String extend(String factKey, Object... parts) {
        StringBuilder key = new StringBuilder(factKey == null ? "" : factKey);
        boolean first = factKey == null;
        for (Object part : parts) {
            if (!first) {
                key.append('|');
            }
            first = false;
            String text = part == null ? "" : part.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '|' || c == '\\') {
                    key.append('\\');
                }
                key.append(c);
            }
        }
        return key.toString();
    }
}
