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
 * @param queryBackoff       the pauses before the missed-notify poll asks about the same order again; after the
 *                           last one it no longer does (many "no such trade" answers lock a merchant's queries)
 * @param queryCapPerHour    QueryTradeInfo calls a merchant sends at most per hour, whatever asks
 * @param queryLock          how long no query is sent after NewebPay locked them (TRA10071: 4 hours)
 */
@ConfigurationProperties("twpay.providers.newebpay")
public record NewebPayProperties(
        Map<String, Merchant> merchants,
        String sandboxBaseUrl,
        @DefaultValue("PT15M") Duration missedNotifyAfter,
        @DefaultValue("P3D") Duration missedNotifyGiveUp,
        @DefaultValue({"PT5M", "PT15M", "PT1H", "PT6H"}) java.util.List<Duration> queryBackoff,
        @DefaultValue("60") int queryCapPerHour,
        @DefaultValue("PT4H") Duration queryLock) {

    public NewebPayProperties {
        merchants = merchants == null ? Map.of() : Map.copyOf(merchants);
        queryBackoff = queryBackoff == null || queryBackoff.isEmpty()
                ? java.util.List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6))
                : java.util.List.copyOf(queryBackoff);
    }

    /**
     * One merchant alias. {@link #toString()} leaves the keys out, so the record can never print them.
     *
     * @param kind        NDNF (one-off payments) or NDNP (recurring mandates)
     * @param environment test (ccore.newebpay.com), production (core.newebpay.com) or sandbox (in-process simulator)
     * @param passkey     the merchant has NewebPay's Passkey service: MPG requests carry P3D=1 and back-end card
     *                    payments need the cardholder's phone and split name
     * @param composite   a composite merchant (複合式商店): QueryTradeInfo must name Gateway=Composite
     */
    public record Merchant(
            String merchantId,
            String hashKey,
            String hashIv,
            NewebPayMerchantKind kind,
            @DefaultValue("test") NewebPayEnvironment environment,
            @DefaultValue("false") boolean passkey,
            @DefaultValue("false") boolean composite) {

        @Override
        public String toString() {
            return "Merchant[merchantId=" + merchantId + ", kind=" + kind + ", environment=" + environment
                    + ", passkey=" + passkey + ", composite=" + composite + ", hashKey=***, hashIv=***]";
        }
    }
}
