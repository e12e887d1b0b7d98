package tw.twpay.hub.ledger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.canonical.CanonicalEvent;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.EventFlag;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.MandateEvent;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.canonical.ReconciliationEvent;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.events.CloudEventEnvelope;
import tw.twpay.hub.events.EventIds;

/**
 * Stores one provider fact in one transaction: append to the journal, move the order (or card token) state forward
 * if the fact allows it, and queue the canonical event in the outbox. The journal's unique fact key makes storing
 * idempotent, also when two nodes or threads store the same fact at once.
 */
@Component("ledgerAppender")
public class LedgerAppender {

    private static final Logger log = LoggerFactory.getLogger(LedgerAppender.class);
    /** A transaction that lost a race on a unique key is run again; a second loss on the same fact is impossible. */
    private static final int MAX_ATTEMPTS = 3;
    private static final String[] JOURNAL_ID = {"id"};

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final CloudEventEnvelope envelope;
    /** Whether the ledger is on PostgreSQL, asked at the first payment fact. */
    private final LedgerDatabase.Vendor database;

    private final String insertJournal = SqlStatements.load("ledger/insert-journal");
    private final String journalFactExists = SqlStatements.load("ledger/journal-fact-exists");
    private final String lockOrder = SqlStatements.load("ledger/lock-order");
    private final String orderExists = SqlStatements.load("ledger/order-exists");
    private final String findOrder = SqlStatements.load("ledger/find-order");
    private final String insertOrder = SqlStatements.load("ledger/insert-order");
    /** PostgreSQL: order, journal and outbox rows of a new order's first fact in one round trip, or none. */
    private final String storeFirstFactOfNewOrder = SqlStatements.load("ledger/store-first-fact-of-new-order-postgres");
    /** PostgreSQL: a fact's journal row and outbox row in one round trip. */
    private final String journalAndQueue = SqlStatements.load("ledger/journal-and-queue-postgres");
    /** PostgreSQL: journal row, order update and outbox row of a fact that moves a known order, in one round trip. */
    private final String storeAppliedFactOfKnownOrder =
            SqlStatements.load("ledger/store-applied-fact-of-known-order-postgres");
    private final String advanceOrder = SqlStatements.load("ledger/advance-order");
    private final String lockCardToken = SqlStatements.load("ledger/lock-card-token");
    private final String insertCardToken = SqlStatements.load("ledger/insert-card-token");
    private final String updateCardToken = SqlStatements.load("ledger/update-card-token");
    private final String insertOutbox = SqlStatements.load("ledger/insert-outbox");
    /** The refunded total the gateways last reported of an order (positional: provider, merchant, order number). */
    private final String reportedRefundedTotal = SqlStatements.load("ledger/find-refunded-total-of-order");

    public LedgerAppender(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
                          CloudEventEnvelope envelope) {
        this.jdbc = jdbc;
        this.envelope = envelope;
        this.transaction = transaction;
        this.clock = clock;
        this.database = new LedgerDatabase.Vendor(jdbc.getJdbcTemplate());
    }

    public StoreResult append(LedgerFact fact) {
        return appendAll(List.of(fact)).get(0);
    }

    /**
     * Stores several facts learned together (one callback may report a payment and a card token) in one
     * transaction; each fact is a duplicate, or not, on its own.
     */
    public List<StoreResult> appendAll(List<LedgerFact> facts) {
        return appendAll(facts, null);
    }

