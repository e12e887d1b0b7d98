package tw.twpay.hub.logging;

/**
 * Makes text safe for one log line: CR, LF and every other control character (and the Unicode line and paragraph
 * separators) become visible escapes such as {@code \r}, {@code \n}, {@code \u001b}, so nothing a caller sent can
 * start a forged log line or steer a terminal. A backslash is left alone: the escapes are for reading, not decoding.
 */
public final class LogText {

    private LogText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        return escapeFrom(text, first);
    }

    /**
     * Like {@link #escape} but a line break (LF, or CR LF) stays one: for text laid out in lines before the hub
     * serves anything (start-up reports), never for anything a caller sent. A CR of its own is still escaped, so no
     * line can be overwritten on a terminal.
     */
    public static String escapeKeepingLineBreaks(String text) {
        if (text == null || text.indexOf('\n') < 0) {
            return escape(text);
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            boolean crlf = end > start && text.charAt(end - 1) == '\r';
            out.append(escape(text.substring(start, crlf ? end - 1 : end))).append(crlf ? "\r\n" : "\n");
            start = end + 1;
        }
        return out.append(escape(text.substring(start))).toString();
    }

    private static String escapeFrom(String text, int first) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append('\t');
                default -> {
                    if (unsafe(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && unsafe(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
