package tw.twpay.hub.provider.tappay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code twpay.providers.tappay.*}: the TapPay merchants, one per alias, and the key that encrypts stored cards.
 *
 * @param sandboxBaseUrl     where merchants with environment {@code sandbox} send requests (the in-process simulator)
 * @param cardSecretKey      base64 AES key (16, 24 or 32 bytes) encrypting card_key/card_token at rest; from the
 *                           environment in production
 * @param missedNotifyAfter  how long a payment may stay PENDING before Record is asked about it
 * @param missedNotifyGiveUp payments older than this are no longer asked about
 */
@ConfigurationProperties("twpay.providers.tappay")
public record TapPayProperties(
        Map<String, Merchant> merchants,
        String sandboxBaseUrl,
        String cardSecretKey,
        @DefaultValue("PT2M") Duration missedNotifyAfter,
        @DefaultValue("P3D") Duration missedNotifyGiveUp) {

    public TapPayProperties {
        merchants = merchants == null ? Map.of() : Map.copyOf(merchants);
    }

    @Override
    public String toString() {
        return "TapPayProperties[merchants=" + merchants + ", sandboxBaseUrl=" + sandboxBaseUrl
                + ", cardSecretKey=***]";
    }

    /**
     * One merchant alias. {@link #toString()} leaves the partner key out, so the record can never print it.
     *
     * @param merchantId      the Portal merchant id; exactly one of it and {@code merchantGroupId}
     * @param environment     test (sandbox.tappaysdk.com), production (prod.tappaysdk.com) or sandbox (in-process)
     * @param backendNotify   the merchant uses redirect flows (3-D Secure, wallets) and gets backend notifies
     * @param currencies      what the merchant may charge in (default TWD)
     */
    public record Merchant(
            String partnerKey,
            String merchantId,
            String merchantGroupId,
            @DefaultValue("test") TapPayEnvironment environment,
            @DefaultValue("false") boolean backendNotify,
            List<String> currencies) {

        @Override
        public String toString() {
            return "Merchant[merchantId=" + merchantId + ", merchantGroupId=" + merchantGroupId + ", environment="
                    + environment + ", backendNotify=" + backendNotify + ", currencies=" + currencies
                    + ", partnerKey=***]";
        }
    }
}
