package tw.twpay.hub.web;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ERP API (Camel's platform-http) answers with the message's headers, and a route's message starts with the
 * request's: any route that does not clear them would hand the caller's Authorization (its API key), cookies and
 * the like back as response headers. Whatever a route forgets, only the headers an API answer is made of leave the
 * hub; the request's headers still reach the routes as before.
 */
@Configuration(proxyBeanMethods = false)
public class ApiResponseHeaders {

    /** Lower case: the only message headers written to an API response. */
    static final Set<String> ANSWER_HEADERS = Set.of("content-type", "content-disposition", "content-language",
            "retry-after", "location", "cache-control");

    @Bean
    ComponentCustomizer apiResponseHeaderFilter() {
        return ComponentCustomizer.forType(PlatformHttpComponent.class,
                component -> component.setHeaderFilterStrategy(new AnswerHeadersOnly()));
    }

    static final class AnswerHeadersOnly extends HttpHeaderFilterStrategy {

        @Override
        public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
            return !ANSWER_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                    || super.applyFilterToCamelHeaders(name, value, exchange);
        }
    }
}
