package tw.twpay.hub.command;

import org.apache.camel.CamelContext;
import org.springframework.stereotype.Component;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Finds the route a provider offers for a command: {@code direct:<provider>-<command>}, defined in the provider's
 * own route file. A provider without that route does not support the command (404).
 */
@Component
public class ProviderRoutes {

    private final CamelContext camel;

    public ProviderRoutes(CamelContext camel) {
        this.camel = camel;
    }

    public String require(String provider, String command) {
        String uri = "direct://" + provider + "-" + command;
        if (!provider.matches("[a-z0-9]{1,32}") || camel.hasEndpoint(uri) == null) {
            throw RejectedRequestException.notFound("provider '" + provider + "' does not support " + command);
        }
        return uri;
    }
}
