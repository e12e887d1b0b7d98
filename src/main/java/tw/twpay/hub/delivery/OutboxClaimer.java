package tw.twpay.hub.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.ledger.LedgerAvailability;
import tw.twpay.hub.ledger.LedgerDatabase;

/**
 * Reserves due outbox events for this node. Candidates are read in id order one window at a time and locked with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes polling at once take disjoint batches and a node skips (rather than waits
 * for) rows another is claiming; the claim then holds for {@code twpay.delivery.lease-ms}, and is renewed before
 * an attempt when what is left of it would not cover that attempt. Each window is an index range read, so a claim
 * costs the same with ten or a million events waiting. An event behind an earlier one of its order that waits for a
 * retry (or is being delivered) is not claimed: one order's events reach the ERP in the order they were queued.
 * An event this node claimed but could not settle because the database went away is abandoned
 * ({@link DeliveryBatch#abandon()}) and given back by the next poll that reaches the database.
 */
@Component("outboxClaimer")
public class OutboxClaimer {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final NodeIdentity node;
    private final DeliveryProperties properties;

    private final String selectDue = SqlStatements.load("delivery/select-due-outbox");
    private final String selectDueOnPostgres = SqlStatements.load("delivery/select-due-outbox-postgres");
    private final String lockDue = SqlStatements.load("delivery/lock-due-outbox");
    private final String claim = SqlStatements.load("delivery/claim-outbox");
    private final String renew = SqlStatements.load("delivery/renew-claim");
    private final String load = SqlStatements.load("delivery/load-outbox");
    private final String release = SqlStatements.load("delivery/release-claim");
    private final String findWaiting = SqlStatements.load("delivery/find-waiting-in-sequences");
    private final String releaseOwn = SqlStatements.load("delivery/release-own-claims");
    private final LedgerAvailability availability;
    private final LedgerDatabase.Vendor database;

