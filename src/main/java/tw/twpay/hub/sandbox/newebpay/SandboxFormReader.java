package tw.twpay.hub.sandbox.newebpay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Reads a form post to the simulated gateway. Like the callback pipeline, fields come from the body platform-http
 * parsed, never from the HTTP headers it also copies them to (a header of the same name must not pass for a field).
 */
@Component("newebPaySandboxFormReader")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class SandboxFormReader {

    public SandboxForm read(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        Map<String, String> fields = new LinkedHashMap<>();
        if (body instanceof Map<?, ?> form) {
            form.forEach((name, value) -> fields.put(String.valueOf(name), firstValue(value)));
        } else if (body != null && !exchange.getIn().getBody(String.class).isBlank()) {
            throw new RejectedRequestException(415,
                    "the NewebPay sandbox expects an application/x-www-form-urlencoded form, as the gateway does");
        }
        return new SandboxForm(fields);
    }

    private static String firstValue(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "" : String.valueOf(list.get(0));
        }
        if (value instanceof String[] array) {
            return array.length == 0 ? "" : array[0];
        }
        return value == null ? "" : String.valueOf(value);
    }
}
