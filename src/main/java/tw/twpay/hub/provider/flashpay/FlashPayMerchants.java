package tw.twpay.hub.provider.flashpay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.InvalidConfigurationException;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.provider.MerchantAliases;

/**
 * The configured FlashPay merchants, validated at start-up: a missing mer_id, a HashKey/HashIV of the wrong length or
 * a base URL that is not one stops the hub with a message naming the merchant and the key, never the value.
 */
@Component
public class FlashPayMerchants {

    static final String PREFIX = "twpay.providers.flashpay.merchants.";
    static final String TRADE_PATH = "/trade.php";
    static final String QUERY_PATH = "/querytrade.php";

    private final MerchantAliases<FlashPayMerchant> byAlias = new MerchantAliases<>("FlashPay", PREFIX);

    public FlashPayMerchants(FlashPayProperties properties,
                             @Value("${twpay.sandbox.enabled:false}") boolean sandboxEnabled,
                             @Value("${twpay.public-base-url}") String publicBaseUrl) {
        String sandboxBaseUrl = properties.sandboxBaseUrl() != null && !properties.sandboxBaseUrl().isBlank()
                ? properties.sandboxBaseUrl() : MerchantAliases.withoutTrailingSlash(publicBaseUrl) + "/sandbox/flashpay";
        properties.merchants().forEach((alias, merchant) ->
                byAlias.add(alias, () -> build(alias, merchant, sandboxEnabled, sandboxBaseUrl)));
    }

    private static FlashPayMerchant build(String alias, FlashPayProperties.Merchant config, boolean sandboxEnabled,
                                          String sandboxBaseUrl) {
        String key = PREFIX + alias;
        if (config.merchantId() == null || !config.merchantId().matches("[A-Za-z0-9]{1,32}")) {
            throw new InvalidConfigurationException(key + ".merchant-id",
                    "merchant " + alias + ": is missing or not 1 to 32 letters and digits (FlashPay mer_id)");
        }
        if (config.stoId() != null && config.stoId().length() > 32) {
            throw new InvalidConfigurationException(key + ".sto-id", "merchant " + alias + ": at most 32 characters");
        }
        MerchantHashKeys keys;
        try {
            keys = MerchantHashKeys.of(config.hashKey(), config.hashIv());
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("HashIV") ? ".hash-iv" : ".hash-key";
            throw new InvalidConfigurationException(key + field, "merchant " + alias + ": " + e.getMessage());
        }
        if (config.environment() == null) {
            throw new InvalidConfigurationException(key + ".environment", "is missing (test, production or sandbox)");
        }
        String environmentBase;
        if (config.environment() == FlashPayEnvironment.SANDBOX) {
            if (!sandboxEnabled) {
                throw new InvalidConfigurationException(key + ".environment",
                        "sandbox needs twpay.sandbox.enabled=true; use test or production");
            }
            environmentBase = sandboxBaseUrl;
        } else {
            environmentBase = config.environment().baseUrl();
        }
        String tradeBase = baseUrl(key + ".trade-base-url", config.tradeBaseUrl(), environmentBase);
        String queryBase = baseUrl(key + ".query-base-url", config.queryBaseUrl(), environmentBase);
        return new FlashPayMerchant(alias, config.merchantId(), config.stoId() == null ? "" : config.stoId(),
                tradeBase + TRADE_PATH, queryBase + QUERY_PATH, new FlashPayCodec(keys));
    }

    /** The override when given, else the environment's; either must be an absolute http(s) URL. */
    private static String baseUrl(String key, String override, String environmentBase) {
        String url = override != null && !override.isBlank() ? override.trim() : environmentBase;
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new InvalidConfigurationException(key, "must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(key, "is not a URL");
        }
        return MerchantAliases.withoutTrailingSlash(url);
    }


    /** The merchant of an alias from a request path; 404 when no such merchant is configured. */
    public FlashPayMerchant require(String alias) {
        return byAlias.require(alias);
    }

    /**
     * The other aliases of the same FlashPay merchant (mer_id at the same querytrade.php): stores with a sto_id each.
     * FlashPay takes one order per ord_no of a mer_id, and its queries name no sto_id.
     */
    public java.util.List<String> sharingMerId(String alias) {
        return byAlias.sharingGatewayMerchant(alias, merchant -> java.util.List.of(merchant.merchantId(),
                merchant.queryUrl()));
    }

    public Map<String, FlashPayMerchant> all() {
        return byAlias.all();
    }
}
