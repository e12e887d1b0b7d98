package tw.twpay.hub.callback;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tw.twpay.hub.web.ErrorResponses;
import tw.twpay.hub.web.ProblemDocument;

/**
 * Lets the servlet container parse {@code multipart/form-data} callbacks (NewebPay may post the period notify that
 * way) before Camel's servlet reads the body: Camel would otherwise take the raw multipart bytes as the body and
 * leave no form fields. The fields then come from the container's parameter map, with its multipart limits.
 * Runs after the size limit, so an oversized body is refused before anything parses it. A body the container cannot
 * parse (no boundary, cut short, a charset it does not know) gets the answer of every refused callback here: the
 * container has used the body up, and Camel's servlet would fail on it with a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class MultipartCallbackFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MultipartCallbackFilter.class);
    private static final byte[] REFUSAL = ProblemDocument.json(400, ErrorResponses.CALLBACK_REFUSED)
            .getBytes(StandardCharsets.UTF_8);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return !request.getRequestURI().startsWith(request.getContextPath() + "/callbacks/")
                || contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            // unlike the parameter map, which keeps quiet about a failed parse, the parts throw what it failed with
            request.getParts();
        } catch (IOException | ServletException | IllegalStateException e) {
            // the exception's message may quote the request's Content-Type: its kind is enough to tell the checks apart
            log.warn("callback {} {} refused: its multipart body cannot be read ({})", request.getMethod(),
                    request.getRequestURI(), rootCause(e).getClass().getSimpleName());
            response.setStatus(400);
            response.setContentType(ProblemDocument.MEDIA_TYPE);
            response.setContentLength(REFUSAL.length);
            response.getOutputStream().write(REFUSAL);
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
