package tw.twpay.hub.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tw.twpay.hub.ledger.LedgerAvailability;
import tw.twpay.hub.provider.GatewayCalls;

/**
 * Turns a failed exchange into the problem document ({@link ProblemDocument}) the caller gets: the 4xx reason of a
 * {@link RejectedRequestException}, the 502/504 of a provider that failed the hub (or of a command whose provider was
 * called before something else failed: its outcome is unknown), or for anything unexpected a 500
 * that points at the log line instead of leaking internals. Refused provider callbacks all get one answer
 * ({@link #refuseCallback}).
 */
@Component("errorResponses")
public class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    /** The one answer of every refused callback. */
    public static final String CALLBACK_REFUSED = "callback refused";
    private static final byte[] CALLBACK_REFUSAL = ProblemDocument.json(400, CALLBACK_REFUSED)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final LedgerAvailability availability;

    public ErrorResponses(LedgerAvailability availability) {
        this.availability = availability;
    }

    public void respond(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status;
        String detail;
        if (cause instanceof RejectedRequestException rejected) {
            status = rejected.status();
            detail = rejected.getMessage();
            log.info("rejected {}: {} {}", request(exchange), status, rejected.getMessage());
        } else if (cause instanceof UpstreamFailureException upstream) {
            status = upstream.status();
            detail = upstream.getMessage() + " (reference " + exchange.getExchangeId() + ")";
            log.warn("provider call for {} failed (reference {}): {}", request(exchange), exchange.getExchangeId(),
                    org.apache.camel.util.URISupport.sanitizeUri(upstream.getMessage()));
        } else if (GatewayCalls.called(exchange)) {
            // the gateway may have acted on the command, and what failed after its answer (the ledger write, say)
            // must not make the ERP send it again: the intent or the operation in flight, journalled before the
            // call, is settled by a query
            status = 504;
            String reference = exchange.getExchangeId();
            detail = "the provider was called but its answer could not be recorded, so the command's outcome is"
                    + " unknown: do not send it again; what the provider did is settled by a query (of the order, for a"
                    + " payment) (reference " + reference + ")";
            if (LedgerAvailability.isOutage(cause)) {
                availability.failedToReach(cause);
                log.warn("request {} called its provider, then could not record the answer (reference {}): ledger"
                        + " database unavailable", request(exchange), reference);
            } else {
                log.error("request {} called its provider, then failed (reference {})", request(exchange), reference,
                        cause);
            }
        } else if (LedgerAvailability.isOutage(cause)) {
            // nothing was stored; the outage itself is logged once, when it starts
            status = 503;
            availability.failedToReach(cause);
            detail = "the ledger database is unavailable; nothing was stored; try again later";
            log.info("answered 503 to {}: ledger database unavailable", request(exchange));
        } else {
            status = 500;
            String reference = exchange.getExchangeId();
            detail = "internal error; the hub log has the details under reference " + reference;
            log.error("request {} failed (reference {})", request(exchange), reference, cause);
        }
        write(exchange, status, detail);
    }

    /**
     * Every refused provider callback, whatever check failed — unknown merchant, missing field, bad signature, bad
     * padding, undecryptable or unreadable payload, a confirmation the gateway did not give — gets this one answer,
     * so the answer tells a forger nothing (no padding oracle). Only the log says which check failed. A ledger that
     * is unavailable answers 503 so the gateway retries later.
     */
    public void refuseCallback(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (LedgerAvailability.isOutage(cause)) {
            availability.failedToReach(cause);
            log.info("answered 503 to callback {}: ledger database unavailable", request(exchange));
            write(exchange, 503, "the ledger database is unavailable; nothing was stored; retry later");
            return;
        }
        if (cause instanceof RejectedRequestException || cause instanceof UpstreamFailureException) {
            log.warn("callback {} refused: {}", request(exchange), cause.getMessage());
        } else {
            log.error("callback {} refused after an unexpected failure", request(exchange), cause);
        }
        write(exchange, 400, CALLBACK_REFUSED);
    }

    /**
     * The same one answer, from a servlet filter that refuses a callback before its route runs: the same status,
     * Content-Type and bytes as the route's refusal ({@link #refuseCallback}), and sent as Camel's servlet sends it —
     * chunked, without a Content-Length — so that not even the framing tells a refusal from another. The filter runs
     * after Spring Security, whose header writer has set the browser headers every answer carries.
     */
    public static void writeCallbackRefusal(HttpServletResponse response) throws IOException {
        response.setStatus(400);
        response.setContentType(ProblemDocument.MEDIA_TYPE);
        response.getOutputStream().write(CALLBACK_REFUSAL);
        response.flushBuffer();
    }

    /**
     * The problem document as UTF-8 bytes (JSON's encoding), whatever charset the request named: Camel's servlet
     * encodes a text answer in the exchange's charset, which is the request's — a name Java may not know (a 500
     * instead of the refusal) or UTF-16.
     */
    private static void write(Exchange exchange, int status, String detail) {
        exchange.setProperty(Exchange.CHARSET_NAME, java.nio.charset.StandardCharsets.UTF_8.name());
        exchange.getMessage().removeHeaders("*");
        if (status == 503) {
            exchange.getMessage().setHeader("Retry-After", "30");
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, ProblemDocument.MEDIA_TYPE);
        exchange.getMessage().setBody(ProblemDocument.json(status, detail)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
