package tw.twpay.hub.security;

import static tw.twpay.hub.security.ApiScope.CARDS_WRITE;
import static tw.twpay.hub.security.ApiScope.OPS;
import static tw.twpay.hub.security.ApiScope.PAYMENTS_READ;
import static tw.twpay.hub.security.ApiScope.PAYMENTS_WRITE;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The scope each ERP API path needs, first match wins (see routes/api.camel.yaml and routes/sandbox.camel.yaml for
 * the operations). Asking the gateway for an order's state ({@code .../query}) only reads, so it needs
 * {@code payments:read}; everything else that moves money or mandates needs a write scope.
 */
public final class ApiPathScopes {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** One rule: requests matching {@code paths} need {@code scope}. */
    public record Rule(ApiScope scope, List<RequestMatcher> paths) {
    }

    public static final List<Rule> RULES = List.of(
            new Rule(PAYMENTS_READ, List.of(get("/api/v1/payments/**"), post("/api/v1/payments/*/*/*/query"))),
            new Rule(PAYMENTS_WRITE, List.of(post("/api/v1/payments"), post("/api/v1/payments/**"),
                    any("/api/v1/subscriptions"), any("/api/v1/subscriptions/**"))),
            new Rule(CARDS_WRITE, List.of(any("/api/v1/cards/**"))),
            new Rule(OPS, List.of(any("/api/v1/dead-letters"), any("/api/v1/dead-letters/**"),
                    any("/api/v1/operations-in-flight"), any("/api/v1/operations-in-flight/**"),
                    any("/api/v1/reconciliations"), any("/api/v1/reconciliations/**"), any("/api/v1/sandbox/**"),
                    any("/actuator/**"))));

    private ApiPathScopes() {
    }

    /** The scope the request's path needs, for the 403 answer; "any" when it only needs a known caller. */
    public static String requiredScope(HttpServletRequest request) {
        for (Rule rule : RULES) {
            for (RequestMatcher path : rule.paths()) {
                if (path.matches(request)) {
                    return rule.scope().value();
                }
            }
        }
        return "any";
    }

    static RequestMatcher get(String pattern) {
        return PATHS.matcher(HttpMethod.GET, pattern);
    }

    static RequestMatcher post(String pattern) {
        return PATHS.matcher(HttpMethod.POST, pattern);
    }

    static RequestMatcher any(String pattern) {
        return PATHS.matcher(pattern);
    }
}
