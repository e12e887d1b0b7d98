package tw.twpay.hub.provider.tappay;

import tw.twpay.hub.canonical.Money;
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
}
