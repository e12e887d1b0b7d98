package tw.twpay.hub.canonical;

/**
 * What may be said about a card: never more than the first six and last four digits.
 *
 * @param expiry YYYY-MM, when the provider tells it
 */
public record CardSummary(String bin6, String last4, String brand, String expiry) {

    public CardSummary {
        if (bin6 != null && !bin6.matches("\\d{6}")) {
            throw new IllegalArgumentException("card bin6 must be six digits");
        }
        if (last4 != null && !last4.matches("\\d{4}")) {
            throw new IllegalArgumentException("card last4 must be four digits");
        }
        if (expiry != null && !expiry.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new IllegalArgumentException("card expiry must be YYYY-MM");
        }
    }
}
