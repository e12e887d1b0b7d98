package tw.twpay.hub.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpEndpoint;
import org.springframework.stereotype.Component;

/**
 * The ERP's own query parameters of an HTTP webhook address, exactly as configured. Camel normalises endpoint URIs
 * (parameters sorted, {@code %20} re-encoded as {@code +}), which changes what an ERP that signs or checks its query
 * receives; the delivery route passes this query to the HTTP producer instead. The address's Camel options
 * ({@code connectionsPerRoute}, {@code authUsername}, {@code authPassword}, …) configure the hub's HTTP client and
 * are left out: a password in the query would end up in the ERP's access logs, and a query the ERP signs would not
 * be the one it was given.
 */
@Component("webhookQuery")
public class WebhookQuery {

    private final String uri;
    private final String configuredQuery;
    private volatile String erpQuery;

    public WebhookQuery(DeliveryProperties properties) {
        this.uri = properties.uri();
        this.configuredQuery = rawQueryOf(uri);
    }

    /**
     * The raw query of the configured webhook without the parameters Camel took as its own options, in the order
     * and encoding configured; null when none is left or the endpoint is not HTTP.
     */
    public String rawQuery(CamelContext camelContext) {
        if (configuredQuery == null) {
            return null;
        }
        String query = erpQuery;
        if (query == null) {
            // the route's endpoint: Camel resolves the address once and caches it
            Endpoint endpoint = camelContext.getEndpoint(uri);
            query = endpoint instanceof HttpEndpoint http
                    ? withoutCamelOptions(configuredQuery, http.getHttpUri().getRawQuery()) : configuredQuery;
            erpQuery = query;
        }
        return query.isEmpty() ? null : query;
    }

    static String rawQueryOf(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http:") && !lower.startsWith("https:")) {
            return null;
        }
        try {
            return new URI(uri).getRawQuery();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The configured pairs whose names Camel left in the address it sends to ({@code remainingQuery}: what its
     * options did not consume), as configured; empty when there are none.
     */
    static String withoutCamelOptions(String configuredQuery, String remainingQuery) {
        Set<String> remaining = new HashSet<>();
        if (remainingQuery != null) {
            for (String pair : pairs(remainingQuery)) {
                remaining.add(name(pair));
            }
        }
        List<String> kept = new ArrayList<>();
        for (String pair : pairs(configuredQuery)) {
            if (remaining.contains(name(pair))) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    /**
     * The pairs of a raw query. A value in Camel's {@code RAW(…)} or {@code RAW{…}} form may hold an {@code &}: it
     * belongs to the value, as Camel reads it.
     */
    private static List<String> pairs(String query) {
        List<String> pairs = new ArrayList<>();
        int start = 0;
        char closing = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (closing != 0) {
                if (c == closing) {
                    closing = 0;
                }
            } else if (i > 0 && query.charAt(i - 1) == '=' && (query.startsWith("RAW(", i)
                    || query.startsWith("RAW{", i))) {
                closing = query.charAt(i + 3) == '(' ? ')' : '}';
                i += 3;
            } else if (c == '&') {
                pairs.add(query.substring(start, i));
                start = i + 1;
            }
        }
        pairs.add(query.substring(start));
        pairs.removeIf(String::isEmpty);
        return pairs;
    }

    private static String name(String pair) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }
}
