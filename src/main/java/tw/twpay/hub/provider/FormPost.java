package tw.twpay.hub.provider;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * What the ERP's front end must do next: post these fields from the customer's browser to this URL (gateways such
 * as NewebPay refuse server-side posting, the customer has to reach their page for 3-D Secure).
 *
 * @param expiresAt until when the gateway accepts the form (e.g. NewebPay's TimeStamp window), or null
 */
public record FormPost(String action, String url, Map<String, String> fields, OffsetDateTime expiresAt) {

    public static FormPost of(String url, Map<String, String> fields) {
        return new FormPost("FORM_POST", url, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields)),
                null);
    }

    /** The same form, valid until {@code expiresAt}. */
    public FormPost expiringAt(OffsetDateTime expiresAt) {
        return new FormPost(action, url, fields, expiresAt);
    }
}
