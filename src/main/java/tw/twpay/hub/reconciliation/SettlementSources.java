package tw.twpay.hub.reconciliation;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.web.RejectedRequestException;

/** Every {@link SettlementSource} bean of the application; a provider joins by declaring one. */
@Component
public class SettlementSources {

    private final List<SettlementSource> sources;

    public SettlementSources(List<SettlementSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public List<SettlementSource> all() {
        return sources;
    }

    public SettlementSource require(String name) {
        return sources.stream().filter(source -> source.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no settlement source " + name));
    }

    /** The source that asks the provider's gateway (not a file import); 404 when the provider has none. */
    public SettlementSource gatewaySource(ProviderId provider) {
        return find(provider, false).orElseThrow(() -> RejectedRequestException.notFound(
                "provider " + provider + " has no settlement source to reconcile with"));
    }

    /** The source that reads the provider's settlement files; 404 when the provider has none. */
    public SettlementSource fileSource(ProviderId provider) {
        return find(provider, true).orElseThrow(() -> RejectedRequestException.notFound(
                "provider " + provider + " has no settlement file format"));
    }

    private Optional<SettlementSource> find(ProviderId provider, boolean file) {
        return sources.stream()
                .filter(source -> source.provider().equals(provider))
                .filter(source -> (source instanceof SettlementFileSource) == file)
                .findFirst();
    }
}
