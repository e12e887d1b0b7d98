package tw.twpay.hub.provider.tappay;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.InvalidConfigurationException;
import tw.twpay.hub.provider.MerchantAliases;

/**
 * The configured TapPay merchants, validated at start-up: a missing partner key, both or neither of merchant id and
 * merchant group id, a currency TapPay's amount rules do not cover, or a backend notify URL TapPay would refuse
 * stops the hub with a message naming the merchant and the field, never the value.
 */
@Component
public class TapPayMerchants {

    private static final String PREFIX = "twpay.providers.tappay.merchants.";

    private final MerchantAliases<TapPayMerchant> byAlias = new MerchantAliases<>("TapPay", PREFIX);
    /** Where sandbox merchants send requests; null when the sandbox is off, so no merchant can match it. */
    private final String sandboxBaseUrl;

    public TapPayMerchants(TapPayProperties properties,
                           @Value("${twpay.sandbox.enabled:false}") boolean sandboxEnabled,
                           @Value("${twpay.public-base-url}") String publicBaseUrl) {
        String sandboxBaseUrl = MerchantAliases.withoutTrailingSlash(properties.sandboxBaseUrl() != null && !properties.sandboxBaseUrl().isBlank()
                ? properties.sandboxBaseUrl() : publicBaseUrl + "/sandbox/tappay");
        this.sandboxBaseUrl = sandboxEnabled ? sandboxBaseUrl : null;
        properties.merchants().forEach((alias, merchant) ->
                byAlias.add(alias, () -> build(alias, merchant, sandboxEnabled, sandboxBaseUrl, publicBaseUrl)));
    }

    private static TapPayMerchant build(String alias, TapPayProperties.Merchant config, boolean sandboxEnabled,
                                        String sandboxBaseUrl, String publicBaseUrl) {
        String key = PREFIX + alias;
        String partnerKey = config.partnerKey();
        if (partnerKey == null || partnerKey.isBlank()) {
            throw new InvalidConfigurationException(key + ".partner-key", "is missing");
        }
        if (!partnerKey.matches("[A-Za-z0-9_]{1,64}")) {
            throw new InvalidConfigurationException(key + ".partner-key",
                    "merchant " + alias + ": must be at most 64 letters, digits or '_'");
        }
        String merchantId = blankToNull(config.merchantId());
        String groupId = blankToNull(config.merchantGroupId());
        if ((merchantId == null) == (groupId == null)) {
            throw new InvalidConfigurationException(key + ".merchant-id",
                    "give exactly one of merchant-id and merchant-group-id");
        }
        String portalId = merchantId != null ? merchantId : groupId;
        if (portalId.length() > 50) {
            throw new InvalidConfigurationException(key + (merchantId != null ? ".merchant-id" : ".merchant-group-id"),
                    "is longer than TapPay's 50 characters");
        }
        Set<String> currencies = new LinkedHashSet<>();
        if (config.currencies() == null || config.currencies().isEmpty()) {
            currencies.add("TWD");
        } else {
            for (String currency : config.currencies()) {
                String code = currency == null ? "" : currency.trim().toUpperCase(Locale.ROOT);
                if (!TapPayAmounts.supports(code)) {
                    throw new InvalidConfigurationException(key + ".currencies", "'" + currency
                            + "' is not a currency the hub can send to TapPay (" + TapPayAmounts.CURRENCIES + ")");
                }
                currencies.add(code);
            }
        }
        if (config.environment() == null) {
            throw new InvalidConfigurationException(key + ".environment", "is missing (test, production or sandbox)");
        }
        String apiBaseUrl;
        if (config.environment() == TapPayEnvironment.SANDBOX) {
            if (!sandboxEnabled) {
                throw new InvalidConfigurationException(key + ".environment",
                        "sandbox needs twpay.sandbox.enabled=true; use test or production");
            }
            apiBaseUrl = sandboxBaseUrl;
        } else {
            apiBaseUrl = config.environment().apiBaseUrl();
            if (config.backendNotify() && !reachableByTapPay(publicBaseUrl)) {
                throw new InvalidConfigurationException(key + ".backend-notify",
                        "TapPay sends backend notifies only to https on port 443; twpay.public-base-url is not");
            }
        }
        return new TapPayMerchant(alias, partnerKey, merchantId, groupId, apiBaseUrl, config.backendNotify(),
                currencies);
    }

    private static boolean reachableByTapPay(String publicBaseUrl) {
        try {
            URI uri = URI.create(publicBaseUrl);
            return "https".equalsIgnoreCase(uri.getScheme()) && (uri.getPort() == -1 || uri.getPort() == 443);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }


    /** The merchant of an alias from a request path; 404 when no such merchant is configured. */
    public TapPayMerchant require(String alias) {
        return byAlias.require(alias);
    }

    /**
     * The merchant whose requests go to the in-process simulator under this partner key. Merchants of the test or
     * production hosts are never returned, so the simulator can never act with their keys.
     */
    public Optional<TapPayMerchant> sandboxMerchant(String partnerKey) {
        if (sandboxBaseUrl == null || partnerKey == null) {
            return Optional.empty();
        }
        return byAlias.all().values().stream()
                .filter(merchant -> merchant.partnerKey().equals(partnerKey)
                        && sandboxBaseUrl.equals(merchant.apiBaseUrl()))
                .findFirst();
    }

    /**
     * The other aliases of the same TapPay merchant_id (at the same API): the Reconciliation API lists that
     * merchant_id's trades, every alias's alike. None for a merchant-group merchant.
     */
    public java.util.List<String> sharingMerchantId(String alias) {
        return byAlias.sharingGatewayMerchant(alias, merchant -> merchant.merchantId() == null ? merchant.alias()
                : java.util.List.of(merchant.merchantId(), merchant.apiBaseUrl()));
    }

    public Map<String, TapPayMerchant> all() {
        return byAlias.all();
    }
}
