package tw.twpay.hub.sandbox.newebpay;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a request to the simulated gateway: the posted form, or the decrypted TradeInfo/PostData_ inside it.
 *
 * @param fields field name to value, in the order they were sent
 */
public record SandboxForm(Map<String, String> fields) {

    public SandboxForm {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The trimmed value, or null when the field is absent or blank. */
    public String text(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The value, refused with the gateway's status when absent or blank. */
    String required(String name, String status, String message) {
        String value = text(name);
        if (value == null) {
            throw new SimulatedGatewayRefusal(status, message);
        }
        return value;
    }

    /**
     * A positive whole amount of New Taiwan dollars (the gateway has no decimals for TWD), or null when the field
     * is absent, not a number, fractional or not positive.
     */
    BigDecimal wholeAmount(String name) {
        String value = text(name);
        if (value == null || !value.matches("\\d{1,10}")) {
            return null;
        }
        BigDecimal amount = new BigDecimal(value);
        return amount.signum() > 0 ? amount : null;
    }
}
