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

    public SubscriptionCommandApi(ProviderRoutes routes) {
        this.routes = routes;
    }

    /** The provider-neutral part; the schedule ({@code period}) is read by the provider the request names. */
    public CreateSubscriptionCommand parseCreate(@Body String json) {
        JsonNode body = RequestJson.object(json);
        return new CreateSubscriptionCommand(ProviderId.of(RequestJson.required(body, "provider")),
                RequestJson.required(body, "merchant"), RequestJson.required(body, "orderNo"),
                RequestJson.money(body.path("amount"), true), RequestJson.freeText(body, "description"),
                RequestJson.optional(body, "email"), ProviderFields.of(body));
    }

    public AlterSubscriptionCommand parseAlter(@Header("provider") String provider, @Header("merchant") String merchant,
                                               @Header("orderNo") String orderNo, @Header("action") String action,
                                               @Body String json) {
        if (!ACTIONS.contains(action)) {
            throw RejectedRequestException.notFound("no subscription action '" + action + "'; use " + ACTIONS);
        }
        JsonNode body = RequestJson.object(json);
        Money amount = null;
        if ("amend".equals(action)) {
            amount = RequestJson.money(body.path("amount"), true);
        }
        return new AlterSubscriptionCommand(ProviderId.of(provider), merchant, orderNo, action,
                RequestJson.required(body, "mandateId"), amount);
    }

    public String createRoute(@Body CreateSubscriptionCommand command) {
        return routes.require(command.provider(), CommandKind.CREATE_SUBSCRIPTION);
    }

    public String alterRoute(@Body AlterSubscriptionCommand command) {
        return routes.require(command.provider(), CommandKind.ALTER_SUBSCRIPTION);
    }
}
