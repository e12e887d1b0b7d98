package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Keeps the hub's QueryTradeInfo calls inside what NewebPay tolerates: many TRA10021 ("no such trade") answers
 * within an hour lock the merchant's queries for 4 hours (TRA10071). Each order is asked about again only after a
 * growing pause ({@code query-backoff}: 5 min, 15 min, 1 h, 6 h, then no more by the poll), a merchant sends at most
 * {@code query-cap-per-hour} queries an hour, and a TRA10071 stops every query of the merchant for
 * {@code query-lock} — it is "not now", never a payment state. The state is in the database, so every node and a
 * restart see it.
 */
@Component("newebPayQueryThrottle")
public class NewebPayQueryThrottle {

    private static final Logger log = LoggerFactory.getLogger(NewebPayQueryThrottle.class);
    private static final Duration WINDOW = Duration.ofHours(1);

    private final String findOrderQuery = SqlStatements.load("newebpay/find-order-query");
    private final String updateOrderQuery = SqlStatements.load("newebpay/update-order-query");
    private final String insertOrderQuery = SqlStatements.load("newebpay/insert-order-query");
    private final String lockMerchantQuery = SqlStatements.load("newebpay/lock-merchant-query");
    private final String updateMerchantQuery = SqlStatements.load("newebpay/update-merchant-query");
    private final String insertMerchantQuery = SqlStatements.load("newebpay/insert-merchant-query");

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final NewebPayProperties properties;
    private final Clock clock;

    public NewebPayQueryThrottle(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
                                 NewebPayProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether the missed-notify poll may ask about the order now (its pause is over and it has tries left). */
    public boolean due(String merchant, String orderNo) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Boolean> due = jdbc.query(findOrderQuery, orderKey(merchant, orderNo), (rs, row) ->
                rs.getInt("attempts") < properties.queryBackoff().size()
                        && !now.isBefore(rs.getObject("next_query_at", OffsetDateTime.class)));
        return due.isEmpty() || due.get(0);
    }

    /**
     * Counts a query that is about to be sent, against the merchant's hour and the order's tries, or refuses it (429)
     * while the merchant's queries are locked or its hourly cap is used up — before anything reaches the gateway.
     */
    public void beforeQuery(String merchant, String orderNo) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        countMerchantQuery(merchant, now);
        countOrderAttempt(merchant, orderNo, now);
    }

    /**
     * Counts the query that confirms a callback against the merchant's hour only (or refuses it, as
     * {@link #beforeQuery}): the gateway sends an unanswered callback again and again, and its retries must not use
     * up the missed-notify poll's tries for the order, which then could never confirm it.
     */
    public void beforeCallbackConfirmation(String merchant) {
        countMerchantQuery(merchant, OffsetDateTime.now(clock));
    }

    private void countMerchantQuery(String merchant, OffsetDateTime now) {
        ensureMerchantRow(merchant, now);
        transaction.executeWithoutResult(status -> {
            MerchantQueries current = merchantQueries(merchant, now);
            if (current.lockedUntil() != null && now.isBefore(current.lockedUntil())) {
                throw new RejectedRequestException(429, "NewebPay has locked the queries of merchant " + merchant
                        + " until " + current.lockedUntil() + " (TRA10071); not queried");
            }
            if (current.queries() >= properties.queryCapPerHour()) {
                throw new RejectedRequestException(429, "merchant " + merchant + " has used its "
                        + properties.queryCapPerHour() + " queries of this hour; not queried");
            }
            save(merchant, new MerchantQueries(current.windowStart(), current.queries() + 1, current.lockedUntil()));
        });
    }

    /** The gateway answered TRA10071: no query of this merchant until the lock is over. */
    public void lockedByGateway(String merchant) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime until = now.plus(properties.queryLock());
        ensureMerchantRow(merchant, now);
        transaction.executeWithoutResult(status -> {
            MerchantQueries current = merchantQueries(merchant, now);
            save(merchant, new MerchantQueries(current.windowStart(), current.queries(), until));
        });
        log.warn("NewebPay locked the queries of merchant {} (TRA10071): none are sent until {}", merchant, until);
    }

    private void countOrderAttempt(String merchant, String orderNo, OffsetDateTime now) {
        List<Duration> backoff = properties.queryBackoff();
        List<Map<String, Object>> rows = jdbc.queryForList(findOrderQuery, orderKey(merchant, orderNo));
        int attempts = rows.isEmpty() ? 1 : ((Number) rows.get(0).get("attempts")).intValue() + 1;
        Duration pause = backoff.get(Math.min(attempts, backoff.size()) - 1);
        MapSqlParameterSource values = orderKey(merchant, orderNo)
                .addValue("attempts", attempts)
                .addValue("nextQueryAt", now.plus(pause));
        if (jdbc.update(updateOrderQuery, values) == 0) {
            try {
                jdbc.update(insertOrderQuery, values);
            } catch (DuplicateKeyException e) {
                jdbc.update(updateOrderQuery, values);
            }
        }
    }

    private record MerchantQueries(OffsetDateTime windowStart, int queries, OffsetDateTime lockedUntil) {
    }

    /**
     * The merchant's row ({@link #ensureMerchantRow} inserted it, rows are never deleted), locked for this
     * transaction; a new hourly window when the last one is over.
     */
    private MerchantQueries merchantQueries(String merchant, OffsetDateTime now) {
        List<MerchantQueries> rows = jdbc.query(lockMerchantQuery, new MapSqlParameterSource("merchant", merchant),
                (rs, row) -> new MerchantQueries(rs.getObject("window_start", OffsetDateTime.class),
                        rs.getInt("queries"), rs.getObject("locked_until", OffsetDateTime.class)));
        if (rows.isEmpty()) {
            throw new IllegalStateException("NewebPay merchant " + merchant + " has no query row");
        }
        MerchantQueries stored = rows.get(0);
        if (!now.isBefore(stored.windowStart().plus(WINDOW))) {
            return new MerchantQueries(now, 0, stored.lockedUntil());
        }
        return stored;
    }

    /**
     * The merchant's row, inserted before its first query on its own (outside the transaction that counts): the
     * counting transaction then always finds a row to lock, so two first queries at once (two nodes, or an ERP's query
     * and the poll) take turns at it. Inside that transaction a failed insert would not do: on PostgreSQL it aborts
     * the transaction, and the query failed with a 500 instead of being counted.
     */
    private void ensureMerchantRow(String merchant, OffsetDateTime now) {
        MapSqlParameterSource values = new MapSqlParameterSource("merchant", merchant)
                .addValue("windowStart", now)
                .addValue("queries", 0)
                .addValue("lockedUntil", null);
        if (!jdbc.queryForList(lockMerchantQuery, values).isEmpty()) {
            return;
        }
        try {
            jdbc.update(insertMerchantQuery, values);
        } catch (DuplicateKeyException insertedMeanwhile) {
            // another query of the merchant inserted it at the same time
        }
    }

    /** Writes the merchant's row, locked by {@link #merchantQueries} in the same transaction. */
    private void save(String merchant, MerchantQueries queries) {
        jdbc.update(updateMerchantQuery, new MapSqlParameterSource("merchant", merchant)
                .addValue("windowStart", queries.windowStart())
                .addValue("queries", queries.queries())
                .addValue("lockedUntil", queries.lockedUntil()));
    }

    private static MapSqlParameterSource orderKey(String merchant, String orderNo) {
        return new MapSqlParameterSource("merchant", merchant).addValue("orderNo", orderNo);
    }
}
