package tw.twpay.hub.provider;

import org.apache.camel.CamelContext;
import org.springframework.stereotype.Component;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Finds the route a provider offers for a command ({@link CommandKind#endpointOf}), defined in the provider's own
 * route file. No switch names the providers: a provider that has no such route does not offer the command (404).
 */
@Component
public class ProviderRoutes {

    private final CamelContext camel;

    public ProviderRoutes(CamelContext camel) {
        this.camel = camel;
    }

    public String require(ProviderId provider, CommandKind command) {
        String uri = command.endpointOf(provider);
        if (camel.hasEndpoint(uri) == null) {
            throw RejectedRequestException.notFound("provider '" + provider + "' does not offer "
                    + command.routeName());
        }
        return uri;
    }
}
