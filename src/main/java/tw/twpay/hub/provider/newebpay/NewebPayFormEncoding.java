package tw.twpay.hub.provider.newebpay;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code application/x-www-form-urlencoded} text NewebPay encrypts and hashes. The manuals build it with PHP's
 * {@code http_build_query}; {@link URLEncoder} gives the same bytes (space as {@code +}, UTF-8 percent-escapes)
 * except that it leaves {@code *} unescaped, which is also what the gateway's own JavaScript SDK sends
 * (vector {@code mpg-special-chars}).
 */
public final class NewebPayFormEncoding {

    private NewebPayFormEncoding() {
    }

    /**
     * Encodes the fields in the map's iteration order (NewebPay decrypts, so order is free, but the published vectors
     * fix one). Values are written with {@link String#valueOf} ({@link BigDecimal} as plain text, never {@code 3E+1});
     * {@code null} values are left out, as {@code http_build_query} does.
     */
    public static String encode(Map<String, ?> fields) {
        StringBuilder form = new StringBuilder(fields.size() * 24);
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            Object value = field.getValue();
            if (value == null) {
                continue;
            }
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(text(value), StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    /** Encodes the fields with their names in ascending order, as CheckValue and CheckCode require. */
    public static String encodeSorted(Map<String, ?> fields) {
        return encode(new TreeMap<>(fields));
    }

    /**
     * Decodes form text into an ordered map; a repeated name keeps its last value, a name without {@code =} maps to
     * the empty string.
     *
     * @throws NewebPayDecodeException when a percent-escape is malformed (the text itself is not quoted)
     */
    public static Map<String, String> decode(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        int start = 0;
        int length = form.length();
        while (start <= length) {
            int end = form.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int equals = form.indexOf('=', start);
                if (equals < 0 || equals > end) {
                    fields.put(unescape(form.substring(start, end)), "");
                } else {
                    fields.put(unescape(form.substring(start, equals)), unescape(form.substring(equals + 1, end)));
                }
            }
            start = end + 1;
        }
        return fields;
    }

    private static String text(Object value) {
        return value instanceof BigDecimal amount ? amount.toPlainString() : String.valueOf(value);
    }

    private static String unescape(String escaped) {
        try {
            return URLDecoder.decode(escaped, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // URLDecoder's message quotes the input, which may be payment data: replace it, do not chain it.
            throw new NewebPayDecodeException("form text contains a malformed percent-escape");
        }
    }
}
