package tw.twpay.hub.api;

import tw.twpay.hub.provider.ProviderRoutes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.provider.CommandKind;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Reads ERP commands and finds the provider route that carries them out. A provider supports a command by having a
 * route of its {@link CommandKind} (e.g. {@code direct:newebpay-create-payment}); nothing here names a
 * provider.
 */
@Component("paymentCommandApi")
public class PaymentCommandApi {

    private final ProviderRoutes routes;
    private final CommandBodies bodies;
    private final CommandAmounts amounts;

    public PaymentCommandApi(ProviderRoutes routes, CommandBodies bodies, CommandAmounts amounts) {
        this.routes = routes;
        this.bodies = bodies;
        this.amounts = amounts;
    }

    public CreatePaymentCommand parseCreate(@Body String json) {
        JsonNode body = RequestJson.object(json);
        ProviderId provider = ProviderId.of(RequestJson.required(body, "provider"));
        bodies.requireKnownFields(body, CommandBody.CREATE_PAYMENT, provider);
        List<String> methods = new ArrayList<>();
        JsonNode methodNodes = body.path("methods");
        if (!methodNodes.isMissingNode() && !methodNodes.isNull()) {
            if (!methodNodes.isArray()) {
                throw RejectedRequestException.badRequest("methods must be an array of method codes");
            }
            methodNodes.forEach(method -> methods.add(method.asText().toUpperCase(Locale.ROOT)));
        }
        String merchant = RequestJson.required(body, "merchant");
        return new CreatePaymentCommand(provider, merchant, RequestJson.required(body, "orderNo"),
                amounts.ofNewOrder(body, provider, merchant), RequestJson.freeText(body, "description"),
                RequestJson.optional(body, "email"), methods, RequestJson.optional(body, "tokenTerm"),
                ProviderFields.of(body));
    }

    /** {@code POST /payments/barcode}: a payment as {@link #parseCreate} without methods, e-mail or token. */
    public CreatePaymentCommand parseBarcode(@Body String json) {
        JsonNode body = RequestJson.object(json);
        ProviderId provider = ProviderId.of(RequestJson.required(body, "provider"));
        bodies.requireKnownFields(body, CommandBody.PAY_BY_BARCODE, provider);
        String merchant = RequestJson.required(body, "merchant");
        return new CreatePaymentCommand(provider, merchant, RequestJson.required(body, "orderNo"),
                amounts.ofNewOrder(body, provider, merchant), RequestJson.freeText(body, "description"), null,
                List.of(), null, ProviderFields.of(body));
    }

    public PaymentOperationCommand parseOperation(@Header("provider") String provider, @Header("merchant") String merchant,
                                                  @Header("orderNo") String orderNo, @Header("operation") String operation,
                                                  @Body String json) {
        ProviderId providerId = ProviderId.of(provider);
        PaymentOperation paymentOperation = PaymentOperation.fromPathSegment(operation);
        JsonNode body = RequestJson.object(json);
        bodies.requireKnownFields(body, CommandBody.of(paymentOperation), providerId);
        Money amount = amounts.ofOrder(body, providerId, merchant, orderNo, false);
        return new PaymentOperationCommand(providerId, merchant, orderNo, paymentOperation, amount,
                ProviderFields.of(body));
    }

    /** The provider route for creating a payment; 404 when the provider has none. */
    public String createRoute(@Body CreatePaymentCommand command) {
        return routes.require(command.provider(), CommandKind.CREATE_PAYMENT);
    }

    /** {@code POST /payments/barcode}: the customer's barcode pays (the body as for a payment, plus "barcode"). */
    public String barcodePaymentRoute(@Body CreatePaymentCommand command) {
        return routes.require(command.provider(), CommandKind.PAY_BY_BARCODE);
    }

    /** Queries go to {@code <provider>-query-payment}, the other operations to {@code <provider>-payment-operation}. */
    public String operationRoute(@Body PaymentOperationCommand command) {
        return routes.require(command.provider(), command.operation() == PaymentOperation.QUERY
                ? CommandKind.QUERY_PAYMENT : CommandKind.PAYMENT_OPERATION);
    }
}
