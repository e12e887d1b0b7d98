package tw.twpay.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The fields of an ERP request that only the named provider reads (NewebPay's period schedule, TapPay's prime or
 * 3-D Secure switch, FlashPay's instalments): the canonical command stays provider-neutral and the provider reads
 * its own fields from here. Every problem is a 400 naming the field. A field read here is declared in the provider's
 * {@link ProviderRequestFields} as well: a request carrying a field no one declares is refused before it gets here.
 */
public final class ProviderFields {

    private static final ProviderFields NONE = new ProviderFields(JsonNodeFactory.instance.objectNode(), "");

    private final JsonNode node;
    private final String path;

    private ProviderFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public static ProviderFields of(JsonNode object) {
        return object == null || !object.isObject() ? NONE : new ProviderFields(object, "");
    }

    public static ProviderFields none() {
        return NONE;
    }

    private String name(String field) {
        return path + field;
    }

    public boolean has(String field) {
        JsonNode value = node.path(field);
        return !value.isMissingNode() && !value.isNull();
    }

    /** A text field; null when absent or blank. */
    public String text(String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw RejectedRequestException.badRequest(name(field) + " must be a string");
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    public String requiredText(String field) {
        String text = text(field);
        if (text == null) {
            throw RejectedRequestException.badRequest(name(field) + " is required");
        }
        return text;
    }

    public Optional<Boolean> bool(String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw RejectedRequestException.badRequest(name(field) + " must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    /** A whole number, given as a JSON number or digits in a string; empty when absent. */
    public Optional<Integer> integer(String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return Optional.of(value.intValue());
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,9}")) {
            return Optional.of(Integer.parseInt(value.asText()));
        }
        throw RejectedRequestException.badRequest(name(field) + " must be a whole number");
    }

    /** A nested object's fields; refused when present but not an object, {@link #none()} when absent. */
    public ProviderFields object(String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return NONE;
        }
        if (!value.isObject()) {
            throw RejectedRequestException.badRequest(name(field) + " must be an object");
        }
        return new ProviderFields(value, name(field) + ".");
    }

    /** The raw JSON of a field, for providers that pass a structure on as it is; missing node when absent. */
    public JsonNode raw(String field) {
        return node.path(field);
    }

    public boolean isEmpty() {
        return node.isEmpty();
    }
}
