package tw.twpay.hub.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerAvailability;

/**
 * Turns a failed exchange into the JSON error the caller gets: the 4xx reason of a {@link RejectedRequestException},
 * a 503 while the ledger database cannot be reached (nothing was stored; gateways retry), or for anything
 * unexpected a 500 that points at the log line instead of leaking internals.
 */
@Component("errorResponses")
public class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private final LedgerAvailability availability;

    public ErrorResponses(LedgerAvailability availability) {
        this.availability = availability;
    }

    /** The provider's HTTP answer was an error, or the connection failed or timed out. */
    private static boolean isGatewayFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof org.apache.camel.http.base.HttpOperationFailedException || t instanceof java.io.IOException
                    || t instanceof tw.twpay.hub.command.GatewayAnswerException) {
                return true;
            }
        }
        return false;
    }

    public void respond(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        if (cause instanceof RejectedRequestException rejected) {
            status = rejected.status();
            body.put("error", rejected.getMessage());
            log.info("rejected {}: {} {}", request(exchange), status, rejected.getMessage());
        } else if (LedgerAvailability.isOutage(cause)) {
            // nothing was stored; a gateway retries a 503 later, and the outage itself is logged once
            status = 503;
            availability.failedToReach(cause);
            body.put("error", "the ledger database is unavailable; nothing was stored; try again later");
            log.info("answered 503 to {}: ledger database unavailable", request(exchange));
        } else if (isGatewayFailure(cause)) {
            status = 502;
            body.put("error", "the payment provider could not be reached or answered with an error; try again later"
                    + " (reference " + exchange.getExchangeId() + ")");
            log.warn("provider call for {} failed (reference {}): {}", request(exchange), exchange.getExchangeId(),
                    org.apache.camel.util.URISupport.sanitizeUri(String.valueOf(cause)));
        } else {
            status = 500;
            String reference = exchange.getExchangeId();
            body.put("error", "internal error; the hub log has the details under reference " + reference);
            log.error("request {} failed (reference {})", request(exchange), reference, cause);
        }
        body.put("status", status);
        exchange.getMessage().removeHeaders("*");
        if (status == 503) {
            exchange.getMessage().setHeader("Retry-After", "30");
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(CanonicalJson.toText(body));
    }

    /**
     * The request as operators look for it: method and path while the HTTP headers are still on the message; a
     * command that already called its gateway has replaced them, and is named by its route instead.
     */
    private static String request(Exchange exchange) {
        Object uri = exchange.getIn().getHeader(Exchange.HTTP_URI);
        if (uri == null) {
            return "route " + exchange.getFromRouteId();
        }
        return exchange.getIn().getHeader(Exchange.HTTP_METHOD) + " " + uri;
    }
}
