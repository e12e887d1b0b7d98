package tw.twpay.hub.api;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tw.twpay.hub.events.CanonicalJson;

/** Writes API answers in the canonical JSON form (decimal strings for money, ISO-8601 times with offset). */
@Component("apiResponses")
public class ApiResponses {

    public void json(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body instanceof String text ? text
                : CanonicalJson.toText(body));
    }
}
