package tw.twpay.hub.provider.tappay;

import tw.twpay.hub.canonical.PaymentStatus;

/**
 * What the ERP's front end must do next for 3-D Secure and wallet payments: send the customer to TapPay's
 * {@code payment_url}. The order stays PENDING until the backend notify (confirmed by Record) or the missed-notify
 * poll settles it.
 */
public record TapPayRedirect(String action, String url, String provider, String merchant, String orderNo,
                             PaymentStatus status) {

    static TapPayRedirect to(String paymentUrl, TapPayMerchant merchant, String orderNo) {
        return new TapPayRedirect("REDIRECT", paymentUrl, TapPay.ID.pathSegment(), merchant.alias(), orderNo,
                PaymentStatus.PENDING);
    }
}
