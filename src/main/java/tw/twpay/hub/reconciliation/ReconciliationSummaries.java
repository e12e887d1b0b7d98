package tw.twpay.hub.reconciliation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.ReconciliationEvent;
import tw.twpay.hub.canonical.ReconciliationEvent.SourceRead;
import tw.twpay.hub.canonical.ReconciliationEvent.Tally;

/** A finished run's summary: counts and sums per kind and per status, added up by the database. */
@Component
public class ReconciliationSummaries {

    private final ReconciliationItems items;

    public ReconciliationSummaries(ReconciliationItems items) {
        this.items = items;
    }

    public ReconciliationEvent summarize(ReconciliationRun run, SettlementSource source, RunCounters counters,
                                         OffsetDateTime finishedAt) {
        Map<String, MutableTally> byKind = new TreeMap<>();
        Map<String, MutableTally> byStatus = new TreeMap<>();
        items.summarize(run.id(), rs -> {
            long count = rs.getLong("items");
            BigDecimal amount = rs.getBigDecimal("amount");
            String currency = rs.getString("currency");
            byKind.computeIfAbsent(rs.getString("kind"), k -> new MutableTally()).add(count, currency, amount);
            String status = rs.getString("status");
            byStatus.computeIfAbsent(status == null ? "UNKNOWN" : status, k -> new MutableTally())
                    .add(count, currency, amount);
        });
        return new ReconciliationEvent(run.provider(), run.merchant(), run.id(), run.from(), run.to(),
                SettlementWindow.BUSINESS_ZONE.getId(),
                List.of(new SourceRead(source.name(), counters.recordsRead, counters.unanswered)),
                freeze(byKind), freeze(byStatus), counters.repaired, counters.discrepancies, finishedAt, finishedAt,
                EventSource.RECONCILIATION);
    }

    private static Map<String, Tally> freeze(Map<String, MutableTally> tallies) {
        Map<String, Tally> frozen = new TreeMap<>();
        tallies.forEach((key, tally) -> frozen.put(key, new Tally(tally.count, new TreeMap<>(tally.amounts))));
        return frozen;
    }

    private static final class MutableTally {
        long count;
        final Map<String, BigDecimal> amounts = new TreeMap<>();

        void add(long items, String currency, BigDecimal amount) {
            count += items;
            if (currency != null && amount != null) {
                amounts.merge(currency, amount.stripTrailingZeros().setScale(Math.max(2,
                        amount.stripTrailingZeros().scale())), BigDecimal::add);
            }
        }
    }
}
