package tw.twpay.hub.provider;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the shared {@code gateway-call} route ({@code routes/gateway-calls.camel.yaml}): the HTTP message is
 * made from the {@link GatewayRequest} alone, and whatever happens the operation gets a {@link GatewayCall} to read —
 * an answer of any status, or an unknown outcome.
 */
@Component("gatewayCalls")
public class GatewayCalls {

    private static final Logger log = LoggerFactory.getLogger(GatewayCalls.class);
    static final String REQUEST = "twpayGatewayRequest";
    static final String ENDPOINT = "twpayGatewayEndpoint";

    /** Replaces the message with the request's method, headers and body; the endpoint carries the timeout. */
    public void prepare(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        GatewayRequest request = exchange.getMessage().getMandatoryBody(GatewayRequest.class);
        exchange.setProperty(REQUEST, request);
        long timeoutMs = request.timeout().toMillis();
        // every wait of the call is bounded by the provider's timeout, none by the component's defaults (which are
        // the ERP delivery's)
        String options = "throwExceptionOnFailure=false&connectTimeout=" + Math.min(timeoutMs, 10_000)
                + "&connectionRequestTimeout=" + timeoutMs + "&responseTimeout=" + timeoutMs + "&soTimeout=" + timeoutMs;
        exchange.setProperty(ENDPOINT, request.url() + (request.url().contains("?") ? "&" : "?") + options);
        var message = exchange.getMessage();
        message.removeHeaders("*");
        request.headers().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setHeader(Exchange.CONTENT_TYPE, request.contentType());
        message.setBody(request.body());
    }

    /** Whether this exchange has called a gateway: from then on, the command's outcome may not be what failed. */
    public static boolean called(Exchange exchange) {
        return exchange.getProperty(REQUEST) != null;
    }

    /** The gateway answered (any status). */
    public GatewayCall answered(Exchange exchange) {
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        GatewayRequest request = exchange.getProperty(REQUEST, GatewayRequest.class);
        message.removeHeaders("*");
        if (status == 0) {
            return new GatewayCall(request, GatewayAnswer.unknownOutcome("no HTTP status in the answer"));
        }
        return new GatewayCall(request, new GatewayAnswer(status,
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class), body, null));
    }

    /** No complete answer: timeout, connection refused or reset. The gateway may have acted. */
    public GatewayCall unreachable(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayRequest request = exchange.getProperty(REQUEST, GatewayRequest.class);
        String failure = cause == null ? "no answer" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        log.warn("gateway call {} has an unknown outcome: {}", request, failure);
        exchange.getMessage().removeHeaders("*");
        return new GatewayCall(request, GatewayAnswer.unknownOutcome(failure));
    }
}
