package tw.twpay.hub.provider;

import java.util.Map;

/**
 * A provider callback as received, before any trust is placed in it.
 *
 * @param merchant    the merchant alias taken from the callback path
 * @param contentType the request's content type, or null
 * @param fields      form fields (URL-encoded or multipart); empty for other bodies
 * @param body        the raw body for non-form callbacks (e.g. JSON); empty for form posts
 */
public record CallbackRequest(String merchant, String contentType, Map<String, String> fields, String body) {

    public CallbackRequest {
        fields = Map.copyOf(fields);
        body = body == null ? "" : body;
    }

    /** A form field that must be present and not blank. */
    public String requiredField(String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw tw.twpay.hub.web.RejectedRequestException.badRequest("callback field " + name + " is missing");
        }
        return value;
    }
}
