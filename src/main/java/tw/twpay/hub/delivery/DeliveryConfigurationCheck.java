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
        long worstCase = properties.worstCaseDeliveryMs();
        if (properties.leaseMs() < worstCase) {
            throw new InvalidConfigurationException("twpay.delivery.lease-ms",
                    "must be at least " + worstCase + " ms, the longest one event can spend in delivery with "
                            + "these redelivery settings; a shorter lease lets a second node deliver it in parallel");
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }
}
