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

    public Money {
        Objects.requireNonNull(value, "amount value");
        Objects.requireNonNull(currency, "amount currency");
        Currency iso = isoCurrency(currency);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        try {
            value = value.setScale(Math.max(iso.getDefaultFractionDigits(), 0), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "amount " + value.toPlainString() + " has more decimals than " + currency + " allows");
        }
    }

    public static Money of(String value, String currency) {
        try {
            return new Money(new BigDecimal(value.trim()), currency);
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
