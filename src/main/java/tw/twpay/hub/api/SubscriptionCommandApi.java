package tw.twpay.hub.api;

import tw.twpay.hub.provider.ProviderRoutes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.provider.CommandKind;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.web.RejectedRequestException;

/** Reads subscription (recurring mandate) commands and finds the provider route that carries them out. */
@Component("subscriptionCommandApi")
public class SubscriptionCommandApi {

    private static final Set<String> ACTIONS = Set.of("suspend", "terminate", "restart", "amend");

    private final ProviderRoutes routes;
    private final CommandBodies bodies;
    private final CommandAmounts amounts;

    public SubscriptionCommandApi(ProviderRoutes routes, CommandBodies bodies, CommandAmounts amounts) {
        this.routes = routes;
        this.bodies = bodies;
        this.amounts = amounts;
    }

    /** The provider-neutral part; the schedule ({@code period}) is read by the provider the request names. */
    public CreateSubscriptionCommand parseCreate(@Body String json) {
        JsonNode body = RequestJson.object(json);
        ProviderId provider = ProviderId.of(RequestJson.required(body, "provider"));
        bodies.requireKnownFields(body, CommandBody.CREATE_SUBSCRIPTION, provider);
        String merchant = RequestJson.required(body, "merchant");
        return new CreateSubscriptionCommand(provider, merchant, RequestJson.required(body, "orderNo"),
                amounts.ofNewOrder(body, provider, merchant), RequestJson.freeText(body, "description"),
                RequestJson.optional(body, "email"), ProviderFields.of(body));
    }

    public AlterSubscriptionCommand parseAlter(@Header("provider") String provider, @Header("merchant") String merchant,
                                               @Header("orderNo") String orderNo, @Header("action") String action,
                                               @Body String json) {
        if (!ACTIONS.contains(action)) {
            throw RejectedRequestException.notFound("no subscription action '" + action + "'; use " + ACTIONS);
        }
        ProviderId providerId = ProviderId.of(provider);
        boolean amend = "amend".equals(action);
        JsonNode body = RequestJson.object(json);
        // only amend reads an amount: a new amount sent with suspend or restart is refused, not ignored
        bodies.requireKnownFields(body, amend ? CommandBody.AMEND_SUBSCRIPTION : CommandBody.ALTER_SUBSCRIPTION,
                providerId);
        Money amount = amend ? amounts.ofOrder(body, providerId, merchant, orderNo, true) : null;
        return new AlterSubscriptionCommand(providerId, merchant, orderNo, action,
                RequestJson.required(body, "mandateId"), amount);
    }

    public String createRoute(@Body CreateSubscriptionCommand command) {
        return routes.require(command.provider(), CommandKind.CREATE_SUBSCRIPTION);
    }

    public String alterRoute(@Body AlterSubscriptionCommand command) {
        return routes.require(command.provider(), CommandKind.ALTER_SUBSCRIPTION);
    }
}
