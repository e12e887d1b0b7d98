package tw.twpay.hub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized bodies before any parsing, decryption or database work: 413 when the declared length is over
 * {@code twpay.http.max-body-bytes}, 411 when a body comes without a declared length (chunked), since its size
 * could then only be learned by reading it. Decides on the path the container mapped the request by
 * ({@link MappedPath}), so an escaped letter in the path does not lift the limit.
 * <p>
 * A body is then read here, all of it, within {@code twpay.http.body-read-timeout} ({@link BodyReadDeadline}), and
 * handed on read: a client dripping its body byte by byte gets a 408 and its connection is closed undrained
 * ({@link AbandonedBodyValve}) instead of holding a request thread for as long as it likes. A body refused unread
 * (413, 411) is dropped within the same time, or its connection closed. A multipart callback body is left to the
 * container, which parses it itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** Set on a request whose body the hub stopped waiting for: its connection is closed, not drained. */
    static final String BODY_ABANDONED = RequestSizeLimitFilter.class.getName() + ".bodyAbandoned";

    private final RequestLimitProperties limits;

    public RequestSizeLimitFilter(RequestLimitProperties limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = MappedPath.of(request);
        return !(path.startsWith("/callbacks/") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared > limits.maxBodyBytes()) {
            refuseUnread(response, 413, "request body of " + declared
                    + " bytes exceeds the limit of " + limits.maxBodyBytes() + " bytes (twpay.http.max-body-bytes)");
            return;
        }
        if (chunked && declared < 0) {
            refuseUnread(response, 411, "a request body must declare its Content-Length");
            return;
        }
        if (declared <= 0 || isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = BodyReadDeadline.read(request.getInputStream(), (int) declared, limits.bodyReadTimeout());
        } catch (BodyReadDeadline.BodyNotReceivedException late) {
            request.setAttribute(BODY_ABANDONED, Boolean.TRUE);
            reject(response, 408, "the request body did not arrive within " + limits.bodyReadTimeout().toMillis()
                    + " ms (twpay.http.body-read-timeout)");
            // sent now: the closing connection must not leave it to the container's error page
            response.flushBuffer();
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body, readerCharset(request)), response);
    }

    /** A multipart body: the container's own to parse (see {@link AbandonedBodyValve} too). */
    static boolean isMultipart(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** The charset the request names for its body, as the container's own reader would use; else UTF-8. */
    private static Charset readerCharset(HttpServletRequest request) {
        String name = request.getCharacterEncoding();
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    private static void reject(HttpServletResponse response, int status, String reason) throws IOException {
        ProblemDocument.write(response, status, reason);
    }

    /**
     * Answers a body refused unread at once; what the client still sends is then dropped, or its connection closed,
     * by {@link AbandonedBodyValve}.
     */
    private static void refuseUnread(HttpServletResponse response, int status, String reason) throws IOException {
        reject(response, status, reason);
        response.flushBuffer();
    }
}
