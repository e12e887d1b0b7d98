package tw.twpay.hub.provider.newebpay;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code twpay.providers.newebpay.*}: the NewebPay merchants, one per alias. NDNF (one-off) and NDNP (recurring)
 * are separate merchants with separate keys; a request for one never uses the other's keys.
 *
 * @param sandboxBaseUrl     where merchants with environment {@code sandbox} send requests (the in-process simulator)
 * @param missedNotifyAfter  how long an order may stay PENDING before the gateway is asked about it
 * @param missedNotifyGiveUp orders older than this are no longer asked about
 */
@ConfigurationProperties("twpay.providers.newebpay")
public record NewebPayProperties(
        Map<String, Merchant> merchants,
        String sandboxBaseUrl,
        @DefaultValue("PT15M") Duration missedNotifyAfter,
        @DefaultValue("P3D") Duration missedNotifyGiveUp) {

    public NewebPayProperties {
        merchants = merchants == null ? Map.of() : Map.copyOf(merchants);
    }

    /**
     * One merchant alias. {@link #toString()} leaves the keys out, so the record can never print them.
     *
     * @param kind        NDNF (one-off payments) or NDNP (recurring mandates)
     * @param environment test (ccore.newebpay.com), production (core.newebpay.com) or sandbox (in-process simulator)
     * @param passkey     the merchant has NewebPay's Passkey service: MPG requests carry P3D=1 and back-end card
     *                    payments need the cardholder's phone and split name
     */
    public record Merchant(
            String merchantId,
            String hashKey,
            String hashIv,
            NewebPayMerchantKind kind,
            @DefaultValue("test") NewebPayEnvironment environment,
            @DefaultValue("false") boolean passkey) {

        @Override
        public String toString() {
            return "Merchant[merchantId=" + merchantId + ", kind=" + kind + ", environment=" + environment
                    + ", passkey=" + passkey + ", hashKey=***, hashIv=***]";
        }
    }
}
