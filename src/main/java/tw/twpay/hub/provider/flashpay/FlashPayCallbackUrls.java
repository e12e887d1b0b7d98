package tw.twpay.hub.provider.flashpay;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The hub's addresses that requests tell FlashPay about, built from {@code twpay.public-base-url}. */
@Component
public class FlashPayCallbackUrls {

    private final String publicBaseUrl;

    public FlashPayCallbackUrls(@Value("${twpay.public-base-url}") String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    /** return_url: FlashPay's server posts the result here (answered 1|OK after commit). */
    public String notify(FlashPayMerchant merchant) {
        return url(merchant, "notify");
    }

    /** client_url when the ERP names none: the customer's browser comes back here; it never changes state. */
    public String browserReturn(FlashPayMerchant merchant) {
        return url(merchant, "return");
    }

    private String url(FlashPayMerchant merchant, String kind) {
        return publicBaseUrl + "/callbacks/flashpay/" + merchant.alias() + "/" + kind;
    }
}
