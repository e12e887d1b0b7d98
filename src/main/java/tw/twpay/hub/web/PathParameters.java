package tw.twpay.hub.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The ERP API's path parameters as the caller meant them: the REST binding hands them over still percent-encoded
 * ({@code ORDER%5F1}), so they are decoded once here, at the start of every API route, and a decoded control
 * character is a 400.
 */
@Component("pathParameters")
public class PathParameters {

    static final List<String> NAMES = List.of("provider", "merchant", "orderNo", "operation", "action", "tokenTerm",
            "id");
    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    public void decode(Exchange exchange) {
        for (String name : NAMES) {
            String raw = exchange.getIn().getHeader(name, String.class);
            if (raw == null || raw.indexOf('%') < 0) {
                continue;
            }
            String decoded;
            try {
                decoded = UriUtils.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw RejectedRequestException.badRequest("path parameter " + name + " is not valid percent-encoding");
            }
            if (CONTROL_CHARACTERS.matcher(decoded).find() || decoded.indexOf('\uFFFD') >= 0) {
                throw RejectedRequestException.badRequest("path parameter " + name
                        + " must not contain control characters or bytes that are not UTF-8");
            }
            exchange.getIn().setHeader(name, decoded);
        }
    }
}
