package tw.twpay.hub.callback;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriTemplate;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.StoreResult;
import tw.twpay.hub.web.RejectedRequestException;

/** The provider-neutral steps of the callback pipeline. */
@Component("callbackPipeline")
public class CallbackPipeline {

    /** Exchange property holding the route template's path, e.g. {@code /callbacks/newebpay/{merchant}/notify}. */
    public static final String PATH_TEMPLATE = "twpayCallbackPath";

    private final LedgerAppender ledger;

    public CallbackPipeline(LedgerAppender ledger) {
        this.ledger = ledger;
    }

    /**
     * Reads the request. The merchant comes from the path itself, never from a header or form field of the same
     * name, and form fields come from the body, never from HTTP headers.
     */
    public CallbackRequest read(Exchange exchange) {
        String template = exchange.getProperty(PATH_TEMPLATE, String.class);
        String path = exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class);
        Map<String, String> variables = new UriTemplate(template).match(path);
        String merchant = variables.get("merchant");
        if (merchant == null || merchant.isBlank()) {
            throw RejectedRequestException.notFound("no merchant in callback path");
        }
        String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
        Object body = exchange.getIn().getBody();
        Map<String, String> fields = new LinkedHashMap<>();
        String raw = null;
        if (body instanceof Map<?, ?> form) {
            form.forEach((name, value) -> fields.put(String.valueOf(name), firstValue(value)));
        } else if (contentType != null && contentType.toLowerCase().startsWith("multipart/form-data")) {
            HttpServletRequest servlet = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
            if (servlet != null) {
                servlet.getParameterMap().forEach((name, values) -> fields.put(name, values.length == 0 ? "" : values[0]));
            }
        } else {
            raw = exchange.getIn().getBody(String.class);
        }
        return new CallbackRequest(merchant, contentType, fields, raw);
    }

    public StoredCallback store(CallbackFacts facts) {
        List<StoreResult> results = ledger.appendAll(facts.facts());
        return new StoredCallback(facts, results);
    }

    public void respond(Exchange exchange) {
        CallbackAcknowledgement ack = exchange.getIn().getBody(CallbackAcknowledgement.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, ack.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, ack.contentType());
        exchange.getMessage().setBody(ack.body());
    }

    private static String firstValue(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "" : String.valueOf(list.get(0));
        }
        return value == null ? "" : String.valueOf(value);
    }
}
