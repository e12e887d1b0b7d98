package tw.twpay.hub.provider.tappay;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The hub's URLs TapPay calls back, from {@code twpay.public-base-url}. */
@Component
public class TapPayCallbackUrls {

    private final String publicBaseUrl;

    public TapPayCallbackUrls(@Value("${twpay.public-base-url}") String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public String backendNotify(TapPayMerchant merchant) {
        return publicBaseUrl + "/callbacks/tappay/" + merchant.alias() + "/notify";
    }
}
