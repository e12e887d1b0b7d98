package tw.twpay.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * The authenticated ERP API caller of an exchange (an API client's name or a JWT's subject), read from the HTTP
 * request while it is still the message; routes keep it in the {@value #EXCHANGE_PROPERTY} property, so it
 * survives the gateway call and is journalled with the command's facts.
 */
@Component("apiCaller")
public class ApiCaller {

    public static final String REQUEST_ATTRIBUTE = "tw.twpay.hub.apiCaller";
    public static final String EXCHANGE_PROPERTY = "twpayApiCaller";

    /** The caller's name, or null when the request did not come through the authenticated ERP API. */
    public String name(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage http) {
            HttpServletRequest request = http.getRequest();
            Object name = request == null ? null : request.getAttribute(REQUEST_ATTRIBUTE);
            return name == null ? null : name.toString();
        }
        return null;
    }
}
