package tw.twpay.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
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
        JsonNode node;
        try {
            node = CanonicalJson.mapper().readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (IOException e) {
            throw RejectedRequestException.badRequest("the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw RejectedRequestException.badRequest("the request body must be a JSON object");
        }
        requireWholeCharacters(node, "");
        return node;
    }

    /**
     * JSON may escape half a UTF-16 surrogate pair ("\\ud800"), which is no character at all: stored and delivered
     * as it is, it would reach the ERP and the gateways as text that cannot be encoded (raw bytes that are not
     * UTF-8 are refused as well, by the JSON parser). Refused in every text and field name, naming the field.
     */
    private static void requireWholeCharacters(JsonNode node, String path) {
        if (node.isTextual()) {
            if (hasUnpairedSurrogate(node.textValue())) {
                throw RejectedRequestException.badRequest(path + " contains an unpaired UTF-16 surrogate"
                        + " (an escaped \\ud800-\\udfff without its pair), which is not a character");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (hasUnpairedSurrogate(field.getKey())) {
                    throw RejectedRequestException.badRequest("a field name" + (path.isEmpty() ? "" : " in " + path)
                            + " contains an unpaired UTF-16 surrogate, which is not a character");
                }
                requireWholeCharacters(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireWholeCharacters(node.get(i), path + "[" + i + "]");
            }
        }
    }

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null) {
            throw RejectedRequestException.badRequest(field + " is required");
        }
        return value;
    }

    /**
     * Free text the ERP writes (a description): required, and any card number in it masked before it is passed
     * to a gateway, stored, logged or delivered.
     */
    static String freeText(JsonNode node, String field) {
        return tw.twpay.hub.ledger.SensitiveDataMasker.mask(required(node, field));
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

    /**
     * {"value":"855","currency":"TWD"}; null when absent and not required. A missing currency is asked of
     * {@code currencyWhenAbsent} (the order's, or a merchant's only one), which refuses when it cannot tell.
     */
    static Money money(JsonNode amount, boolean required, Supplier<String> currencyWhenAbsent) {
        if (amount.isMissingNode() || amount.isNull()) {
            if (required) {
                throw RejectedRequestException.badRequest(
                        "amount is required, e.g. {\"value\":\"855\",\"currency\":\"TWD\"}");
            }
            return null;
        }
        if (!amount.isObject()) {
            throw RejectedRequestException.badRequest(
                    "amount must be an object, e.g. {\"value\":\"855\",\"currency\":\"TWD\"}");
        }
        if (!amount.path("value").isTextual()) {
            throw RejectedRequestException.badRequest("amount.value must be a decimal string, e.g. \"855\"");
        }
        JsonNode currency = amount.path("currency");
        if (!currency.isMissingNode() && !currency.isNull() && !currency.isTextual()) {
            throw RejectedRequestException.badRequest("amount.currency must be a string, e.g. \"TWD\"");
        }
        try {
            return Money.of(amount.path("value").asText(),
                    currency.isTextual() ? currency.asText() : currencyWhenAbsent.get());
        } catch (IllegalArgumentException e) {
            throw RejectedRequestException.badRequest(e.getMessage());
        }
    }
}
