package tw.twpay.hub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A state-changing ERP API request carries a JSON body or none: {@code text/plain}, form and multipart bodies are
 * what a cross-site page can post without a CORS preflight, so they are refused with 415 before any route reads
 * them (the Bearer credential already keeps such a page out; this keeps it out twice); a settlement file is posted as
 * {@code text/csv}. A body that is not valid
 * UTF-8 is a 400. Runs after authentication.
 */
@Component
@Order(0)
public class JsonBodyOnlyFilter extends OncePerRequestFilter {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /**
     * The one upload that is not JSON: a settlement file, {@code text/csv} — not a content type a cross-site page can
     * post without a CORS preflight, unlike text/plain.
     */
    private static final String SETTLEMENT_FILES = "/api/v1/reconciliations/settlement-files";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !MappedPath.of(request).startsWith("/api/") || !STATE_CHANGING.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean settlementFiles = MappedPath.of(request).equals(SETTLEMENT_FILES);
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        boolean csvUpload = settlementFiles && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv");
        if (contentType == null ? hasBody : !(isJson(contentType) || csvUpload)) {
            ProblemDocument.write(response, 415, "the request body must be JSON (Content-Type: application/json) "
                    + "or absent" + (settlementFiles ? ", or a text/csv settlement file"
                    : ""));
            return;
        }
        if (!hasBody) {
            chain.doFilter(request, response);
            return;
        }
        // JSON is UTF-8 (RFC 8259); a lenient decoder would turn malformed bytes into U+FFFD and pass them on
        byte[] body = request.getInputStream().readAllBytes();
        if (!isUtf8(body)) {
            ProblemDocument.write(response, 400, "the request body is not valid UTF-8");
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body, StandardCharsets.UTF_8), response);
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
