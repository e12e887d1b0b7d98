package tw.twpay.hub.callback;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Tells Spring MVC that the provider callback paths belong to Camel's servlet ({@code camel.servlet.mapping.context-path}).
 * <p>
 * Spring Security wraps its filter chain in Spring MVC's {@code HandlerMappingIntrospector} cache filter, which asks,
 * for every request, each MVC handler mapping in turn which handler would serve it. A callback is served by no MVC
 * handler, so every mapping was asked — Camel's platform-http mapping matching the request against each ERP API
 * path among them — and none answered: about a tenth of a notify's request-thread time (BENCHMARKS.md (c)), for an
 * answer the hub's security rules never use (they match paths themselves). This mapping, asked first, answers for the
 * callback paths at once. The servlet container hands those paths to Camel's servlet, so the DispatcherServlet never
 * serves them; should one reach it all the same, it answers 404.
 */
@Configuration(proxyBeanMethods = false)
public class CallbackServletPaths {

    @Bean
    SimpleUrlHandlerMapping callbackServletPathsMapping(
            @Value("${camel.servlet.mapping.context-path}") String servletMapping) {
        HttpRequestHandler notServedHere = (request, response) -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return new SimpleUrlHandlerMapping(Map.of(pathPattern(servletMapping), notServedHere),
                Ordered.HIGHEST_PRECEDENCE);
    }

    /** {@code /callbacks/*} (a servlet mapping) as the path pattern {@code /callbacks/**}. */
    static String pathPattern(String servletMapping) {
        String prefix = servletMapping.endsWith("/*")
                ? servletMapping.substring(0, servletMapping.length() - 2)
                : servletMapping;
        return (prefix.startsWith("/") ? prefix : "/" + prefix) + "/**";
    }
}
