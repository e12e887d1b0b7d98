package tw.twpay.hub.provider.tappay;

import java.util.Locale;
import tw.twpay.hub.api.ProviderFields;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.ledger.SensitiveDataMasker;
import tw.twpay.hub.web.RejectedRequestException;

/** Checks on the ERP's order before anything is sent to TapPay. */
final class TapPayOrders {

    private TapPayOrders() {
    }

    /** TapPay's order_number is at most 50 characters; the hub keeps it to characters every bank takes. */
    static void requireOrderNo(String orderNo) {
        if (!orderNo.matches("[A-Za-z0-9_-]{1,50}")) {
            throw RejectedRequestException.badRequest("orderNo must be 1 to 50 letters, digits, '_' or '-'");
        }
    }

    static void requireCurrency(TapPayMerchant merchant, Money amount) {
        if (!merchant.currencies().contains(amount.currency())) {
            throw RejectedRequestException.badRequest("TapPay merchant '" + merchant.alias() + "' takes "
                    + String.join(", ", merchant.currencies().stream().sorted().toList()) + ", not "
                    + amount.currency());
        }
    }

    /** The ERP's capture: auto (default) captures the same day, manual waits for Cap Today. */
    static int captureDelay(String capture) {
        if (capture == null || "auto".equals(capture.toLowerCase(Locale.ROOT))) {
            return 0;
        }
        if ("manual".equals(capture.toLowerCase(Locale.ROOT))) {
            return TapPayStatusMapping.CAPTURE_ON_REQUEST;
        }
        throw RejectedRequestException.badRequest("capture must be auto or manual");
    }

    /**
     * TapPay's details (required, at most 100 characters): the ERP's details, else its description; free text, so a
     * card number in it is masked like the description's.
     */
    static String details(ProviderFields fields, String description) {
        String details = fields.text("details") != null ? SensitiveDataMasker.mask(fields.text("details"))
                : description;
        if (details == null || details.isBlank()) {
            throw RejectedRequestException.badRequest("details (or description) is required");
        }
        if (details.length() > 100) {
            throw RejectedRequestException.badRequest("details must be at most 100 characters");
        }
        return details;
    }
}
