package tw.twpay.hub.canonical;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The summary of one finished settlement reconciliation run: which window of which merchant's books, which sources
 * were read, and how many records (and how much money) ended in each kind and status. Its subject is the run id.
 *
 * @param runId        the run, as {@code /api/v1/reconciliations/{runId}} shows it
 * @param windowFrom   first business day of the window (Asia/Taipei)
 * @param windowTo     last business day of the window, included
 * @param sources      what was read
 * @param byKind       MATCHED, MISSING_IN_LEDGER, STATUS_BEHIND, ... → count and sums per currency
 * @param byStatus     the gateway's status (the ledger's for MISSING_AT_GATEWAY) → count and sums per currency
 * @param repaired     facts the run stored (MISSING_IN_LEDGER and STATUS_BEHIND)
 * @param discrepancies items listed for a human
 */
public record ReconciliationEvent(
        String provider,
        String merchant,
        String runId,
        LocalDate windowFrom,
        LocalDate windowTo,
        String timeZone,
        List<SourceRead> sources,
        Map<String, Tally> byKind,
        Map<String, Tally> byStatus,
        long repaired,
        long discrepancies,
        OffsetDateTime occurredAt,
        OffsetDateTime receivedAt,
        EventSource source) implements CanonicalEvent {

    public static final String TYPE = "tw.twpay.reconciliation.v1";
    public static final String SCHEMA = "/api/v1/schema/reconciliation-event.json";

    /** One source read by the run and how many records it gave; {@code unanswered} asked but not answered. */
    public record SourceRead(String name, long recordsRead, long unanswered) {
    }

    /** How many items, and their amounts added up per currency (decimal strings in JSON). */
    public record Tally(long count, Map<String, BigDecimal> amounts) {
    }

    public ReconciliationEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(windowFrom, "windowFrom");
        Objects.requireNonNull(windowTo, "windowTo");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
        sources = List.copyOf(sources);
        // sorted, so the same run always has the same JSON
        byKind = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byKind));
        byStatus = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byStatus));
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return runId;
    }

    @Override
    public String dataSchemaPath() {
        return SCHEMA;
    }
}
