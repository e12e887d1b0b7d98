package tw.twpay.hub.provider.newebpay;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.web.RejectedRequestException;

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

    /**
     * A callback URL the gateway takes: at most {@code maxLength} characters (NDNF String(200), NDNP String(100)), and
     * for the real gateway on port 80 or 443 only. Refused with a 400 before anything is sent.
     */
    static String accepted(String url, int maxLength, NewebPayMerchant merchant, String field) {
        if (url.length() > maxLength) {
            throw RejectedRequestException.badRequest(field + " " + url + " is longer than the " + maxLength
                    + " characters NewebPay takes (twpay.public-base-url)");
        }
        int port = java.net.URI.create(url).getPort();
        if (!merchant.sandbox() && port != -1 && port != 80 && port != 443) {
            throw RejectedRequestException.badRequest(field + " " + url + " uses port " + port
                    + "; NewebPay only calls ports 80 and 443 (twpay.public-base-url)");
        }
        return url;
    }

    private String url(NewebPayMerchant merchant, String kind) {
        return publicBaseUrl + "/callbacks/newebpay/" + merchant.alias() + "/" + kind;
    }
}
