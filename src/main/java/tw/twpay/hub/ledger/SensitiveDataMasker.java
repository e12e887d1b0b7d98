package tw.twpay.hub.ledger;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Last line of defence before anything provider- or ERP-sent is written, logged or passed on: any run of 13 to 19
 * digits (also with a space, dash, dot or underscore between digits) that passes the Luhn check, as every card number does, keeps its first six and
 * last four digits only. Provider mappers mask the card fields they know; this catches the ones they do not.
 */
public final class SensitiveDataMasker {

    private static final Pattern CARD_NUMBER = Pattern.compile("(?<!\\d)\\d(?:[ ._-]?\\d){12,18}(?!\\d)");

    private SensitiveDataMasker() {
    }

    public static String mask(String text) {
        if (text == null || !hasThirteenDigitsInARow(text)) {
            return text;
        }
        Matcher matcher = CARD_NUMBER.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String digits = matcher.group().replaceAll("[ ._-]", "");
            if (!passesLuhn(digits)) {
                matcher.appendReplacement(out, matcher.group());
                continue;
            }
            String masked = digits.substring(0, 6) + "*".repeat(digits.length() - 10) + digits.substring(digits.length() - 4);
            matcher.appendReplacement(out, masked);
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Whether the text has a run of at least 13 digits, single separators between digits allowed: every text the
     * pattern can match has one. One pass over the characters, so the pattern only runs on texts that may hold a card
     * number (most raw callbacks hold none, and the pattern tries every position).
     */
    private static boolean hasThirteenDigitsInARow(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                if (++run >= 13) {
                    return true;
                }
            } else if (!(run > 0 && isSeparator(c) && i + 1 < text.length() && isDigit(text.charAt(i + 1)))) {
                run = 0;
            }
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '.' || c == '_' || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean passesLuhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