    /**
     * As {@link #appendAll(List)}, for the facts of a command an ERP API caller issued: {@code issuedBy} (the
     * caller's name) is journalled with each of them.
     */
    public List<StoreResult> appendAll(List<LedgerFact> facts, String issuedBy) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<StoreResult> results = transaction.execute(status -> storeInTransaction(facts, issuedBy));
                logStored(facts, results);
                return results;
            } catch (DuplicateKeyException | ConcurrencyFailureException e) {
                // Another transaction stored the same fact, or created the same new order, between our reads and
                // our inserts; ours rolled back whole. Running it again sees their committed rows.
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Stores the facts in the caller's transaction (see {@link LedgerGroupCommit}); the caller commits, then
     * {@link #logStored}.
     */
    List<StoreResult> storeInTransaction(List<LedgerFact> facts, String issuedBy) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<StoreResult> stored = new ArrayList<>(facts.size());
        for (LedgerFact fact : facts) {
            stored.add(appendInTransaction(fact, issuedBy, now));
        }
        return stored;
    }

    /** One log line per fact, once its transaction committed. */
    static void logStored(List<LedgerFact> facts, List<StoreResult> results) {
        for (int i = 0; i < facts.size(); i++) {
            CanonicalEvent event = facts.get(i).event();
            log.info("stored fact event={} type={} subject={} outcome={}", results.get(i).eventId(),
                    event.eventType(), event.subject(), results.get(i).outcome());
        }
    }

    private StoreResult appendInTransaction(LedgerFact fact, String issuedBy, OffsetDateTime now) {
        String eventId = EventIds.forFact(fact.factKey());
        if (fact.event() instanceof PaymentEvent payment) {
            return appendPayment(fact, payment, eventId, issuedBy, now);
        }
        Long known = jdbc.queryForObject(journalFactExists, Map.of("factKey", fact.factKey()), Long.class);
        if (known != null && known > 0) {
            return new StoreResult(StoreOutcome.DUPLICATE, eventId);
        }
        if (fact.event() instanceof CardLifecycleEvent cardChange) {
            return appendCardLifecycle(fact, cardChange, eventId, issuedBy, now);
        }
        return appendNotice(fact, fact.event(), eventId, issuedBy, now);
    }

    private StoreResult appendPayment(LedgerFact fact, PaymentEvent event, String eventId, String issuedBy,
                                      OffsetDateTime now) {
        // a gateway's free text (or the ERP's description it echoes) may hold a card number: never stored or delivered
        String message = event.providerMessage();
        String masked = SensitiveDataMasker.mask(message);
        if (message != null && !message.equals(masked)) {
            event = event.withProviderMessage(masked);
        }
        MapSqlParameterSource orderKey = new MapSqlParameterSource()
                .addValue("provider", event.provider())
                .addValue("merchant", event.merchant())
                .addValue("orderNo", event.orderNo());
        boolean createdByHub = event.source() == EventSource.COMMAND;
        MapSqlParameterSource newOrder = orderParameters(orderKey, event, eventId, now)
                .addValue("createdByHub", createdByHub);
        // A new order's row is inserted with its first fact: on PostgreSQL together with the fact's journal and
        // outbox rows, unless the order is there, in one round trip; on H2 after a prepared look-up (a concurrent
        // first fact of the order meets ours on the order's unique key, and the loser runs again). Only an existing
        // order is locked, and only then is the fact looked up.
        if (database.isPostgres()) {
            if (storeFirstFactOfNewOrder(fact, event, newOrder, createdByHub, eventId, issuedBy, now)) {
                return new StoreResult(StoreOutcome.APPLIED, eventId);
            }
        } else if (!orderExists(orderKey) && jdbc.update(insertOrder, newOrder) == 1) {
            return appendFirstFactOfNewOrder(fact, event, createdByHub, eventId, issuedBy, now);
        }
        List<LockedOrder> locked = jdbc.query(lockOrder,
                new MapSqlParameterSource(orderKey.getValues())
                .addValue("factKey", fact.factKey()), (rs, row) ->
                new LockedOrder(PaymentStatus.valueOf(rs.getString("status")),
                        // only the amount the hub itself asked for is the order's; a provider-made order's is hearsay
                        rs.getBigDecimal("amount_value") == null || !rs.getBoolean("created_by_hub") ? null
                                : new Money(rs.getBigDecimal("amount_value"), rs.getString("currency")),
                        rs.getLong("fact_known") > 0));
        if (locked.isEmpty()) {
            // the order's row was there a moment ago and rows are never deleted; the transaction is run again
            throw new ConcurrencyFailureException("order " + event.orderNo() + " vanished while it was locked");
        }
        if (locked.get(0).factKnown()) {
            return new StoreResult(StoreOutcome.DUPLICATE, eventId);
        }

        StoreOutcome outcome;
        PaymentEvent stored = event;
        EventFlag mismatch = mismatch(event, fact.reverts(), locked.get(0).amount());
        if (mismatch != null) {
            // what the provider reported is stored and delivered as it is, flagged; the order is not marked paid
            outcome = StoreOutcome.FLAGGED;
            stored = event.withFlag(mismatch);
            journalAndQueue(fact, stored, eventId, outcome, envelope.toJson(eventId, stored), issuedBy, now);
        } else {
            PaymentStatus from = locked.get(0).status();
            if (repeatsReportedRefundedTotal(from, fact, event)) {
                outcome = StoreOutcome.UNCHANGED;
            } else if (from.canAdvanceTo(event.status()) || (fact.reverts() && from != event.status())) {
                outcome = StoreOutcome.APPLIED;
            } else if (from == event.status()) {
                outcome = StoreOutcome.UNCHANGED;
            } else {
                outcome = StoreOutcome.REGRESSION;
            }
            String eventJson = envelope.toJson(eventId, stored);
            if (outcome != StoreOutcome.APPLIED) {
                insertJournal(fact, stored, eventId, outcome, eventJson, issuedBy, now);
            } else if (database.isPostgres()) {
                // journal, order and outbox in one round trip
                jdbc.update(storeAppliedFactOfKnownOrder, together(orderParameters(orderKey, stored, eventId, now),
                        journalParameters(fact, stored, eventId, outcome, eventJson, issuedBy, now),
                        outboxParameters(stored, eventId, now)));
            } else {
                jdbc.update(advanceOrder, orderParameters(orderKey, stored, eventId, now));
                journalAndQueue(fact, stored, eventId, outcome, eventJson, issuedBy, now);
            }
        }
        return new StoreResult(outcome, eventId);
    }

    /**
     * Whether a gateway's partial refund fact of a partly refunded order names the refunded total the ledger already
     * holds: the same refund learned again by another way (a query after a reconciliation repair, a callback after
     * a query) carries another fact key but tells nothing new, so it is journalled and not delivered a second time.
     * A further partial refund names a larger total and moves the order as before. Only gateways' facts name the
     * total (a command's refund fact names its own part, see {@link RefundableBalance}).
     */
    private boolean repeatsReportedRefundedTotal(PaymentStatus from, LedgerFact fact, PaymentEvent event) {
        if (from != PaymentStatus.PARTIALLY_REFUNDED || event.status() != PaymentStatus.PARTIALLY_REFUNDED
                || fact.reverts() || event.source() == EventSource.COMMAND || event.amount() == null) {
            return false;
        }
        List<Boolean> sameTotal = jdbc.getJdbcTemplate().query(reportedRefundedTotal,
                (rs, row) -> event.amount().currency().equals(rs.getString("currency"))
                        && event.amount().value().compareTo(rs.getBigDecimal("amount_value")) == 0,
                event.provider(), event.merchant(), event.orderNo());
        return !sameTotal.isEmpty() && sameTotal.get(0);
    }

    /** The first fact of an order whose row was just inserted: journalled and queued, flagged if nobody expected it. */
    private StoreResult appendFirstFactOfNewOrder(LedgerFact fact, PaymentEvent event, boolean createdByHub,
                                                  String eventId, String issuedBy, OffsetDateTime now) {
        PaymentEvent stored = asFirstFact(event, createdByHub);
        journalAndQueue(fact, stored, eventId, StoreOutcome.APPLIED, envelope.toJson(eventId, stored),
                issuedBy, now);
        return new StoreResult(StoreOutcome.APPLIED, eventId);
    }

    /**
     * PostgreSQL: the order's row, the journal row and the outbox row of an order's first fact in one statement;
     * false, with nothing written, when the order has a row already.
     */
    private boolean storeFirstFactOfNewOrder(LedgerFact fact, PaymentEvent event, MapSqlParameterSource newOrder,
                                             boolean createdByHub, String eventId, String issuedBy,
                                             OffsetDateTime now) {
        PaymentEvent stored = asFirstFact(event, createdByHub);
        String eventJson = envelope.toJson(eventId, stored);
        return jdbc.update(storeFirstFactOfNewOrder, together(newOrder,
                journalParameters(fact, stored, eventId, StoreOutcome.APPLIED, eventJson, issuedBy, now),
                outboxParameters(stored, eventId, now))) == 1;
    }

    /**
     * The parameters of a statement that writes several rows of one fact. Names the rows share (provider, merchant,
     * status, amount, event id, time) have the same value in each: the fact's.
     */
    private static MapSqlParameterSource together(MapSqlParameterSource... rows) {
        MapSqlParameterSource all = new MapSqlParameterSource();
        for (MapSqlParameterSource row : rows) {
            all.addValues(row.getValues());
        }
        return all;
    }

    /** An order's first fact as stored: flagged when nobody expected the order (neither the hub nor a mandate). */
    private PaymentEvent asFirstFact(PaymentEvent event, boolean createdByHub) {
        return createdByHub || chargeOfKnownMandate(event) ? event : event.withFlag(EventFlag.UNKNOWN_ORDER);
    }

    private boolean orderExists(MapSqlParameterSource orderKey) {
        Long rows = jdbc.queryForObject(orderExists, orderKey, Long.class);
        return rows != null && rows > 0;
    }

    /**
     * A provider's report that money was paid (authorised, capture requested or captured) in another amount or
     * currency than the order's; null when it is the order's, or when either amount is unknown. A command's own
     * answer (a capture the hub asked for, possibly partial) and refunds name partial amounts on purpose and are not
     * checked; a gateway's report of a capture request (a query, a notify, reconciliation) names the trade's amount
     * (NewebPay Amt, TapPay's record amount, FlashPay tx_amt) and is. So is a command's answer that authorises (a
     * back-end card charge: the gateway's word on what it charged for the order), unless it withdraws a capture.
     */
    private static EventFlag mismatch(PaymentEvent event, boolean reverts, Money ordered) {
        boolean commandNamingPart = event.source() == EventSource.COMMAND
                && (reverts || event.status() != PaymentStatus.AUTHORIZED);
        if (commandNamingPart || ordered == null || event.amount() == null
                || (event.status() != PaymentStatus.AUTHORIZED && event.status() != PaymentStatus.CAPTURE_REQUESTED
                        && event.status() != PaymentStatus.CAPTURED)) {
            return null;
        }
        if (!ordered.currency().equals(event.amount().currency())) {
            return EventFlag.CURRENCY_MISMATCH;
        }
        return ordered.value().compareTo(event.amount().value()) != 0 ? EventFlag.AMOUNT_MISMATCH : null;
    }

    /** A charge of a recurring mandate whose order the hub created is expected, though its own order is new. */
    private boolean chargeOfKnownMandate(PaymentEvent event) {
        if (event.recurring() == null || event.recurring().mandateOrderNo() == null) {
            return false;
        }
        return !jdbc.queryForList(findOrder, new MapSqlParameterSource()
                .addValue("provider", event.provider())
                .addValue("merchant", event.merchant())
                .addValue("orderNo", event.recurring().mandateOrderNo())).isEmpty();
    }

    private MapSqlParameterSource orderParameters(MapSqlParameterSource orderKey, PaymentEvent event, String eventId,
                                                  OffsetDateTime now) {
        CardSummary card = event.card();
        return new MapSqlParameterSource(orderKey.getValues())
                .addValue("merchantId", event.merchantId())
                .addValue("providerTradeId", event.providerTradeId())
                .addValue("status", event.status().name())
                .addValue("amountValue", event.amount() == null ? null : event.amount().value())
                .addValue("currency", event.amount() == null ? null : event.amount().currency())
                .addValue("method", event.method())
                .addValue("cardBin6", card == null ? null : card.bin6())
                .addValue("cardLast4", card == null ? null : card.last4())
                .addValue("cardBrand", card == null ? null : card.brand())
                .addValue("cardExpiry", card == null ? null : card.expiry())
                .addValue("authCode", event.authCode())
                .addValue("eventId", eventId)
                .addValue("now", now);
    }

    private StoreResult appendCardLifecycle(LedgerFact fact, CardLifecycleEvent event, String eventId,
                                            String issuedBy, OffsetDateTime now) {
        CardSummary card = event.card();
        MapSqlParameterSource token = new MapSqlParameterSource()
                .addValue("provider", event.provider())
                .addValue("merchant", event.merchant())
                .addValue("tokenRef", event.tokenRef())
                .addValue("status", event.tokenStatus().name())
                .addValue("cardBin6", card == null ? null : card.bin6())
                .addValue("cardLast4", card == null ? null : card.last4())
                .addValue("expiry", event.newExpiry())
                .addValue("remainingTimes", event.remainingTimes())
                .addValue("eventId", eventId)
                .addValue("now", now);
        boolean known = !jdbc.queryForList(lockCardToken, token).isEmpty();
        jdbc.update(known ? updateCardToken : insertCardToken, token);
        journalAndQueue(fact, event, eventId, StoreOutcome.APPLIED, envelope.toJson(eventId, event),
                issuedBy, now);
        return new StoreResult(StoreOutcome.APPLIED, eventId);
    }

    /**
     * A mandate change or a reconciliation summary is journalled and delivered; no order or token state moves
     * (a mandate's orders keep their own state).
     */
    private StoreResult appendNotice(LedgerFact fact, CanonicalEvent event, String eventId, String issuedBy,
                                     OffsetDateTime now) {
        journalAndQueue(fact, event, eventId, StoreOutcome.APPLIED, envelope.toJson(eventId, event),
                issuedBy, now);
        return new StoreResult(StoreOutcome.APPLIED, eventId);
    }

    /** Journals the fact and queues its event for the ERP: on PostgreSQL in one round trip, on H2 as two statements. */
    private void journalAndQueue(LedgerFact fact, CanonicalEvent event, String eventId, StoreOutcome outcome,
                                 String eventJson, String issuedBy, OffsetDateTime now) {
        if (database.isPostgres()) {
            jdbc.update(journalAndQueue, together(journalParameters(fact, event, eventId, outcome, eventJson, issuedBy,
                    now), outboxParameters(event, eventId, now)));
        } else {
            enqueue(event, eventId, insertJournal(fact, event, eventId, outcome, eventJson, issuedBy, now), now);
        }
    }

    /** Journals the fact; returns the journal row's id, which the outbox row names for the CloudEvent JSON. */
    private long insertJournal(LedgerFact fact, CanonicalEvent event, String eventId, StoreOutcome outcome,
                               String eventJson, String issuedBy, OffsetDateTime now) {
        KeyHolder journalId = new GeneratedKeyHolder();
        jdbc.update(insertJournal, journalParameters(fact, event, eventId, outcome, eventJson, issuedBy, now),
                journalId, JOURNAL_ID);
        return journalId.getKeyAs(Number.class).longValue();
    }

    private static MapSqlParameterSource journalParameters(LedgerFact fact, CanonicalEvent event, String eventId,
                                                           StoreOutcome outcome, String eventJson, String issuedBy,
                                                           OffsetDateTime now) {
        Money amount = journalAmount(event);
        return new MapSqlParameterSource()
                .addValue("factKey", fact.factKey())
                .addValue("eventId", eventId)
                .addValue("eventType", event.eventType())
                .addValue("provider", event.provider())
                .addValue("merchant", event.merchant())
                .addValue("subject", event.subject())
                .addValue("status", journalStatus(event))
                .addValue("amountValue", amount == null ? null : amount.value())
                .addValue("currency", amount == null ? null : amount.currency())
                .addValue("source", event.source().name())
                .addValue("outcome", outcome.name())
                .addValue("occurredAt", event.occurredAt())
                .addValue("receivedAt", event.receivedAt())
                .addValue("recordedAt", now)
                .addValue("eventJson", eventJson)
                .addValue("rawPayload", SensitiveDataMasker.mask(fact.rawPayload()))
                .addValue("issuedBy", issuedBy);
    }

    /** The journal's status column: the payment status, the token status, or the mandate change. */
    private static String journalStatus(CanonicalEvent event) {
        if (event instanceof PaymentEvent payment) {
            return payment.status().name();
        }
        if (event instanceof CardLifecycleEvent cardChange) {
            return cardChange.tokenStatus().name();
        }
        if (event instanceof ReconciliationEvent) {
            return "DONE";
        }
        return ((MandateEvent) event).change().name();
    }

    private static Money journalAmount(CanonicalEvent event) {
        if (event instanceof PaymentEvent payment) {
            return payment.amount();
        }
        return event instanceof MandateEvent mandate ? mandate.periodAmount() : null;
    }

    /** Queues the event for the ERP; its CloudEvent JSON is read from the journal row when it is delivered. */
    private void enqueue(CanonicalEvent event, String eventId, long journalId, OffsetDateTime now) {
        jdbc.update(insertOutbox, outboxParameters(event, eventId, now).addValue("journalId", journalId));
    }

    private static MapSqlParameterSource outboxParameters(CanonicalEvent event, String eventId, OffsetDateTime now) {
        return new MapSqlParameterSource()
                .addValue("eventId", eventId)
                .addValue("eventType", event.eventType())
                .addValue("sequenceKey", sequenceKey(event))
                .addValue("now", now);
    }

    /** Events with the same key reach the ERP in the order they were queued: one order, or one card token. */
    static String sequenceKey(CanonicalEvent event) {
        return event.provider() + ":" + event.merchant() + ":" + event.subject();
    }

    /** The order row as locked for a payment fact, and whether that very fact is already journalled. */
    private record LockedOrder(PaymentStatus status, Money amount, boolean factKnown) {
    }
}
