package tw.twpay.hub.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The query string of an HTTP webhook address exactly as configured. Camel normalises endpoint URIs (parameters
 * sorted, {@code %20} re-encoded as {@code +}), which changes what an ERP that signs or checks its query receives;
 * the delivery route passes this one to the HTTP producer instead.
 */
@Component("webhookQuery")
public class WebhookQuery {

    private final String rawQuery;

    public WebhookQuery(DeliveryProperties properties) {
        this.rawQuery = rawQueryOf(properties.uri());
    }

    /** The raw query of the configured webhook, or null when there is none or the endpoint is not HTTP. */
    public String rawQuery() {
        return rawQuery;
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
}
