package tw.twpay.hub.provider.newebpay;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.InvalidConfigurationException;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.provider.MerchantAliases;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The configured NewebPay merchants, validated at start-up: a missing MerchantID or a HashKey/HashIV of the wrong
 * length stops the hub with a message naming the merchant and the field, never the value.
 */
@Component
public class NewebPayMerchants {

    private static final String PREFIX = "twpay.providers.newebpay.merchants.";

    private final MerchantAliases<NewebPayMerchant> byAlias = new MerchantAliases<>("NewebPay", PREFIX);

    public NewebPayMerchants(NewebPayProperties properties,
                             @Value("${twpay.sandbox.enabled:false}") boolean sandboxEnabled,
                             @Value("${twpay.public-base-url}") String publicBaseUrl) {
        String sandboxBaseUrl = MerchantAliases.withoutTrailingSlash(properties.sandboxBaseUrl() != null && !properties.sandboxBaseUrl().isBlank()
                ? properties.sandboxBaseUrl() : publicBaseUrl + "/sandbox/newebpay");
        properties.merchants().forEach((alias, merchant) ->
                byAlias.add(alias, () -> build(alias, merchant, sandboxEnabled, sandboxBaseUrl)));
    }

    private static NewebPayMerchant build(String alias, NewebPayProperties.Merchant config, boolean sandboxEnabled,
                                          String sandboxBaseUrl) {
        String key = PREFIX + alias;
        if (config.merchantId() == null || config.merchantId().isBlank()) {
            throw new InvalidConfigurationException(key + ".merchant-id", "is missing");
        }
        if (config.kind() == null) {
            throw new InvalidConfigurationException(key + ".kind", "is missing (NDNF or NDNP)");
        }
        MerchantHashKeys keys;
        try {
            keys = MerchantHashKeys.of(config.hashKey(), config.hashIv());
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("HashIV") ? ".hash-iv" : ".hash-key";
            throw new InvalidConfigurationException(key + field, "merchant " + alias + ": " + e.getMessage());
        }
        String gateway;
        if (config.environment() == NewebPayEnvironment.SANDBOX) {
            if (!sandboxEnabled) {
                throw new InvalidConfigurationException(key + ".environment",
                        "sandbox needs twpay.sandbox.enabled=true; use test or production");
            }
            gateway = sandboxBaseUrl;
        } else {
            gateway = config.environment().gatewayBaseUrl();
        }
        return new NewebPayMerchant(alias, config.merchantId(), config.kind(), config.passkey(), config.composite(), gateway,
                new NewebPayTradeInfoCodec(keys), new NewebPayCheckCodes(keys));
    }


    /** The merchant of an alias from a request path; 404 when no such merchant is configured. */
    public NewebPayMerchant require(String alias) {
        return byAlias.require(alias);
    }

    /** Like {@link #require} but also insists on the merchant kind (NDNF vs NDNP keys are never mixed). */
    public NewebPayMerchant require(String alias, NewebPayMerchantKind kind) {
        NewebPayMerchant merchant = require(alias);
        if (merchant.kind() != kind) {
            throw RejectedRequestException.badRequest("NewebPay merchant '" + alias + "' is " + merchant.kind()
                    + "; this operation needs an " + kind + " merchant");
        }
        return merchant;
    }

    /**
     * The other aliases of the same NewebPay merchant (MerchantID at the same gateway): NewebPay takes one order per
     * MerchantOrderNo of a MerchantID, and QueryTradeInfo answers by MerchantID and MerchantOrderNo only.
     */
    public java.util.List<String> sharingMerchantId(String alias) {
        return byAlias.sharingGatewayMerchant(alias, merchant -> java.util.List.of(merchant.merchantId(),
                merchant.gatewayBaseUrl()));
    }

    public Map<String, NewebPayMerchant> all() {
        return byAlias.all();
    }
}
