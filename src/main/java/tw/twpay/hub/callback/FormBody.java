package tw.twpay.hub.callback;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * An {@code application/x-www-form-urlencoded} body, read as the providers send it: UTF-8, {@code +} for a space.
 * A field given twice keeps its first value; a malformed percent-escape is a 400.
 */
public final class FormBody {

    private FormBody() {
    }

    public static Map<String, String> parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return fields;
        }
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf('&', start);
            if (end < 0) {
                end = body.length();
            }
            if (end > start) {
                int equals = body.indexOf('=', start);
                boolean hasValue = equals >= 0 && equals < end;
                String name = decode(body.substring(start, hasValue ? equals : end));
                String value = hasValue ? decode(body.substring(equals + 1, end)) : "";
                fields.putIfAbsent(name, value);
            }
            start = end + 1;
        }
        return fields;
    }

    private static String decode(String text) {
        // most of a notify's form is hex or base64 without escapes: nothing to decode (URLDecoder would copy it)
        String decoded = text;
        if (text.indexOf('%') >= 0 || text.indexOf('+') >= 0) {
            try {
                decoded = URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw RejectedRequestException.badRequest("the form body has a malformed percent-escape");
            }
        }
        // the lenient decoders (the container's, URLDecoder's) turn bytes that are not UTF-8 into U+FFFD; no
        // provider sends that character itself
        if (decoded.indexOf('\uFFFD') >= 0) {
            throw RejectedRequestException.badRequest("the form body is not valid UTF-8");
        }
        return decoded;
    }
}
