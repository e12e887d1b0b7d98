package tw.twpay.hub.provider.flashpay;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code twpay.providers.flashpay.*}: the FlashPay merchants, one per alias.
 *
 * @param sandboxBaseUrl       where merchants with environment {@code sandbox} send requests (the in-process simulator)
 * @param missedNotifyAfter    how long an order may stay PENDING before FlashPay is asked about it (107)
 * @param missedNotifyGiveUp   orders older than this are no longer asked about
 * @param authorisationTimeout how long order_status 00 (授權中, also used for a failed authorisation) is read as still
 *                             pending; a 107 answering 00 for an order older than this records it FAILED
 */
@ConfigurationProperties("twpay.providers.flashpay")
public record FlashPayProperties(
        Map<String, Merchant> merchants,
        String sandboxBaseUrl,
        @DefaultValue("PT15M") Duration missedNotifyAfter,
        @DefaultValue("P3D") Duration missedNotifyGiveUp,
        @DefaultValue("PT1H") Duration authorisationTimeout) {

    public FlashPayProperties {
        merchants = merchants == null ? Map.of() : Map.copyOf(merchants);
    }

    /**
     * One merchant alias. {@link #toString()} leaves the keys out, so the record can never print them.
     *
     * @param environment  test (demo.flashpayvpn.xyz), production (api.fl-pay.com) or sandbox (in-process simulator)
     * @param stoId        optional sub-store id (sto_id)
     * @param tradeBaseUrl overrides the environment's host of trade.php (the customer's browser posts there)
     * @param queryBaseUrl overrides the environment's host of querytrade.php (107 / 106 / 8)
     */
    public record Merchant(
            String merchantId,
            String hashKey,
            String hashIv,
            @DefaultValue("test") FlashPayEnvironment environment,
            String stoId,
            String tradeBaseUrl,
            String queryBaseUrl) {

        @Override
        public String toString() {
            return "Merchant[merchantId=" + merchantId + ", environment=" + environment + ", stoId=" + stoId
                    + ", hashKey=***, hashIv=***]";
        }
    }
}
