package tw.twpay.hub.callback;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tw.twpay.hub.web.ErrorResponses;
import tw.twpay.hub.web.MappedPath;

/**
 * Refuses, with the answer of every refused callback, a callback no route could read: one whose path escapes a
 * letter of the callbacks' servlet path ({@link EscapedCallbackPathFilter}), and a {@code multipart/form-data} body
 * the servlet container cannot parse (no boundary, cut short, a charset it does not know) — the container has used
 * the body up, and Camel's servlet would fail on it with a 500.
 * <p>
 * Lets the container parse a {@code multipart/form-data} callback (NewebPay may post the period notify that way)
 * before Camel's servlet reads the body: Camel would otherwise take the raw multipart bytes as the body and leave no
 * form fields. The fields then come from the container's parameter map, with its multipart limits.
 * <p>
 * Runs after the size limit, so an oversized body is refused before anything parses it, and after Spring Security,
 * whose header writer gives these refusals the browser headers of every other answer: a refusal here cannot be told
 * from a route's by its headers.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
public class UnreadableCallbackFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UnreadableCallbackFilter.class);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(EscapedCallbackPathFilter.escaped(request) || isMultipartCallback(request));
    }

    private static boolean isMultipartCallback(HttpServletRequest request) {
        String contentType = request.getContentType();
        return MappedPath.of(request).startsWith("/callbacks/") && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (EscapedCallbackPathFilter.escaped(request)) {
            ErrorResponses.writeCallbackRefusal(response);
            return;
        }
        try {
            // unlike the parameter map, which keeps quiet about a failed parse, the parts throw what it failed with
            request.getParts();
        } catch (IOException | ServletException | IllegalStateException e) {
            // the exception's message may quote the request's Content-Type: its kind is enough to tell the checks apart
            log.warn("callback {} {} refused: its multipart body cannot be read ({})", request.getMethod(),
                    request.getRequestURI(), rootCause(e).getClass().getSimpleName());
            ErrorResponses.writeCallbackRefusal(response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
