package tw.twpay.hub.callback;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;
import tw.twpay.hub.callback.CallbackServletPaths.CamelServletRequests;
import tw.twpay.hub.web.MappedPath;

/**
 * A callback whose raw path does not begin with the callbacks' servlet path — a letter of it escaped
 * ({@code /%63allbacks/...}), a doubled slash, a dot segment, a path parameter: the servlet container maps it to
 * Camel's servlet by its decoded, normalised path, but Spring's request path parsing, the first thing Spring Security
 * does with a request, requires the raw path to begin with the servlet's path, and threw — a 500 and two stack traces
 * in the log for each such request. No gateway alters the callback URL it was given, so the request is refused with
 * the one answer of every refused callback, by {@link UnreadableCallbackFilter} once Spring Security has set the
 * browser headers every answer carries; it goes on there with the path the container mapped it by.
 * <p>
 * Runs after the size limit, which measures such a request like any other, and before Spring Security.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class EscapedCallbackPathFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EscapedCallbackPathFilter.class);
    private static final String ESCAPED = EscapedCallbackPathFilter.class.getName() + ".ESCAPED";

    private final CamelServletRequests callbacks;

    public EscapedCallbackPathFilter(CamelServletRequests callbacks) {
        this.callbacks = callbacks;
    }

    /** Whether the request was marked here, to be refused. */
    static boolean escaped(HttpServletRequest request) {
        return request.getAttribute(ESCAPED) != null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!callbacks.serves(request)) {
            return true;
        }
        String servletPrefix = request.getContextPath() + request.getServletPath();
        String raw = request.getRequestURI();
        return raw.equals(servletPrefix) || raw.startsWith(servletPrefix + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        log.warn("callback {} {} refused: its path is not written as the callbacks' servlet path {}",
                request.getMethod(), request.getRequestURI(), request.getServletPath());
        request.setAttribute(ESCAPED, Boolean.TRUE);
        chain.doFilter(new MappedPathRequest(request), response);
    }

    /** The request with its raw path rewritten from the path the container mapped it by. */
    private static final class MappedPathRequest extends HttpServletRequestWrapper {

        private final String uri;

        MappedPathRequest(HttpServletRequest request) {
            super(request);
            this.uri = request.getContextPath() + UriUtils.encodePath(MappedPath.of(request), StandardCharsets.UTF_8);
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(getScheme()).append("://").append(getServerName()).append(':')
                    .append(getServerPort()).append(uri);
        }
    }
}
