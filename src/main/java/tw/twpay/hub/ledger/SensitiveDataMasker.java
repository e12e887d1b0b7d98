package tw.twpay.hub.ledger;

/**
 * Last line of defence before anything provider- or ERP-sent is written, logged or passed on: a card number keeps its
 * first six and last four digits only. Provider mappers mask the card fields they know; this catches the ones they
 * do not.
 * <p>
 * A card number is looked for within a run of digit groups joined by up to three separators (any Unicode space, such
 * as a no-break space, dash, dot, underscore, slash or plus: {@code 4111 1111 1111 1111}, {@code 4111-1111-1111-1111},
 * {@code 4111  1111  1111  1111}, {@code 4111 - 1111 - 1111 - 1111}). Any stretch of whole groups of such a run —
 * starting at a group's first digit, ending at a group's last — that holds 13 to 19 digits and passes the Luhn check,
 * as every card number does, is masked. So a number followed or preceded by other digits ({@code 4111111111111111
 * 12/30}, {@code exp 12 4111111111111111}, {@code 4111 1111 1111 1111 123}) is found, while a group is never cut in
 * two: a window starting inside an unbroken digit string would let about one in ten of the 17-digit trade numbers
 * and timestamps around card numbers pass the check and be masked by chance. From each group the longest passing
 * stretch is taken; stretches that overlap are masked as one (first six and last four of the whole), so no digit
 * between them stays readable.
 */
public final class SensitiveDataMasker {

    private static final int SHORTEST = 13;
    private static final int LONGEST = 19;
    /** The most separators in a row that still join two digit groups ({@code 4111 - 1111}). */
    private static final int MOST_SEPARATORS = 3;

    private SensitiveDataMasker() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        int copied = 0;
        int length = text.length();
        for (int i = 0; i < length; ) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            int digits = 0;
            while (i < length) {
                char c = text.charAt(i);
                if (isDigit(c)) {
                    digits++;
                    i++;
                } else {
                    int next = groupAfterSeparators(text, i);
                    if (next < 0) {
                        break;
                    }
                    i = next;
                }
            }
            if (digits < SHORTEST) {
                continue;
            }
            int runEnd = i;
            // the stretch being masked: overlapping passing stretches grow it, a separate one flushes it
            int spanStart = -1;
            int spanEnd = -1;
            for (int start = runStart; start < runEnd; start = nextGroup(text, start, runEnd)) {
                int end = longestPassingStretch(text, start, runEnd);
                if (end < 0) {
                    continue;
                }
                if (spanStart >= 0 && start < spanEnd) {
                    spanEnd = Math.max(spanEnd, end);
                    continue;
                }
                if (spanStart >= 0) {
                    out = masked(out, text, copied, spanStart, spanEnd);
                    copied = spanEnd;
                }
                spanStart = start;
                spanEnd = end;
            }
            if (spanStart >= 0) {
                out = masked(out, text, copied, spanStart, spanEnd);
                copied = spanEnd;
            }
        }
        return out == null ? text : out.append(text, copied, length).toString();
    }

    /**
     * The end (exclusive) of the longest stretch of whole groups from {@code start} (a group's first digit) that
     * holds 13 to 19 digits and passes the Luhn check, or -1. One pass from the left: the Luhn sum of any length is
     * put together from the sums of the digits at even and at odd positions, plain and doubled.
     */
    private static int longestPassingStretch(String text, int start, int runEnd) {
        int plainEven = 0;
        int plainOdd = 0;
        int doubledEven = 0;
        int doubledOdd = 0;
        int digits = 0;
        int found = -1;
        for (int i = start; i < runEnd; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                continue;
            }
            int digit = c - '0';
            int doubled = digit < 5 ? digit * 2 : digit * 2 - 9;
            if ((digits & 1) == 0) {
                plainEven += digit;
                doubledEven += doubled;
            } else {
                plainOdd += digit;
                doubledOdd += doubled;
            }
            digits++;
            if (digits > LONGEST) {
                break;
            }
            boolean groupEnds = i + 1 == runEnd || !isDigit(text.charAt(i + 1));
            if (groupEnds && digits >= SHORTEST) {
                // the last digit is never doubled, the one before it is, and so on to the left
                boolean lastIsOdd = ((digits - 1) & 1) == 1;
                int sum = lastIsOdd ? plainOdd + doubledEven : plainEven + doubledOdd;
                if (sum % 10 == 0) {
                    found = i + 1;
                }
            }
        }
        return found;
    }

    /** The first digit of the group after the one {@code position} is in, or {@code runEnd}. */
    private static int nextGroup(String text, int position, int runEnd) {
        int i = position;
        while (i < runEnd && isDigit(text.charAt(i))) {
            i++;
        }
        while (i < runEnd && !isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The first digit of the group that 1 to {@link #MOST_SEPARATORS} separators from {@code position} lead to, or -1
     * when the digits do not run on there.
     */
    private static int groupAfterSeparators(String text, int position) {
        int i = position;
        int end = Math.min(text.length(), position + MOST_SEPARATORS);
        while (i < end && isSeparator(text.charAt(i))) {
            i++;
        }
        return i > position && i < text.length() && isDigit(text.charAt(i)) ? i : -1;
    }

    private static StringBuilder masked(StringBuilder out, String text, int copied, int start, int end) {
        StringBuilder into = out == null ? new StringBuilder(text.length()) : out;
        into.append(text, copied, start);
        int digits = 0;
        for (int i = start; i < end; i++) {
            if (isDigit(text.charAt(i))) {
                digits++;
            }
        }
        int seen = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                into.append(seen < 6 || seen >= digits - 4 ? c : '*');
                seen++;
            }
        }
        return into;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '_' || c == '/' || c == '+'
                || (c > 0x7f && Character.isSpaceChar(c));
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
