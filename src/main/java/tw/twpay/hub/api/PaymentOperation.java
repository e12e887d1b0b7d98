package tw.twpay.hub.api;

import java.util.Locale;
import tw.twpay.hub.web.RejectedRequestException;

/** What an ERP can ask the hub to do to an existing payment; the API path segment is the kebab-case name. */
public enum PaymentOperation {
    QUERY,
    CANCEL,
    CAPTURE,
    CANCEL_CAPTURE,
    REFUND,
    CANCEL_REFUND;

    public String pathSegment() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PaymentOperation fromPathSegment(String segment) {
        for (PaymentOperation operation : values()) {
            if (operation.pathSegment().equals(segment)) {
                return operation;
            }
        }
        throw RejectedRequestException.notFound("no payment operation '" + segment + "'");
    }
}
