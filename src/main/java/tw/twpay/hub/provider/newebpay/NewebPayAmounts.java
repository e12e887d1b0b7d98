package tw.twpay.hub.provider.newebpay;

import java.math.BigDecimal;
import tw.twpay.hub.canonical.Money;

/**
 * What NewebPay takes as an amount ({@code Amt}, {@code PeriodAmt}, {@code AlterAmt}): whole TWD above zero of at
 * most ten digits (an integer field of length 10). Anything else is refused before the gateway is called.
 */
final class NewebPayAmounts {

    static final BigDecimal MAX = new BigDecimal("9999999999");

    private NewebPayAmounts() {
    }

    static boolean isValid(Money amount) {
        BigDecimal value = amount.value();
        return "TWD".equals(amount.currency()) && value.signum() > 0 && value.stripTrailingZeros().scale() <= 0
                && value.compareTo(MAX) <= 0;
    }

    static final String RULE = "amount must be a whole number of TWD above zero and at most 9999999999 (NewebPay Amt)";

    /**
     * Whether an amount the gateway answered ({@code Amt}, written as a JSON number or a string) is {@code expected};
     * false for text that is not a number.
     */
    static boolean same(String answered, Money expected) {
        if (answered == null || answered.isBlank()) {
            return false;
        }
        try {
            return new BigDecimal(answered.trim()).compareTo(expected.value()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
