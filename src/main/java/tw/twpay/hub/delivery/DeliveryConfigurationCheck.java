package tw.twpay.hub.delivery;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.InvalidConfigurationException;

/**
 * Checks the delivery settings while Camel starts, so a typo in the ERP endpoint stops the hub at start-up rather
 * than dead-lettering every event later.
 */
@Component
public class DeliveryConfigurationCheck implements CamelContextConfiguration {

    private final DeliveryProperties properties;

    public DeliveryConfigurationCheck(DeliveryProperties properties) {
        this.properties = properties;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        checkWebhookAddress(properties.uri());
        Endpoint endpoint;
        try {
            endpoint = camelContext.getEndpoint(properties.uri());
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException("twpay.delivery.uri",
                    "not a usable Camel endpoint URI (" + org.apache.camel.util.URISupport.sanitizeUri(e.getMessage()) + ")", e);
        }
        if (endpoint == null) {
            throw new InvalidConfigurationException("twpay.delivery.uri", "no Camel component serves this URI");
        }
        long worstCase = properties.worstCaseAttemptMs();
        if (properties.leaseMs() < worstCase) {
            throw new InvalidConfigurationException("twpay.delivery.lease-ms",
                    "must be at least " + worstCase + " ms, the longest one delivery attempt can take with "
                            + "twpay.delivery.request-timeout-ms; a shorter lease lets a second node deliver the "
                            + "event in parallel");
        }
    }

    /** Camel creates HTTP endpoints lazily, so a malformed webhook address is caught here instead. */
    private static void checkWebhookAddress(String uri) {
        String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')).toLowerCase(java.util.Locale.ROOT) : "";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return;
        }
        try {
            java.net.URI parsed = new java.net.URI(uri);
            if (parsed.getHost() == null) {
                throw new InvalidConfigurationException("twpay.delivery.uri", "the webhook address has no host");
            }
        } catch (java.net.URISyntaxException e) {
            throw new InvalidConfigurationException("twpay.delivery.uri",
                    "not a valid webhook address (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }
}
