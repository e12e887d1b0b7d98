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

    /** Builds a fact key from its parts, so every provider spells keys the same way. */
    public static String key(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            if (!key.isEmpty()) {
                key.append('|');
            }
            key.append(part == null ? "" : part);
        }
        return key.toString();
    }
}
