package tw.twpay.hub.reconciliation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.ReconciliationEvent;
import tw.twpay.hub.delivery.NodeIdentity;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.StoreResult;

/**
 * Runs one reconciliation: streams the source's records in chunks, looks the chunk's orders up in the ledger,
 * judges each record, stores the repairs through {@link LedgerAppender} (the callbacks' transaction, idempotent
 * fact keys), writes the items and the progress, lists the window's ledger orders no record matched (for a source
 * that lists every trade), and journals the summary as a {@code tw.twpay.reconciliation.v1} event.
 */
@Component("reconciliationEngine")
public class ReconciliationEngine {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationEngine.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final ReconciliationRuns runs;
    private final ReconciliationItems items;
    private final LedgerSide ledger;
    private final LedgerAppender appender;
    private final SettlementSources sources;
    private final ReconciliationSummaries summaries;
    private final ReconciliationProperties properties;
    private final NodeIdentity node;
    private final Clock clock;

    public ReconciliationEngine(ReconciliationRuns runs, ReconciliationItems items, LedgerSide ledger,
                                LedgerAppender appender, SettlementSources sources,
                                ReconciliationSummaries summaries, ReconciliationProperties properties,
                                NodeIdentity node, Clock clock) {
        this.runs = runs;
        this.items = items;
        this.ledger = ledger;
        this.appender = appender;
        this.sources = sources;
        this.summaries = summaries;
        this.properties = properties;
        this.node = node;
        this.clock = clock;
    }

    /** A run the API or the schedule just created. */
    public void runStarted(ReconciliationRun run) {
        run(run.id());
    }

