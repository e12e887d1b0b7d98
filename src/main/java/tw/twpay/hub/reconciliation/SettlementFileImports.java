package tw.twpay.hub.reconciliation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Settlement files posted to the API or dropped in the folder: the header is checked before anything starts, the
 * file is kept under {@code .imports/} for its run (a run taken over by another node reads it again), and a run of
 * the provider's file source is created.
 */
@Component("settlementFileImports")
public class SettlementFileImports {

    /** {@code <provider>-<merchant>-<yyyy-MM-dd>[_<yyyy-MM-dd>].csv} */
    static final Pattern DROPPED_NAME = Pattern.compile(
            "^([a-z][a-z0-9]*)-(.+)-(\\d{4}-\\d{2}-\\d{2})(?:_(\\d{4}-\\d{2}-\\d{2}))?\\.csv$");

    private final ReconciliationApi api;
    private final SettlementSources sources;
    private final ReconciliationRuns runs;
    private final ReconciliationProperties properties;
    private final Clock clock;

    public SettlementFileImports(ReconciliationApi api, SettlementSources sources, ReconciliationRuns runs,
                                 ReconciliationProperties properties, Clock clock) {
        this.api = api;
        this.sources = sources;
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
    }

    /** POST /reconciliations/settlement-files?provider=&merchant=&date= (or from=&to=), body text/csv. */
    public ReconciliationRun posted(Exchange exchange) {
        var message = exchange.getMessage();
        String provider = message.getHeader("provider", String.class);
        String merchant = message.getHeader("merchant", String.class);
        if (provider == null || merchant == null) {
            throw RejectedRequestException.badRequest("provider and merchant are required");
        }
        SettlementWindow window = api.window(provider, merchant, message.getHeader("date", String.class),
                message.getHeader("from", String.class), message.getHeader("to", String.class));
        return start(window, message.getBody(InputStream.class));
    }

    /** A file dropped in the folder; its name says the provider, merchant and window. */
    public ReconciliationRun dropped(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Matcher parts = DROPPED_NAME.matcher(name);
        if (!parts.matches()) {
            throw RejectedRequestException.badRequest("settlement file " + name + " is not named "
                    + "<provider>-<merchant>-<yyyy-MM-dd>[_<yyyy-MM-dd>].csv");
        }
        SettlementWindow window = parts.group(4) == null
                ? api.window(parts.group(1), parts.group(2), parts.group(3), null, null)
                : api.window(parts.group(1), parts.group(2), null, parts.group(3), parts.group(4));
        return start(window, exchange.getMessage().getBody(InputStream.class));
    }

    private ReconciliationRun start(SettlementWindow window, InputStream body) {
        SettlementSource source = sources.fileSource(window.provider());
        ReconciliationApi.requireServed(source, window);
        if (body == null) {
            throw RejectedRequestException.badRequest("the settlement file is empty");
        }
        Path kept = keep(body);
        try (InputStream file = Files.newInputStream(kept)) {
            ((SettlementFileSource) source).checkHeader(file);
            String id = runs.create(window, source.name(), kept.toAbsolutePath().toString(), RunTrigger.FILE,
                    OffsetDateTime.now(clock));
            return runs.require(id);
        } catch (IOException e) {
            delete(kept);
            throw new UncheckedIOException("cannot read the settlement file", e);
        } catch (RuntimeException e) {
            delete(kept);
            throw e;
        }
    }

    private Path keep(InputStream body) {
        try {
            Path folder = Files.createDirectories(properties.settlementFiles().resolve(".imports"));
            Path kept = folder.resolve(UUID.randomUUID() + ".csv");
            Files.copy(body, kept, StandardCopyOption.REPLACE_EXISTING);
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the settlement file under " + properties.settlementFiles(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the run was refused; a stray copy under .imports harms nothing
        }
    }

    static ProviderId provider(String name) {
        return ProviderId.of(name);
    }
}
