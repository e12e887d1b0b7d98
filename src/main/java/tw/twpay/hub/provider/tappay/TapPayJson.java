package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import tw.twpay.hub.provider.GatewayAnswerException;

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

    /**
     * Whether the node is an amount as TapPay writes one: a whole JSON number (TWD dollars, cents of the others);
     * false when absent, null or not a number.
     *
     * @throws GatewayAnswerException for a number with a fraction (100.9): read as a long it lost the fraction, and
     *                                another amount than TapPay's was taken for the trade's
     */
    static boolean isAmount(JsonNode node) {
        if (!node.isNumber()) {
            return false;
        }
        if (!node.isIntegralNumber() && node.decimalValue().stripTrailingZeros().scale() > 0) {
            throw new GatewayAnswerException("TapPay answered an amount that is not a whole number ("
                    + node.decimalValue().toPlainString() + ")");
        }
        return node.canConvertToLong();
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
