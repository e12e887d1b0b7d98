package tw.twpay.hub.canonical;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in an ISO 4217 currency. The value always carries the currency's minor-unit scale
 * (TWD 855 becomes 855.00) so two equal amounts have one textual form in events and the ledger.
 */
public record Money(BigDecimal value, String currency) {

    /** Digits before the decimal point the ledger keeps (decimal(19, 4)). */
    public static final int MAX_INTEGER_DIGITS = 15;

    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("[0-9]{1,40}(\\.[0-9]{1,40})?");

    public Money {
        Objects.requireNonNull(value, "amount value");
        Objects.requireNonNull(currency, "amount currency");
        Currency iso = isoCurrency(currency);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        // checked before any rescaling: 1e999999999 would otherwise be expanded to a billion digits
        if (value.signum() != 0 && value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("amount has more than " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point");
        }
        try {
            value = value.setScale(Math.max(iso.getDefaultFractionDigits(), 0), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "amount " + value.toPlainString() + " has more decimals than " + currency + " allows");
        }
    }

    /** A plain decimal string such as {@code 855} or {@code 855.50}: no sign, no exponent, no grouping. */
    public static Money of(String value, String currency) {
        String text = value.trim();
        if (text.startsWith("-") && PLAIN_DECIMAL.matcher(text.substring(1)).matches()) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("amount '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "' is not a decimal number written plainly, such as 855 or 855.50");
        }
        try {
            return new Money(new BigDecimal(text), currency);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount '" + value + "' is not a decimal number");
        }
    }

    public static Money twd(long wholeDollars) {
        return new Money(BigDecimal.valueOf(wholeDollars), "TWD");
    }

    /** The decimal string used on the wire, e.g. {@code 855.00}. */
    public String text() {
        return value.toPlainString();
    }

    public int compareTo(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot compare " + currency + " with " + other.currency);
        }
        return value.compareTo(other.value);
    }

    private static Currency isoCurrency(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency '" + code + "' is not an ISO 4217 code");
        }
    }
}
