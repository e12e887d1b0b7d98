package tw.twpay.hub.provider.newebpay;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The hub's callback addresses that requests tell NewebPay about, built from {@code twpay.public-base-url}. */
@Component
public class NewebPayCallbackUrls {

    private final String publicBaseUrl;

    public NewebPayCallbackUrls(@Value("${twpay.public-base-url}") String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    /** NotifyURL of MPG and back-end payments. */
    public String notify(NewebPayMerchant merchant) {
        return url(merchant, "notify");
    }

    /** NotifyURL of NDNP mandates. */
    public String periodNotify(NewebPayMerchant merchant) {
        return url(merchant, "period-notify");
    }

    /** ReturnURL: the customer's browser comes back here; it never changes state. */
    public String browserReturn(NewebPayMerchant merchant) {
        return url(merchant, "return");
    }

    private String url(NewebPayMerchant merchant, String kind) {
        return publicBaseUrl + "/callbacks/newebpay/" + merchant.alias() + "/" + kind;
    }
}