    /** Runs the run if this node can claim it (new, or its node stopped beating); otherwise does nothing. */
    public void run(String runId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!runs.claim(runId, node.id(), now, now.minus(properties.staleAfter()))) {
            log.debug("reconciliation run {} is held by another node or finished", runId);
            return;
        }
        ReconciliationRun run = runs.require(runId);
        SettlementWindow window = ReconciliationRuns.window(run);
        log.info("reconciliation run {} started on {} (attempt {}): {} {} {}..{} from {}", runId, node.id(),
                run.attempts(), run.provider(), run.merchant(), run.from(), run.to(), run.source());
        RunCounters counters = new RunCounters();
        // this attempt lists the run's items afresh, the repairs an earlier attempt stored included
        RunRepairs repairs = new RunRepairs(run);
        try {
            items.deleteOfRun(runId);
            SettlementSource source = sources.require(run.source());
            reconcile(run, window, source, counters, repairs);
            OffsetDateTime finishedAt = OffsetDateTime.now(clock);
            ReconciliationEvent summary = summaries.summarize(run, source, counters, finishedAt);
            appender.append(new LedgerFact(LedgerFact.key(run.provider(), run.merchant(), "RECONCILIATION", runId),
                    summary, null));
            if (!runs.finish(runId, node.id(), counters, tw.twpay.hub.events.CanonicalJson.toText(summary),
                    finishedAt)) {
                throw new RunTakenOverException(runId);
            }
            log.info("reconciliation run {} done: {}", runId, counters);
        } catch (RunTakenOverException e) {
            log.warn("reconciliation run {} was taken over by another node; this node stops", runId);
        } catch (RuntimeException e) {
            failed(run, counters, e);
        }
    }

    private void reconcile(ReconciliationRun run, SettlementWindow window, SettlementSource source,
                           RunCounters counters, RunRepairs repairs) {
        Path input = run.inputRef() == null ? null : Path.of(run.inputRef());
        // a slow source (one gateway query per record) still beats well within stale-after
        Duration flushEvery = properties.staleAfter().dividedBy(4);
        Instant lastLog = clock.instant();
        Instant lastFlush = lastLog;
        // H2 only: the ledger rows the items named, for the orders missing at the gateway (PostgreSQL anti-joins)
        NamedLedgerRows named = ledger.givesRowIds() ? new NamedLedgerRows() : null;
        try (SettlementStream stream = source.open(window, input)) {
            List<SettlementRecord> chunk = new ArrayList<>(properties.chunkSize());
            while (stream.hasNext()) {
                chunk.add(stream.next());
                Instant now = clock.instant();
                if (chunk.size() == properties.chunkSize() || Duration.between(lastFlush, now).compareTo(flushEvery) >= 0) {
                    // the heartbeat first: a node whose run was taken over writes nothing more
                    lastLog = progress(run.id(), counters, lastLog);
                    judgeChunk(run.id(), window, source, chunk, counters, named, repairs);
                    chunk.clear();
                    lastFlush = now;
                }
            }
            progress(run.id(), counters, lastLog);
            judgeChunk(run.id(), window, source, chunk, counters, named, repairs);
        }
        if (source.coverage() == SettlementSource.Coverage.EVERY_TRADE) {
            int orphans = items.insertMissingAtGateway(run.id(), window, named);
            counters.discrepancies += orphans;
        }
        progress(run.id(), counters, Instant.EPOCH);
    }

    /** Writes the heartbeat and counters (throws when another node has taken the run over), logs now and then. */
    private Instant progress(String runId, RunCounters counters, Instant lastLog) {
        if (!runs.recordProgress(runId, node.id(), counters, OffsetDateTime.now(clock))) {
            throw new RunTakenOverException(runId);
        }
        Instant now = clock.instant();
        if (Duration.between(lastLog, now).compareTo(LOG_EVERY) >= 0) {
            log.info("reconciliation run {} progress: {}", runId, counters);
            return now;
        }
        return lastLog;
    }

    private void judgeChunk(String runId, SettlementWindow window, SettlementSource source,
                            List<SettlementRecord> chunk, RunCounters counters, NamedLedgerRows named,
                            RunRepairs repairs) {
        if (chunk.isEmpty()) {
            return;
        }
        // keys in index order: neighbouring look-ups share the index pages the previous one read
        Set<String> tradeIds = new TreeSet<>();
        for (SettlementRecord record : chunk) {
            if (record.providerTradeId() != null) {
                tradeIds.add(record.providerTradeId());
            }
        }
        Map<String, LedgerOrderView> byTrade = ledger.byProviderTradeId(window, tradeIds);
        // the order number only of what the trade id did not find: one look-up per record in the common case
        Set<String> orderNos = new TreeSet<>();
        for (SettlementRecord record : chunk) {
            if (record.orderNo() != null
                    && (record.providerTradeId() == null || !byTrade.containsKey(record.providerTradeId()))) {
                orderNos.add(record.orderNo());
            }
        }
        Map<String, LedgerOrderView> byOrder = ledger.byOrderNo(window, orderNos);
        Map<String, Money> refundedTotals = ledger.refundedTotals(window, partlyRefunded(chunk, byTrade, byOrder));
        Map<String, LedgerSide.EarlierRepair> earlier = repairs.retried()
                ? repairs.earlier(ledger, repairKeys(window, chunk, byTrade, byOrder)) : Map.of();
        List<ReconciliationItem> judged = new ArrayList<>(chunk.size());
        Set<String> unnamed = new TreeSet<>();
        for (SettlementRecord record : chunk) {
            counters.recordsRead++;
            if (record.presence() == SettlementRecord.Presence.UNANSWERED) {
                counters.unanswered++;
                continue;
            }
            LedgerOrderView order = withRefundedTotal(orderOf(record, byTrade, byOrder), refundedTotals);
            String repairKey = earlier.isEmpty() || record.presence() != SettlementRecord.Presence.REPORTED ? null
                    : RepairFacts.key(window, record, RepairFacts.orderNo(record, order));
            LedgerSide.EarlierRepair earlierRepair = repairKey == null ? null : earlier.get(repairKey);
            if (earlierRepair != null && repairs.list(repairKey)) {
                // an earlier attempt of this run repaired the order, which now agrees: listed as it was found
                counters.repaired++;
                counters.discrepancies++;
                ReconciliationItem item = RunRepairs.item(runId, record, order, earlierRepair);
                judged.add(item);
                name(named, unnamed, order, item);
                continue;
            }
            DiscrepancyKind kind = SettlementMatcher.judge(record, order);
            if (kind == null) {
                continue;
            }
            StoreResult repair = null;
            if (kind.repaired()) {
                PaymentEvent fact = RepairFacts.event(window, record, order, OffsetDateTime.now(clock));
                String factKey = RepairFacts.key(window, record, fact.orderNo());
                repair = appender.append(new LedgerFact(factKey, fact, record.rawPayload()));
                repairs.list(factKey);
                counters.repaired++;
                // a later record of the same order in this chunk sees the repaired state (the order keeps the
                // trade's amount; a refund's fact carries the refunded total)
                LedgerOrderView repaired = new LedgerOrderView(fact.orderNo(), fact.providerTradeId(),
                        fact.merchantId(), fact.status(), record.amount(), record.refunded(),
                        LedgerOrderView.UNKNOWN_ROW);
                byOrder.put(fact.orderNo(), repaired);
                if (fact.providerTradeId() != null) {
                    byTrade.put(fact.providerTradeId(), repaired);
                }
            }
            if (kind == DiscrepancyKind.MATCHED) {
                counters.matched++;
            } else {
                counters.discrepancies++;
            }
            ReconciliationItem item = RepairFacts.item(runId, kind, record, order, repair);
            judged.add(item);
            name(named, unnamed, order, item);
        }
        items.insert(judged);
        // the rows the look-ups did not give (an order a repair wrote, a record the ledger did not know), once the
        // chunk's repairs are stored
        if (!unnamed.isEmpty()) {
            for (LedgerOrderView order : ledger.byOrderNo(window, unnamed).values()) {
                named.add(order.rowId());
            }
        }
    }

    /** H2 only: the ledger row an item names, or its order number when the look-up gave no row id. */
    private static void name(NamedLedgerRows named, Set<String> unnamed, LedgerOrderView order,
                             ReconciliationItem item) {
        if (named == null) {
            return;
        }
        if (order != null && order.rowId() != LedgerOrderView.UNKNOWN_ROW) {
            named.add(order.rowId());
        } else {
            unnamed.add(item.orderNo());
        }
    }

    /** The ledger order a record matched: by the provider's trade id, else by order number. */
    private static LedgerOrderView orderOf(SettlementRecord record, Map<String, LedgerOrderView> byTrade,
                                           Map<String, LedgerOrderView> byOrder) {
        LedgerOrderView order = record.providerTradeId() == null ? null : byTrade.get(record.providerTradeId());
        return order == null && record.orderNo() != null ? byOrder.get(record.orderNo()) : order;
    }

    /** The orders of a chunk whose verdict needs the ledger's refunded total. */
    private static Set<String> partlyRefunded(List<SettlementRecord> chunk, Map<String, LedgerOrderView> byTrade,
                                              Map<String, LedgerOrderView> byOrder) {
        Set<String> orderNos = new TreeSet<>();
        for (SettlementRecord record : chunk) {
            LedgerOrderView order = orderOf(record, byTrade, byOrder);
            if (SettlementMatcher.comparesRefundedTotals(record, order)) {
                orderNos.add(order.orderNo());
            }
        }
        return orderNos;
    }

    /** The order with the refunded total the ledger holds, unless a repair of this chunk already gave it one. */
    private static LedgerOrderView withRefundedTotal(LedgerOrderView order, Map<String, Money> refundedTotals) {
        return order == null || order.refunded() != null || !refundedTotals.containsKey(order.orderNo()) ? order
                : order.withRefunded(refundedTotals.get(order.orderNo()));
    }

    /** The repair fact keys of a chunk's gateway records, as a repair of each would be stored. */
    private static Set<String> repairKeys(SettlementWindow window, List<SettlementRecord> chunk,
                                          Map<String, LedgerOrderView> byTrade,
                                          Map<String, LedgerOrderView> byOrder) {
        Set<String> keys = new HashSet<>();
        for (SettlementRecord record : chunk) {
            if (record.presence() != SettlementRecord.Presence.REPORTED) {
                continue;
            }
            keys.add(RepairFacts.key(window, record, RepairFacts.orderNo(record, orderOf(record, byTrade, byOrder))));
        }
        return keys;
    }

    private void failed(ReconciliationRun run, RunCounters counters, RuntimeException e) {
        boolean retried = run.trigger() == RunTrigger.SCHEDULE && run.attempts() < properties.maxAttempts();
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime nextAttempt = retried ? now.plus(properties.retryDelayAfter(run.attempts())) : null;
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        runs.fail(run.id(), node.id(), reason, nextAttempt, now);
        log.warn("reconciliation run {} failed after {} ({}); {}", run.id(), counters, reason,
                retried ? "retried at " + nextAttempt : "not retried", e);
    }

    /** Another node took the run over (this node's heartbeat was too old): this node stops writing. */
    static final class RunTakenOverException extends RuntimeException {
        RunTakenOverException(String runId) {
            super("run " + runId + " was taken over");
        }
    }
}
