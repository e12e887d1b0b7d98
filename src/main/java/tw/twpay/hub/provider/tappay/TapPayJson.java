package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * TapPay's JSON, apart from the hub's canonical JSON: amounts are JSON numbers here (a string amount fails,
 * tappay-nodejs issue #27), never the canonical decimal strings.
 */
public final class TapPayJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private TapPayJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write TapPay JSON", e);
        }
    }

    /** The JSON object in a text; null when it is not one. */
    public static ObjectNode parseObject(String text) {
        try {
            JsonNode node = MAPPER.readTree(text == null ? "" : text);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A text field; null when absent, null or "". */
    public static String textField(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }
}
