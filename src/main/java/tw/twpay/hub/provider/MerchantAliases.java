package tw.twpay.hub.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tw.twpay.hub.config.InvalidConfigurationException;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * A provider's configured merchants by the hub's alias (the path segment of callbacks and commands), in
 * configuration order. Each provider validates and builds its own merchants; looking them up is the same for all.
 *
 * @param <M> the provider's merchant type
 */
public final class MerchantAliases<M> {

    /**
     * An alias is a URL path segment (callbacks handed to gateways, commands), part of the CloudEvents source and
     * the ledger's merchant column (varchar(64)); "." and ".." are no segment, every client resolves them away.
     */
    private static final Pattern ALIAS = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,64}");
    private static final String ALIAS_RULE =
            "a merchant alias may only use letters, digits, '.', '_' and '-', at most 64 of them, and is not '.' or '..'";

    private final String providerName;
    private final String propertyPrefix;
    private final Map<String, M> byAlias = new LinkedHashMap<>();

    /**
     * @param providerName   as people read it in an error, e.g. "NewebPay"
     * @param propertyPrefix where the merchants are configured, e.g. "twpay.providers.newebpay.merchants."
     */
    public MerchantAliases(String providerName, String propertyPrefix) {
        this.providerName = providerName;
        this.propertyPrefix = propertyPrefix;
    }

    /**
     * Adds the merchant of a configured alias, refusing an alias that cannot be a path segment (naming its key and
     * the rule) before the merchant is built, so that is the first thing an operator is told.
     */
    public void add(String alias, Supplier<M> merchant) {
        if (!ALIAS.matcher(alias).matches()) {
            throw new InvalidConfigurationException(propertyPrefix + alias, ALIAS_RULE);
        }
        byAlias.put(alias, merchant.get());
    }

    /** The merchant of an alias from a request path; 404 when no such merchant is configured. */
    public M require(String alias) {
        M merchant = byAlias.get(alias);
        if (merchant == null) {
            throw RejectedRequestException.notFound("no " + providerName + " merchant '" + alias + "' is configured");
        }
        return merchant;
    }

    /**
     * The other aliases that are the same merchant at the gateway as {@code alias} ({@code gatewayMerchant}: what
     * identifies it there, e.g. its merchant id and the gateway it is at), in configuration order.
     */
    public List<String> sharingGatewayMerchant(String alias, Function<M, Object> gatewayMerchant) {
        Object identity = gatewayMerchant.apply(require(alias));
        return byAlias.entrySet().stream()
                .filter(other -> !other.getKey().equals(alias))
                .filter(other -> Objects.equals(identity, gatewayMerchant.apply(other.getValue())))
                .map(Map.Entry::getKey)
                .toList();
    }

    public Map<String, M> all() {
        return Collections.unmodifiableMap(byAlias);
    }

    /** A configured base URL without its trailing slash, so paths can be appended as they are written. */
    public static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
