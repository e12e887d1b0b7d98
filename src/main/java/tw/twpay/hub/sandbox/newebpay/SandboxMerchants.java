package tw.twpay.hub.sandbox.newebpay;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.provider.newebpay.NewebPayCheckCodes;
import tw.twpay.hub.provider.newebpay.NewebPayEnvironment;
import tw.twpay.hub.provider.newebpay.NewebPayMerchantKind;
import tw.twpay.hub.provider.newebpay.NewebPayProperties;

/**
 * The merchants the simulated gateway serves: those configured with environment sandbox (the hub's NewebPayMerchants
 * has validated their keys at start-up). Merchants of the test or production hosts are never among them, so the
 * simulator can never act with their keys.
 */
@Component
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class SandboxMerchants {

    private final List<SandboxMerchant> merchants;

    public SandboxMerchants(NewebPayProperties properties) {
        this.merchants = properties.merchants().entrySet().stream()
                .filter(entry -> entry.getValue().environment() == NewebPayEnvironment.SANDBOX)
                .map(entry -> {
                    NewebPayProperties.Merchant config = entry.getValue();
                    MerchantHashKeys keys = MerchantHashKeys.of(config.hashKey(), config.hashIv());
                    return new SandboxMerchant(entry.getKey(), config.merchantId(), config.kind(), config.passkey(),
                            new SandboxCodec(keys), new NewebPayCheckCodes(keys));
                })
                .toList();
    }

    /** The sandbox merchant of this kind and MerchantID (the gateway knows merchants by MerchantID only). */
    public Optional<SandboxMerchant> find(String merchantId, NewebPayMerchantKind kind) {
        if (merchantId == null) {
            return Optional.empty();
        }
        return merchants.stream()
                .filter(merchant -> merchant.kind() == kind && merchant.merchantId().equals(merchantId))
                .findFirst();
    }
}
