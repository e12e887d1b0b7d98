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
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        int copied = 0;
        Matcher matcher = null;
        int length = text.length();
        for (int i = 0; i < length; ) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            // a run of digits, single separators between digits allowed: a card number lies within one
            int start = i;
            int end = i;
            int digits = 0;
            while (i < length) {
                char c = text.charAt(i);
                if (isDigit(c)) {
                    digits++;
                    end = ++i;
                } else if (isSeparator(c) && i + 1 < length && isDigit(text.charAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            if (digits < 13) {
                continue;
            }
            // the pattern only runs within the run (it would try every position of the text), seeing past its ends
            if (matcher == null) {
                matcher = CARD_NUMBER.matcher(text).useTransparentBounds(true);
            }
            matcher.region(start, end);
            while (matcher.find()) {
                String number = digitsOf(matcher.group());
                if (passesLuhn(number)) {
                    if (out == null) {
                        out = new StringBuilder(length);
                    }
                    out.append(text, copied, matcher.start()).append(number, 0, 6)
                            .append("*".repeat(number.length() - 10)).append(number, number.length() - 4, number.length());
                    copied = matcher.end();
                }
            }
        }
        return out == null ? text : out.append(text, copied, length).toString();
    }

    private static String digitsOf(String candidate) {
        StringBuilder digits = new StringBuilder(candidate.length());
        for (int i = 0; i < candidate.length(); i++) {
            if (isDigit(candidate.charAt(i))) {
                digits.append(candidate.charAt(i));
            }
        }
        return digits.toString();
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
