package tw.twpay.hub.web;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a failed exchange into the problem document ({@link ProblemDocument}) the caller gets: the 4xx reason of a
 * {@link RejectedRequestException}, or for anything unexpected a 500 that points at the log line instead of leaking
 * internals.
 */
@Component("errorResponses")
public class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

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
        int status;
        String detail;
        if (cause instanceof RejectedRequestException rejected) {
            status = rejected.status();
            detail = rejected.getMessage();
            log.info("rejected {}: {} {}", request(exchange), status, rejected.getMessage());
        } else if (isGatewayFailure(cause)) {
            status = 502;
            detail = "the payment provider could not be reached or answered with an error; try again later"
                    + " (reference " + exchange.getExchangeId() + ")";
            log.warn("provider call for {} failed (reference {}): {}", request(exchange), exchange.getExchangeId(),
                    org.apache.camel.util.URISupport.sanitizeUri(String.valueOf(cause)));
        } else {
            status = 500;
            String reference = exchange.getExchangeId();
            detail = "internal error; the hub log has the details under reference " + reference;
            log.error("request {} failed (reference {})", request(exchange), reference, cause);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, ProblemDocument.MEDIA_TYPE);
        exchange.getMessage().setBody(ProblemDocument.json(status, detail));
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
