package tw.twpay.hub.delivery;

import tw.twpay.hub.logging.SecretsInUris;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import java.util.Locale;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.component.rest.RestEndpoint;
import org.apache.camel.http.common.HttpMethods;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.InvalidConfigurationException;

/**
 * Checks the delivery settings while Camel starts, so a typo in the ERP endpoint stops the hub at start-up rather
 * than dead-lettering every event later.
 */
@Component
public class DeliveryConfigurationCheck implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfigurationCheck.class);
    private static final java.util.Set<String> BODY_METHODS = java.util.Set.of("POST", "PUT", "PATCH");

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
                    "not a usable Camel endpoint URI (" + SecretsInUris.mask(e.getMessage()) + ")", e);
        }
        if (endpoint == null) {
            throw new InvalidConfigurationException("twpay.delivery.uri", "no Camel component serves this URI");
        }
        checkSendsBody(endpoint);
        checkConnectionsForConcurrency(endpoint);
        long worstCase = properties.worstCaseAttemptMs();
        if (properties.leaseMs() < worstCase) {
            throw new InvalidConfigurationException("twpay.delivery.lease-ms",
                    "must be at least " + worstCase + " ms, the longest one delivery attempt can take with "
                            + "twpay.delivery.request-timeout-ms; a shorter lease lets a second node deliver the "
                            + "event in parallel");
        }
    }

    /**
     * The event must reach the ERP as a body. The delivery route sends HTTP webhooks as POST; an address whose own
     * options force a method without a body ({@code httpMethod=GET}), or make the producer ignore the route's method
     * ({@code skipControlHeaders=true}), or a REST call of such a method ({@code rest:get:...}) would drop every event
     * while the ERP answers 200. An endpoint that can only consume (timer:, scheduler:) cannot be sent to at all.
     */
    private static void checkSendsBody(Endpoint endpoint) {
        if (endpoint instanceof HttpEndpoint http) {
            HttpMethods method = http.getHttpMethod();
            if (method != null && !BODY_METHODS.contains(method.name())) {
                throw new InvalidConfigurationException("twpay.delivery.uri", "httpMethod=" + method.name()
                        + " sends no body, so the ERP would never see the event; remove httpMethod (the hub POSTs)");
            }
            if (method == null && http.isSkipControlHeaders() && http.getHttpUri().getRawQuery() != null) {
                throw new InvalidConfigurationException("twpay.delivery.uri", "skipControlHeaders=true with a query"
                        + " string makes Camel send a GET without the event; remove it or add httpMethod=POST");
            }
            return;
        }
        if (endpoint instanceof RestEndpoint rest
                && !BODY_METHODS.contains(rest.getMethod().toUpperCase(Locale.ROOT))) {
            throw new InvalidConfigurationException("twpay.delivery.uri", "rest:" + rest.getMethod()
                    + " sends no body, so the ERP would never see the event; use rest:post (or an http(s) address)");
        }
        try {
            endpoint.createProducer();
        } catch (Exception | LinkageError e) {
            throw new InvalidConfigurationException("twpay.delivery.uri",
                    "the hub cannot send events to this endpoint (" + SecretsInUris.mask(e.getMessage()) + ")");
        }
    }

    /**
     * Orders delivered side by side each need a connection to the ERP: with fewer pooled connections per host than
     * {@code twpay.delivery.concurrency}, the rest wait for one (up to the request timeout), and the concurrency
     * set is not the one obtained. Not an error: said once at start-up.
     */
    private void checkConnectionsForConcurrency(Endpoint endpoint) {
        if (!(endpoint instanceof HttpEndpoint http)) {
            return;
        }
        // the address's own connectionsPerRoute, else the component's (camel.component.http.connections-per-route)
        int perHost = http.getConnectionsPerRoute() > 0 ? http.getConnectionsPerRoute()
                : http.getComponent().getConnectionsPerRoute();
        if (perHost > 0 && properties.concurrency() > perHost) {
            log.warn("twpay.delivery.concurrency={} but the ERP's HTTP pool holds {} connections: deliveries beyond"
                    + " that wait for a connection; raise camel.component.http.connections-per-route",
                    properties.concurrency(), perHost);
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
