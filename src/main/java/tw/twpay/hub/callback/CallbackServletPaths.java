package tw.twpay.hub.callback;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.handler.MatchableHandlerMapping;
import org.springframework.web.servlet.handler.RequestMatchResult;

/**
 * Tells Spring MVC that the provider callbacks belong to Camel's servlet ({@code camel.servlet.mapping}).
 * <p>
 * Spring Security wraps its filter chain in Spring MVC's {@code HandlerMappingIntrospector} cache filter, which asks,
 * for every request, each MVC handler mapping in turn which handler would serve it. No MVC handler serves a callback,
 * so every mapping was asked — Camel's platform-http mapping matching the request against each ERP API path among
 * them — and none answered: a seventh of a notify's request-thread time (BENCHMARKS.md (c)), for an answer the hub's
 * security rules never use (they match paths themselves). This mapping, asked first, answers at once for a request
 * the servlet container gave to Camel's servlet. The DispatcherServlet never receives such a request; should one
 * reach it all the same, it answers 404. No Spring MVC path pattern matches a callback ({@link #match}).
 */
@Configuration(proxyBeanMethods = false)
public class CallbackServletPaths {

    @Bean
    CamelServletRequests camelServletRequests(
            @Value("${camel.servlet.mapping.servlet-name:CamelServlet}") String camelServletName) {
        return new CamelServletRequests(camelServletName);
    }

    /** Claims the requests the servlet container mapped to the named servlet. */
    public static final class CamelServletRequests implements MatchableHandlerMapping, Ordered {

        private static final HttpRequestHandler NOT_SERVED_HERE =
                (request, response) -> response.sendError(HttpServletResponse.SC_NOT_FOUND);

        private final String servletName;

        CamelServletRequests(String servletName) {
            this.servletName = servletName;
        }

        @Override
        public HandlerExecutionChain getHandler(HttpServletRequest request) {
            return serves(request) ? new HandlerExecutionChain(NOT_SERVED_HERE) : null;
        }

        /** Whether the servlet container gave the request to Camel's servlet: a provider callback. */
        public boolean serves(HttpServletRequest request) {
            HttpServletMapping mapping = request.getHttpServletMapping();
            return mapping != null && servletName.equals(mapping.getServletName());
        }

        @Override
        public RequestMatchResult match(HttpServletRequest request, String pattern) {
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
