package tw.twpay.hub.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.web.RejectedRequestException;

/** Reads subscription (recurring mandate) commands and finds the provider route that carries them out. */
@Component("subscriptionCommandApi")
public class SubscriptionCommandApi {

    private static final Set<String> ACTIONS = Set.of("suspend", "terminate", "restart", "amend");

    private final ProviderRoutes routes;

    public SubscriptionCommandApi(ProviderRoutes routes) {
        this.routes = routes;
    }

    public CreateSubscriptionCommand parseCreate(@Body String json) {
        JsonNode body = RequestJson.object(json);
        JsonNode period = body.path("period");
        if (!period.isObject()) {
            throw RejectedRequestException.badRequest(
                    "period is required, e.g. {\"type\":\"M\",\"point\":\"05\",\"startType\":2,\"times\":12}");
        }
        JsonNode times = period.path("times");
        Integer count = null;
        if (!times.isMissingNode() && !times.isNull() && !"NE".equalsIgnoreCase(times.asText())) {
            if (!times.isIntegralNumber() || !times.canConvertToInt() || times.asInt() < 1) {
                throw RejectedRequestException.badRequest("period.times must be a whole number above zero, or \"NE\"");
            }
            count = times.asInt();
        }
        JsonNode startType = period.path("startType");
        if (!startType.isIntegralNumber() || startType.asInt() < 1 || startType.asInt() > 3) {
            throw RejectedRequestException.badRequest("period.startType must be 1, 2 or 3");
        }
        return new CreateSubscriptionCommand(RequestJson.required(body, "provider").toLowerCase(Locale.ROOT), RequestJson.required(body, "merchant"),
                RequestJson.required(body, "orderNo"), RequestJson.money(body.path("amount"), true), RequestJson.required(body, "description"),
                RequestJson.optional(body, "email"), RequestJson.required(period, "type").toUpperCase(Locale.ROOT), RequestJson.required(period, "point"),
                startType.asInt(), count);
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
        return new AlterSubscriptionCommand(provider.toLowerCase(Locale.ROOT), merchant, orderNo, action,
                RequestJson.required(body, "mandateId"), amount);
    }

    public String createRoute(@Body CreateSubscriptionCommand command) {
        return routes.require(command.provider(), "create-subscription");
    }

    public String alterRoute(@Body AlterSubscriptionCommand command) {
        return routes.require(command.provider(), "alter-subscription");
    }
}
