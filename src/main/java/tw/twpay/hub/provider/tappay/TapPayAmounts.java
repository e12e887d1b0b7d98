package tw.twpay.hub.provider.tappay;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * TapPay's {@code amount}: a JSON number, whole TWD dollars (1..20,000,000), and HKD, MYR and USD in cents (1.01 →
 * 101). Anything else is refused before a call is made: TapPay would refuse it or, worse, charge a hundred times.
 */
public final class TapPayAmounts {

    /** Currencies whose wire rule is known, and the factor from the canonical amount to TapPay's number. */
    private static final Map<String, Integer> FACTOR = Map.of("TWD", 1, "HKD", 100, "MYR", 100, "USD", 100);
    static final String CURRENCIES = "TWD, HKD, MYR, USD";
    private static final BigInteger TWD_MAX = BigInteger.valueOf(20_000_000);

    private TapPayAmounts() {
    }

    static boolean supports(String currency) {
        return FACTOR.containsKey(currency);
    }

    /** The number TapPay expects for this amount; 400 when TapPay cannot take it. */
    public static long toWire(Money amount) {
        Integer factor = FACTOR.get(amount.currency());
        if (factor == null) {
            throw RejectedRequestException.badRequest("TapPay takes amounts in " + CURRENCIES + ", not "
                    + amount.currency());
        }
        BigDecimal scaled = amount.value().multiply(BigDecimal.valueOf(factor)).stripTrailingZeros();
        if (scaled.scale() > 0) {
            throw RejectedRequestException.badRequest(factor == 1
                    ? "TapPay takes whole TWD dollars; " + amount.text() + " has cents"
                    : "amount " + amount.text() + " " + amount.currency() + " has more than two decimals");
        }
        BigInteger wire = scaled.toBigIntegerExact();
        if (wire.signum() <= 0) {
            throw RejectedRequestException.badRequest("amount must be above zero");
        }
        if ("TWD".equals(amount.currency()) && wire.compareTo(TWD_MAX) > 0) {
            throw RejectedRequestException.badRequest("TapPay takes at most 20,000,000 TWD in one payment");
        }
        if (wire.bitLength() > 62) {
            throw RejectedRequestException.badRequest("amount " + amount.text() + " is too large");
        }
        return wire.longValueExact();
    }

    /** The canonical amount of a number TapPay answered in this currency. */
    public static Money fromWire(long wire, String currency) {
        Integer factor = FACTOR.get(currency);
        if (factor == null) {
            throw new IllegalArgumentException("TapPay answered an amount in " + currency);
        }
        return new Money(BigDecimal.valueOf(wire).divide(BigDecimal.valueOf(factor)), currency);
    }

    /**
     * A number TapPay reported in this currency, as the canonical amount; a currency without a known rule keeps the
     * number as it is, so that what TapPay said can still be stored (and flagged against the order's currency).
     */
    static Money reported(long wire, String currency) {
        return supports(currency) ? fromWire(wire, currency) : new Money(BigDecimal.valueOf(wire), currency);
    }
}
