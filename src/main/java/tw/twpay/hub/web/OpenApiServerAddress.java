package tw.twpay.hub.web;

import java.net.URI;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document's {@code servers} entry is where ERPs reach the API: {@code twpay.public-base-url} plus the
 * REST context path, instead of the address the server binds to ({@code http://0.0.0.0/api/v1}).
 */
@Component
public class OpenApiServerAddress implements CamelContextConfiguration {

    private final URI publicBaseUrl;

    public OpenApiServerAddress(@Value("${twpay.public-base-url}") String publicBaseUrl) {
        this.publicBaseUrl = URI.create(publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        RestConfiguration rest = camelContext.getRestConfiguration();
        Map<String, Object> api = rest.getApiProperties() == null ? new java.util.HashMap<>() : rest.getApiProperties();
        String prefix = publicBaseUrl.getRawPath() == null ? "" : publicBaseUrl.getRawPath();
        // Camel writes the server as <scheme>://<host><context path>; a public base URL behind a path prefix
        // (https://pay.example.com/twpay) keeps its prefix by carrying it in the host
        api.putIfAbsent("schemes", publicBaseUrl.getScheme());
        api.putIfAbsent("host", publicBaseUrl.getRawAuthority() + prefix);
        rest.setApiProperties(api);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }
}
