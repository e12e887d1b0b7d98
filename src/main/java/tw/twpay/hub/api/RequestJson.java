package tw.twpay.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.web.RejectedRequestException;

/** Reading ERP command bodies: every problem is a 400 naming the field. */
final class RequestJson {

    /** C0 and C1 controls (CR, LF, TAB, NUL, ESC, …), DEL, and the Unicode line and paragraph separators. */
    private static final java.util.regex.Pattern CONTROL_CHARACTERS =
            java.util.regex.Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    private RequestJson() {
    }

    static JsonNode object(String json) {
        try {
            JsonNode node = CanonicalJson.mapper().readTree(json == null || json.isBlank() ? "{}" : json);
            if (node == null || !node.isObject()) {
                throw RejectedRequestException.badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw RejectedRequestException.badRequest("the request body is not valid JSON");
        }
    }

    static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null) {
            throw RejectedRequestException.badRequest(field + " is required");
        }
        return value;
    }

    static String optional(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            return null;
        }
        if (!value.isTextual()) {
            throw RejectedRequestException.badRequest(field + " must be a string");
        }
        String text = value.asText().trim();
        if (CONTROL_CHARACTERS.matcher(text).find()) {
            // CR/LF and friends have no place in an id, a description or an e-mail address, and would reach the
            // gateway's forms and the logs as they are
            throw RejectedRequestException.badRequest(field + " must not contain control characters");
        }
        return text;
    }

    /** {"value":"855","currency":"TWD"}; the currency defaults to TWD. Null when absent and not required. */
    static Money money(JsonNode amount, boolean required) {
        if (amount.isMissingNode() || amount.isNull()) {
            if (required) {
                throw RejectedRequestException.badRequest(
                        "amount is required, e.g. {\"value\":\"855\",\"currency\":\"TWD\"}");
            }
            return null;
        }
        if (!amount.path("value").isTextual()) {
            throw RejectedRequestException.badRequest("amount.value must be a decimal string, e.g. \"855\"");
        }
        try {
            return Money.of(amount.path("value").asText(), amount.path("currency").asText("TWD"));
        } catch (IllegalArgumentException e) {
            throw RejectedRequestException.badRequest(e.getMessage());
        }
    }
}
