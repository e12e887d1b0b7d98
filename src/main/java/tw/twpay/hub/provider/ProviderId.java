package tw.twpay.hub.provider;

import java.util.Locale;
import java.util.Objects;

/**
 * A payment provider's identity, in the two spellings the hub uses: the lower-case path segment of the HTTP API and
 * the route names ({@code newebpay}), and the upper-case code of the canonical model and the ledger
 * ({@code NEWEBPAY}). A provider declares its id once, in its own package; nothing else spells a provider's name.
 */
public final class ProviderId {

    public static final ProviderId NEWEBPAY = new ProviderId("newebpay");
    public static final ProviderId TAPPAY = new ProviderId("tappay");
    public static final ProviderId FLASHPAY = new ProviderId("flashpay");

    private final String pathSegment;

    private ProviderId(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    /**
     * The id of a provider as written in a request path or body, in either case; refused (400) when it cannot be a
     * provider name. Whether the hub has that provider is for {@link ProviderRoutes} to say.
     */
    public static ProviderId of(String name) {
        String segment = Objects.requireNonNull(name, "provider").trim().toLowerCase(Locale.ROOT);
        if (!segment.matches("[a-z][a-z0-9]{0,31}")) {
            throw tw.twpay.hub.web.RejectedRequestException.badRequest(
                    "provider must be a provider name such as newebpay, tappay or flashpay");
        }
        return new ProviderId(segment);
    }

    /** {@code newebpay}: API paths, route names ({@code direct:newebpay-create-payment}), configuration keys. */
    public String pathSegment() {
        return pathSegment;
    }

    /** {@code NEWEBPAY}: the canonical model's {@code provider} and the ledger's provider column. */
    public String code() {
        return pathSegment.toUpperCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProviderId id && id.pathSegment.equals(pathSegment);
    }

    @Override
    public int hashCode() {
        return pathSegment.hashCode();
    }

    @Override
    public String toString() {
        return pathSegment;
    }
}
