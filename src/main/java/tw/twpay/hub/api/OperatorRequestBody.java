package tw.twpay.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The small JSON bodies of the operators' requests (reconciliations, releases): an object of named text fields, any
 * other field refused as the payment commands refuse one. Every problem is a 400 naming the field.
 */
public final class OperatorRequestBody {

    private final JsonNode node;

    private OperatorRequestBody(JsonNode node) {
        this.node = node;
    }

    /** The body as a JSON object of these fields (an absent body is an empty object). */
    public static OperatorRequestBody of(String body, String... fields) {
        JsonNode node;
        try {
            node = CanonicalJson.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (java.io.IOException e) {
            throw RejectedRequestException.badRequest("the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw RejectedRequestException.badRequest("the request body must be a JSON object");
        }
        List<String> known = List.of(fields);
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw RejectedRequestException.badRequest("unknown field " + CommandBodies.shownFieldName(name)
                        + "; this body takes " + String.join(", ", known));
            }
        });
        return new OperatorRequestBody(node);
    }

    /** A required non-empty text, trimmed. */
    public String text(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw RejectedRequestException.badRequest(field + " is required");
        }
        return value;
    }

    /** A non-empty text, trimmed, or null when the field is absent or null. */
    public String optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw RejectedRequestException.badRequest(field + " must be a non-empty string");
        }
        return value.asText().trim();
    }
}
