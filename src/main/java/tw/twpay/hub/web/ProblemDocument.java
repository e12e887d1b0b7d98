package tw.twpay.hub.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.SensitiveDataMasker;

/**
 * The one error format of every answer the hub gives: RFC 9457 {@code application/problem+json} with {@code type}
 * ({@code about:blank}: the status says it all), {@code title} (the status phrase), {@code status}, {@code detail}
 * (the reason), plus {@code error} (the same reason) kept for clients written before the problem format. A reason
 * can quote what the caller sent; a card number in it is masked ({@link SensitiveDataMasker}), whichever message
 * quoted it.
 */
public final class ProblemDocument {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemDocument() {
    }

    public static Map<String, Object> of(int status, String reason) {
        String detail = SensitiveDataMasker.mask(reason);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("error", detail);
        return problem;
    }

    public static String json(int status, String detail) {
        return CanonicalJson.toText(of(status, detail));
    }

    /** Writes the problem as the whole answer (filters, security handlers: before any route runs). */
    public static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String json = json(status, detail);
        // with its length: an answer flushed before the request is done is not sent chunked
        response.setContentLength(json.getBytes(StandardCharsets.UTF_8).length);
        response.getWriter().write(json);
    }

    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
