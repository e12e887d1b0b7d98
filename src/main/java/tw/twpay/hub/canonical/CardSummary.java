package tw.twpay.hub.canonical;

import java.util.regex.Pattern;

/**
 * What may be said about a card: never more than the first six and last four digits.
 *
 * @param expiry YYYY-MM, when the provider tells it
 */
public record CardSummary(String bin6, String last4, String brand, String expiry) {

    // compiled once: a card summary is made for every card callback
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    public CardSummary {
        if (bin6 != null && !SIX_DIGITS.matcher(bin6).matches()) {
            throw new IllegalArgumentException("card bin6 must be six digits");
        }
        if (last4 != null && !FOUR_DIGITS.matcher(last4).matches()) {
            throw new IllegalArgumentException("card last4 must be four digits");
        }
        if (expiry != null && !isExpiry(expiry)) {
            throw new IllegalArgumentException("card expiry must be YYYY-MM");
        }
    }

    /** Whether the text is a card expiry as the canonical model writes it: YYYY-MM. */
    public static boolean isExpiry(String text) {
        return YEAR_MONTH.matcher(text).matches();
    }
}
