package tw.twpay.hub.sandbox.flashpay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.provider.flashpay.FlashPayCodec;
import tw.twpay.hub.provider.flashpay.FlashPayEnvironment;
import tw.twpay.hub.provider.flashpay.FlashPayProperties;

/**
 * The merchants the simulated gateway knows: those configured with environment {@code sandbox}, by mer_id, each with
 * a codec the simulator builds from the configured keys. Merchants of FlashPay's real hosts are never here.
 */
@Component
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class FlashPaySandboxMerchants {

    private final Map<String, FlashPayCodec> byMerchantId = new LinkedHashMap<>();

    public FlashPaySandboxMerchants(FlashPayProperties properties) {
        properties.merchants().values().stream()
                .filter(merchant -> merchant.environment() == FlashPayEnvironment.SANDBOX)
                .forEach(merchant -> byMerchantId.putIfAbsent(merchant.merchantId(),
                        new FlashPayCodec(MerchantHashKeys.of(merchant.hashKey(), merchant.hashIv()))));
    }

    public Optional<FlashPayCodec> codec(String merchantId) {
        return Optional.ofNullable(merchantId == null ? null : byMerchantId.get(merchantId));
    }
}
