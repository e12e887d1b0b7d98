package tw.twpay.hub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized bodies before any parsing, decryption or database work: 413 when the declared length is over
 * {@code twpay.http.max-body-bytes}, 411 when a body comes without a declared length (chunked), since its size
 * could then only be learned by reading it. Decides on the path the container mapped the request by
 * ({@link MappedPath}), so an escaped letter in the path does not lift the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

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
            reject(response, 413, "request body of " + declared + " bytes exceeds the limit of "
                    + limits.maxBodyBytes() + " bytes (twpay.http.max-body-bytes)");
            return;
        }
        if (chunked && declared < 0) {
            reject(response, 411, "a request body must declare its Content-Length");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void reject(HttpServletResponse response, int status, String reason) throws IOException {
        ProblemDocument.write(response, status, reason);
    }
}
