package tw.twpay.hub.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * A provider's configured merchants by the hub's alias (the path segment of callbacks and commands), in
 * configuration order. Each provider validates and builds its own merchants; looking them up is the same for all.
 *
 * @param <M> the provider's merchant type
 */
public final class MerchantAliases<M> {

    private final String providerName;
    private final Map<String, M> byAlias = new LinkedHashMap<>();

    /** @param providerName as people read it in an error, e.g. "NewebPay" */
    public MerchantAliases(String providerName) {
        this.providerName = providerName;
    }

    public void add(String alias, M merchant) {
        byAlias.put(alias, merchant);
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
