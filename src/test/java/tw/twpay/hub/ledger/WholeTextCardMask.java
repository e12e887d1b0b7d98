package tw.twpay.hub.ledger;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The card-number mask as it was before session 9: the pattern searched over the whole text, judging only the longest
 * stretch it matched (so it missed a card number with other digits next to it). The "before" of
 * CallbackTextBenchmark, and what SensitiveDataMaskerTest checks the mask still masks at least.
 */
public final class WholeTextCardMask {

    private static final Pattern CARD_NUMBER = Pattern.compile("(?<!\\d)\\d(?:[ ._-]?\\d){12,18}(?!\\d)");

    private WholeTextCardMask() {
    }

    public static String mask(String text) {
        Matcher matcher = CARD_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("[ ._-]", "");
            matcher.appendReplacement(out, SensitiveDataMasker.passesLuhn(digits)
                    ? digits.substring(0, 6) + "*".repeat(digits.length() - 10) + digits.substring(digits.length() - 4)
                    : matcher.group());
        }
        return matcher.appendTail(out).toString();
    }
}
