package tw.twpay.hub.provider.newebpay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tw.twpay.hub.events.CanonicalJson;

/**
 * A decoded NewebPay answer (notify, return, query or back-end API response) in one shape whatever RespondType the
 * gateway used: the Status code, the Message text, and the Result fields as a flat, ordered, unmodifiable map of
 * plain text (JSON {@code 30} becomes {@code "30"}, JSON {@code null} is left out).
 *
 * @param status  NewebPay's status code: {@code SUCCESS} or an error code such as {@code TRA10021}
 * @param message human-readable message, empty when the gateway sent none
 * @param result  the Result fields
 */
public record NewebPayPayload(String status, String message, Map<String, String> result) {

    public static final String SUCCESS = "SUCCESS";

    public NewebPayPayload {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        result = readOnly(result);
    }

    private static Map<String, String> readOnly(Map<String, String> result) {
        if (result == null || result.isEmpty()) {
            return Map.of();
        }
        if (result instanceof ParsedFields) {
            // Handed over by the parser, which keeps no reference: wrapping is enough, and saves a copy per notify.
            return Collections.unmodifiableMap(result);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(result));
    }

    public boolean isSuccess() {
        return SUCCESS.equals(status);
    }

    /**
     * The payload as the journal keeps it (a callback's or answer's raw payload): {@code status}, {@code message},
     * the {@code result} fields in the gateway's order and {@code success} — what the canonical JSON mapper writes
     * for this record (a test compares the two), written directly, for it is written once per NewebPay callback.
     */
    public String toJson() {
        return CanonicalJson.write(256 + 48 * result.size(), json -> {
            json.writeStartObject();
            json.writeStringField("status", status);
            json.writeStringField("message", message);
            json.writeObjectFieldStart("result");
            for (Map.Entry<String, String> field : result.entrySet()) {
                if (field.getValue() != null) {
                    json.writeStringField(field.getKey(), field.getValue());
                }
            }
            json.writeEndObject();
            json.writeBooleanField("success", isSuccess());
            json.writeEndObject();
        });
    }

    /** The Result field, or {@code null} when the gateway did not send it. */
    public String field(String name) {
        return result.get(name);
    }

    /**
     * The map {@link NewebPayPayloadParser} fills and hands to exactly one payload. Package-private, so no caller
     * outside can keep a mutable reference to a payload's result.
     */
    static final class ParsedFields extends LinkedHashMap<String, String> {

        private static final long serialVersionUID = 1L;

        ParsedFields() {
            // A credit-card notify carries ~25 Result fields; 48 fits them without rehashing.
            super(48);
        }
    }
}
