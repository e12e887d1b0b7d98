package tw.twpay.hub.api;

import java.util.List;

/**
 * One field of an ERP request body: what the request's parser (or the named provider) reads. A body field nobody
 * declares is refused with a 400 naming it, and the OpenAPI document's request bodies are written from these
 * declarations, so what is documented is what is accepted.
 *
 * @param type       the JSON type; {@link Type#ANY} when the reader takes more than one shape
 * @param fields     an object's own fields, checked the same way; empty for anything else
 * @param deprecated still read, but an older name of another field
 */
public record BodyField(String name, Type type, String description, boolean required, boolean deprecated,
                        List<BodyField> fields) {

    public enum Type { STRING, INTEGER, BOOLEAN, OBJECT, ARRAY, ANY }

    public BodyField {
        fields = List.copyOf(fields);
    }

    public static BodyField text(String name, String description) {
        return new BodyField(name, Type.STRING, description, false, false, List.of());
    }

    public static BodyField integer(String name, String description) {
        return new BodyField(name, Type.INTEGER, description, false, false, List.of());
    }

    public static BodyField bool(String name, String description) {
        return new BodyField(name, Type.BOOLEAN, description, false, false, List.of());
    }

    public static BodyField array(String name, String description) {
        return new BodyField(name, Type.ARRAY, description, false, false, List.of());
    }

    /** A field whose reader takes several shapes (e.g. a word, a number or a list); the description says which. */
    public static BodyField any(String name, String description) {
        return new BodyField(name, Type.ANY, description, false, false, List.of());
    }

    public static BodyField object(String name, String description, BodyField... fields) {
        return new BodyField(name, Type.OBJECT, description, false, false, List.of(fields));
    }

    /** Money as the canonical model writes it: {"value":"855","currency":"TWD"}. */
    public static BodyField money(String name, String description) {
        return object(name, description,
                text("value", "a decimal string, never a JSON number: \"855\", \"1.01\"").asRequired(),
                text("currency", "ISO 4217 code in capitals, e.g. TWD, USD"));
    }

    public BodyField asRequired() {
        return new BodyField(name, type, description, true, deprecated, fields);
    }

    public BodyField asDeprecated() {
        return new BodyField(name, type, description, required, true, fields);
    }

    /** The same field described for another request (e.g. amount: "the amount to refund"). */
    public BodyField describedAs(String text) {
        return new BodyField(name, type, text, required, deprecated, fields);
    }
}
