package tw.twpay.hub.provider.tappay;

import java.util.Set;

/**
 * A configured TapPay merchant: its alias, the Portal merchant (or merchant group) it charges for, the API host it
 * talks to and the partner key that authenticates every call. Never prints the key.
 *
 * @param merchantId      null when the merchant is a merchant group
 * @param merchantGroupId null when the merchant is a single merchant
 */
public record TapPayMerchant(
        String alias,
        String partnerKey,
        String merchantId,
        String merchantGroupId,
        String apiBaseUrl,
        boolean backendNotify,
        Set<String> currencies) {

    public TapPayMerchant {
        currencies = Set.copyOf(currencies);
    }

    public String apiUrl(String path) {
        return apiBaseUrl + path;
    }

    /** The id the canonical events carry: the merchant id, or the merchant group id. */
    public String portalId() {
        return merchantId != null ? merchantId : merchantGroupId;
    }

    @Override
    public String toString() {
        return "TapPayMerchant[" + alias + ", " + portalId() + ", " + apiBaseUrl + "]";
    }
}