    public OutboxClaimer(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
                         NodeIdentity node, DeliveryProperties properties, LedgerAvailability availability) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.node = node;
        this.properties = properties;
        this.availability = availability;
        this.database = new LedgerDatabase.Vendor(jdbc.getJdbcTemplate());
    }

    /**
     * Claims up to {@code batchSize} due events; an empty list when there is nothing to do. The first poll after
     * the ledger database was unreachable first gives back what this node still holds from the batch it abandoned
     * then (the poller delivers one batch at a time, so none is in flight now), so those events need not wait out
     * their lease. A database failure propagates, for the poller's outage handling.
     */
    public List<OutboxEntry> claimDue() {
        if (availability.isDown()) {
            jdbc.update(releaseOwn, Map.of("node", node.id()));
        }
        List<OutboxEntry> batch = claim(properties.batchSize());
        availability.reached();
        return batch;
    }

    /**
     * Whether a claimed batch was full, so more is probably due: the greedy poller then polls again at once, and a
     * backlog is delivered in full batches without waiting. A batch that took fewer took everything claimable, and
     * the next poll comes after the poll interval, when a batch's worth may have arrived: under a steady stream of
     * callbacks each claim (and each record of the deliveries) is one durable commit for many events instead of one
     * for every few that arrived since the last poll.
     */
    public boolean foundWork(List<OutboxEntry> batch) {
        return batch.size() >= properties.batchSize();
    }

    /**
     * A claimed batch as the lanes it is delivered in, side by side: one lane per order (per card token), holding
     * that order's events in the order they were queued; an event without a sequence key is a lane of its own.
     */
    public List<List<OutboxEntry>> lanesOf(List<OutboxEntry> batch) {
        Map<String, List<OutboxEntry>> lanes = new LinkedHashMap<>();
        List<List<OutboxEntry>> unordered = new ArrayList<>();
        for (OutboxEntry entry : batch) {
            if (entry.sequenceKey() == null) {
                unordered.add(List.of(entry));
            } else {
                lanes.computeIfAbsent(entry.sequenceKey(), key -> new ArrayList<>()).add(entry);
            }
        }
        List<List<OutboxEntry>> all = new ArrayList<>(lanes.values());
        all.addAll(unordered);
        return all;
    }

    /** Claims up to {@code limit} due events, oldest first. */
    public List<OutboxEntry> claim(int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime claimedUntil = leaseFrom(now);
        List<Long> ids = transaction.execute(status -> {
            List<Long> locked = lockDue(now, limit);
            if (!locked.isEmpty()) {
                jdbc.update(claim, new MapSqlParameterSource()
                        .addValue("node", node.id())
                        .addValue("claimedUntil", claimedUntil)
                        .addValue("ids", locked));
            }
            return locked;
        });
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        DeliveryBatch batch = new DeliveryBatch();
        return jdbc.query(load, Map.of("ids", ids), (rs, row) -> new OutboxEntry(
                rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("payload"),
                rs.getString("sequence_key"), rs.getInt("failures"), claimedUntil, batch));
    }

    /**
     * Locks up to {@code limit} due rows inside the caller's transaction, moving window by window past rows that
     * another node holds locked, until the batch is full or no due row is left. Locked rows that must wait behind an
     * earlier event of their order are left unclaimed.
     */
    private List<Long> lockDue(OffsetDateTime now, int limit) {
        List<Long> claimable = new ArrayList<>(limit);
        long after = 0;
        while (claimable.size() < limit) {
            Map<Long, String> window = new LinkedHashMap<>();
            jdbc.query(database.isPostgres() ? selectDueOnPostgres : selectDue,
                    Map.of("now", now, "after", after, "limit", limit),
                    (RowCallbackHandler) rs -> window.put(rs.getLong("id"), rs.getString("sequence_key")));
            if (window.isEmpty()) {
                break;
            }
            List<Long> locked = jdbc.queryForList(lockDue, Map.of("ids", window.keySet(), "now", now,
                    "limit", limit - claimable.size()), Long.class);
            claimable.addAll(notBehindWaitingEvents(locked, claimable, window));
            if (window.size() < limit) {
                break;
            }
            after = lastKey(window);
        }
        return claimable;
    }

    /**
     * The locked events that may go now: those with no earlier undelivered event of their order outside this batch
     * (waiting for a retry, held by another node, dead-lettered, or requeued by a redrive after the window was read).
     * Looked up per order key, so the cost follows the batch, not the length of the queue.
     */
    private List<Long> notBehindWaitingEvents(List<Long> locked, List<Long> claimedBefore,
            Map<Long, String> sequenceKeys) {
        Set<String> keys = new HashSet<>();
        for (Long id : locked) {
            String key = sequenceKeys.get(id);
            if (key != null) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            return locked;
        }
        List<Long> batch = new ArrayList<>(claimedBefore);
        batch.addAll(locked);
        Map<String, Long> firstWaiting = new HashMap<>();
        jdbc.query(findWaiting, Map.of("keys", keys, "batch", batch),
                (RowCallbackHandler) rs -> firstWaiting.put(rs.getString("sequence_key"), rs.getLong("first_waiting")));
        if (firstWaiting.isEmpty()) {
            return locked;
        }
        return locked.stream().filter(id -> {
            Long waiting = firstWaiting.get(sequenceKeys.get(id));
            return waiting == null || waiting > id;
        }).toList();
    }

    /** The window is in id order: its last id is where the next window starts. */
    private static long lastKey(Map<Long, String> window) {
        return window.keySet().stream().reduce((first, second) -> second).orElse(0L);
    }

    /**
     * Whether this node may attempt the event now. Not when an earlier event of its order failed in this batch: the
     * event is then given back, to follow that one. Otherwise the lease must cover the attempt: while the lease taken
     * at the claim still does, nothing needs writing; else (earlier events of the batch took long) it is restarted in
     * the database. False when the claim was lost meanwhile (the lease ran out and another node took the event, or it
     * was delivered): the later events of its order in this batch are then given back as after a failure, since
     * delivering them now could overtake the other node's delivery of this one.
     */
    public boolean mayDeliver(OutboxEntry entry) {
        if (entry.batch() != null && entry.batch().isAbandoned()) {
            return false;
        }
        if (entry.batch() != null && entry.batch().isHeld(entry.sequenceKey())) {
            jdbc.update(release, Map.of("id", entry.id(), "node", node.id()));
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime attemptDoneBy = now.plusNanos(properties.worstCaseAttemptMs() * 1_000_000);
        if (entry.claimedUntil() != null && attemptDoneBy.isBefore(entry.claimedUntil())) {
            return true;
        }
        boolean renewed = jdbc.update(renew, new MapSqlParameterSource()
                .addValue("id", entry.id())
                .addValue("node", node.id())
                .addValue("claimedUntil", leaseFrom(now))) == 1;
        if (!renewed && entry.batch() != null) {
            entry.batch().hold(entry.sequenceKey());
        }
        return renewed;
    }

    private OffsetDateTime leaseFrom(OffsetDateTime now) {
        return now.plusNanos(properties.leaseMs() * 1_000_000);
    }

    public String nodeId() {
        return node.id();
    }
}
