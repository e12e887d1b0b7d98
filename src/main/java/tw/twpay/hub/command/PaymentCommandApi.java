package tw.twpay.hub.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Reads ERP commands and finds the provider route that carries them out. A provider supports a command by having a
 * route {@code direct:<provider>-<command>} (e.g. {@code direct:newebpay-create-payment}); nothing here names a
 * provider.
 */
@Component("paymentCommandApi")
public class PaymentCommandApi {

    private final CamelContext camel;

    public PaymentCommandApi(CamelContext camel) {
        this.camel = camel;
    }

    public CreatePaymentCommand parseCreate(@Body String json) {
        JsonNode body = readObject(json);
        String provider = text(body, "provider", true).toLowerCase(Locale.ROOT);
        List<String> methods = new ArrayList<>();
        JsonNode methodNodes = body.path("methods");
        if (!methodNodes.isMissingNode() && !methodNodes.isNull()) {
            if (!methodNodes.isArray()) {
                throw RejectedRequestException.badRequest("methods must be an array of method codes");
            }
            methodNodes.forEach(method -> methods.add(method.asText().toUpperCase(Locale.ROOT)));
        }
        return new CreatePaymentCommand(provider, text(body, "merchant", true), text(body, "orderNo", true),
                money(body.path("amount"), true), text(body, "description", true), text(body, "email", false),
                methods, text(body, "tokenTerm", false));
    }

    public PaymentOperationCommand parseOperation(@Header("provider") String provider, @Header("merchant") String merchant,
                                                  @Header("orderNo") String orderNo, @Header("operation") String operation,
                                                  @Body String json) {
        Money amount = null;
        if (json != null && !json.isBlank()) {
            amount = money(readObject(json).path("amount"), false);
        }
        return new PaymentOperationCommand(provider.toLowerCase(Locale.ROOT), merchant, orderNo,
                PaymentOperation.fromPathSegment(operation), amount);
    }

    /** The provider route for creating a payment; 404 when the provider has none. */
    public String createRoute(@Body CreatePaymentCommand command) {
        return providerRoute(command.provider(), "create-payment");
    }

    /** Queries go to {@code <provider>-query-payment}, the other operations to {@code <provider>-payment-operation}. */
    public String operationRoute(@Body PaymentOperationCommand command) {
        return providerRoute(command.provider(),
                command.operation() == PaymentOperation.QUERY ? "query-payment" : "payment-operation");
    }

    private String providerRoute(String provider, String command) {
        if (!provider.matches("[a-z0-9]{1,32}")) {
            throw RejectedRequestException.notFound("unknown provider '" + provider + "'");
        }
        String uri = "direct://" + provider + "-" + command;
        if (camel.hasEndpoint(uri) == null) {
            throw RejectedRequestException.notFound("provider '" + provider + "' does not support " + command);
        }
        return uri;
    }

    private static JsonNode readObject(String json) {
        try {
            JsonNode node = CanonicalJson.mapper().readTree(json == null ? "" : json);
            if (node == null || !node.isObject()) {
                throw RejectedRequestException.badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw RejectedRequestException.badRequest("the request body is not valid JSON");
        }
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw RejectedRequestException.badRequest(field + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw RejectedRequestException.badRequest(field + " must be a string");
        }
        return value.asText().trim();
    }

    private static Money money(JsonNode amount, boolean required) {
        if (amount.isMissingNode() || amount.isNull()) {
            if (required) {
                throw RejectedRequestException.badRequest("amount is required, e.g. {\"value\":\"855\",\"currency\":\"TWD\"}");
            }
            return null;
        }
        if (!amount.path("value").isTextual()) {
            throw RejectedRequestException.badRequest("amount.value must be a decimal string, e.g. \"855\"");
        }
        try {
            return Money.of(amount.path("value").asText(), amount.path("currency").asText("TWD"));
        } catch (IllegalArgumentException e) {
            throw RejectedRequestException.badRequest(e.getMessage());
        }
    }
}
