package tw.twpay.hub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.events.CanonicalJson;

/** Read side of the ledger. */
@Component
public class LedgerQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final String findOrder = SqlStatements.load("ledger/find-order");
    private final String findJournal = SqlStatements.load("ledger/find-journal-of-subject");
    private final String findOverduePending = SqlStatements.load("ledger/find-overdue-pending-orders");
    private final String findAppliedStatuses = SqlStatements.load("ledger/find-applied-statuses-of-order");
    private final String findAppliedMoves = SqlStatements.load("ledger/find-applied-moves-of-order");
    private final String findCardToken = SqlStatements.load("ledger/find-card-token");
    private final String journalFactExists = SqlStatements.load("ledger/journal-fact-exists");

    /** An order by its key. */
    public record OrderKey(String merchant, String orderNo) {
    }

    public LedgerQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OrderHistory> orderHistory(String provider, String merchant, String orderNo) {
        MapSqlParameterSource key = new MapSqlParameterSource()
                .addValue("provider", provider)
                .addValue("merchant", merchant)
                .addValue("orderNo", orderNo)
                .addValue("subject", orderNo);
        List<OrderState> orders = jdbc.query(findOrder, key, (rs, row) -> orderState(rs));
        if (orders.isEmpty()) {
            return Optional.empty();
        }
        List<JournalEntry> journal = jdbc.query(findJournal, key, (rs, row) -> journalEntry(rs));
        return Optional.of(new OrderHistory(orders.get(0), journal));
    }

    /** What the ledger last knew of a stored-card token, and the event that told it. */
    public record CardTokenState(String status, String expiry, String lastEventId) {
    }

    /** The last known state of a stored-card token (ACTIVE, CARD_NOT_ALLOWED, …); empty for a token never heard of. */
    public Optional<CardTokenState> cardToken(String provider, String merchant, String tokenRef) {
        return jdbc.query(findCardToken, new MapSqlParameterSource()
                .addValue("provider", provider)
                .addValue("merchant", merchant)
                .addValue("tokenRef", tokenRef), (rs, row) -> new CardTokenState(rs.getString("status"),
                        rs.getString("expiry"), rs.getString("last_event_id"))).stream().findFirst();
    }

    /** Whether a fact of this key is journalled already. */
    public boolean isJournalled(String factKey) {
        Long rows = jdbc.queryForObject(journalFactExists, new MapSqlParameterSource("factKey", factKey), Long.class);
        return rows != null && rows > 0;
    }

    /**
     * The status an order had before the last time it moved to {@code status}, from the journal's applied facts;
     * empty when it never did.
     */
    public Optional<PaymentStatus> statusBefore(String provider, String merchant, String orderNo, PaymentStatus status) {
        List<PaymentStatus> applied = jdbc.queryForList(findAppliedStatuses, new MapSqlParameterSource()
                .addValue("provider", provider)
                .addValue("merchant", merchant)
                .addValue("subject", orderNo), String.class).stream().map(PaymentStatus::valueOf).toList();
        int last = applied.lastIndexOf(status);
        return last > 0 ? Optional.of(applied.get(last - 1)) : Optional.empty();
    }

    /** What of the order can still be refunded (see {@link RefundableBalance}); the order amount is its ceiling. */
    public RefundableBalance refundableBalance(String provider, String merchant, String orderNo, Money orderAmount) {
        List<RefundableBalance.Move> moves = jdbc.query(findAppliedMoves, new MapSqlParameterSource()
                        .addValue("provider", provider)
                        .addValue("merchant", merchant)
                        .addValue("subject", orderNo),
                (rs, row) -> new RefundableBalance.Move(PaymentStatus.valueOf(rs.getString("status")),
                        rs.getBigDecimal("amount_value"), EventSource.valueOf(rs.getString("source"))));
        return RefundableBalance.of(moves, orderAmount.value());
    }

    /** Orders of a provider still PENDING that were created in the given window, oldest first. */
    public List<OrderKey> pendingOrders(String provider, OffsetDateTime createdAfter, OffsetDateTime createdBefore,
                                        int limit) {
        return jdbc.query(findOverduePending, new MapSqlParameterSource()
                        .addValue("provider", provider)
                        .addValue("createdAfter", createdAfter)
                        .addValue("createdBefore", createdBefore)
                        .addValue("limit", limit),
                (rs, row) -> new OrderKey(rs.getString("merchant"), rs.getString("order_no")));
    }

    private static OrderState orderState(ResultSet rs) throws SQLException {
        String bin6 = rs.getString("card_bin6");
        String last4 = rs.getString("card_last4");
        String brand = rs.getString("card_brand");
        String expiry = rs.getString("card_expiry");
        CardSummary card = bin6 == null && last4 == null && brand == null && expiry == null
                ? null : new CardSummary(bin6, last4, brand, expiry);
        return new OrderState(
                rs.getString("provider"),
                rs.getString("merchant"),
                rs.getString("merchant_id"),
                rs.getString("order_no"),
                rs.getString("provider_trade_id"),
                PaymentStatus.valueOf(rs.getString("status")),
                money(rs.getBigDecimal("amount_value"), rs.getString("currency")),
                rs.getString("method"),
                card,
                rs.getString("auth_code"),
                rs.getBoolean("created_by_hub"),
                rs.getString("last_event_id"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    private static JournalEntry journalEntry(ResultSet rs) throws SQLException {
        try {
            return new JournalEntry(
                    rs.getLong("id"),
                    rs.getString("event_id"),
                    rs.getString("event_type"),
                    rs.getString("status"),
                    rs.getString("source"),
                    StoreOutcome.valueOf(rs.getString("outcome")),
                    rs.getObject("occurred_at", OffsetDateTime.class),
                    rs.getObject("received_at", OffsetDateTime.class),
                    rs.getObject("recorded_at", OffsetDateTime.class),
                    rs.getString("issued_by"),
                    CanonicalJson.mapper().readTree(rs.getString("event_json")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal row " + rs.getLong("id") + " holds unreadable event JSON", e);
        }
    }

    private static Money money(BigDecimal value, String currency) {
        return value == null || currency == null ? null : new Money(value.stripTrailingZeros(), currency);
    }
}
