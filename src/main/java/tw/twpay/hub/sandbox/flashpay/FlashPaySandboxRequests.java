package tw.twpay.hub.sandbox.flashpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.callback.FormBody;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Reads a request to the simulated gateway: a form (the browser's trade form, control requests), or the JSON object
 * FlashPay's SDKs post to querytrade.php. Fields come from the body only, never from HTTP headers.
 */
@Component("flashPaySandboxRequests")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class FlashPaySandboxRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Map<String, String> read(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        Map<String, String> fields = new LinkedHashMap<>();
        if (body instanceof Map<?, ?> form) {
            form.forEach((name, value) -> fields.put(String.valueOf(name), firstValue(value)));
            return fields;
        }
        String text = body == null ? "" : exchange.getIn().getBody(String.class).trim();
        if (text.startsWith("{")) {
            try {
                JsonNode object = JSON.readTree(text);
                object.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
            } catch (IOException e) {
                throw RejectedRequestException.badRequest("the FlashPay sandbox could not read the JSON body");
            }
            return fields;
        }
        fields.putAll(FormBody.parse(text));
        return fields;
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
