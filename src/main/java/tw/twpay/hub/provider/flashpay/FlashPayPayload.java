package tw.twpay.hub.provider.flashpay;

import java.util.Map;

/**
 * A decrypted FlashPay JSON object, flat, every value as the text it was written in: FlashPay writes the same field as
 * a number or a string depending on the call ({@code "amt":200} in a request, {@code "amt":"0.00"} in a notify), so
 * the hub reads text and parses where it needs a number. JSON {@code null} is left out; nested values are not kept.
 */
public record FlashPayPayload(Map<String, String> fields) {

    public FlashPayPayload {
        fields = java.util.Collections.unmodifiableMap(fields);
    }

    /** The field's text, or null when absent. */
    public String field(String name) {
        return fields.get(name);
    }

    /** The field's text, or null when absent or blank. */
    public String present(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** ret_code "00": FlashPay says the call (or the transaction it reports) succeeded. */
    public boolean isSuccess() {
        return "00".equals(field("ret_code"));
    }

    @Override
    public String toString() {
        return "FlashPayPayload[" + fields.size() + " fields]";
    }
}
