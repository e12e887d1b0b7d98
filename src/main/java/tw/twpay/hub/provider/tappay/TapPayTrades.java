package tw.twpay.hub.provider.tappay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.crypto.Sha256;

/**
 * The TapPay ids of the hub's orders ({@code tappay_trade}): the {@code bank_transaction_id} the hub chose before
 * paying, and the {@code rec_trade_id} TapPay answered. Callbacks and queries find the order by these ids, never by
 * {@code order_number} (TapPay lets it repeat, and notifies may send it empty).
 */
@Component
public class TapPayTrades {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final String insertTrade = SqlStatements.load("tappay/insert-trade");
    private final String findOfOrder = SqlStatements.load("tappay/find-trade-of-order");
    private final String findByIds = SqlStatements.load("tappay/find-trade-by-ids");
    private final String findByBankTransactionIds = SqlStatements.load("tappay/find-trades-by-bank-transaction-ids");
    private final String findMerchantsOfBankTransactionIds =
            SqlStatements.load("tappay/find-merchants-of-bank-transaction-ids");
    private final String setRecTradeId = SqlStatements.load("tappay/set-rec-trade-id");
    private final String setLastRefundId = SqlStatements.load("tappay/set-last-refund-id");
    private final String takeOverClaim = SqlStatements.load("tappay/take-over-claim");

    /** One payment attempt of an order as TapPay knows it. */
    public record Trade(String merchant, String orderNo, String bankTransactionId, String recTradeId,
                        String lastRefundId) {
    }

    public TapPayTrades(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The order's {@code bank_transaction_id}: always the same for the same merchant and order (so a payment whose
     * answer was lost is found again by Record), at most 40 upper-case letters and digits as TapPay requires. Anyone
     * who knows the alias and the order number can compute it: it names a trade in a notify only while TapPay's
     * rec_trade_id of the trade is unknown to the hub ({@link TapPayNotifyChannel}).
     */
    public static String bankTransactionId(String merchant, String orderNo) {
        return "TW" + Sha256.upperHex(merchant + "|" + orderNo).substring(0, 38);
    }

    /**
     * Claims the order for one payment; empty when it was claimed before (a second payment of the same order is
     * refused whatever happened to the first, so a retried ERP request can never pay twice).
     */
    public Optional<Trade> claim(String merchant, String orderNo) {
        String bankTransactionId = bankTransactionId(merchant, orderNo);
        try {
            jdbc.update(insertTrade, new MapSqlParameterSource()
                    .addValue("merchant", merchant)
                    .addValue("orderNo", orderNo)
                    .addValue("bankTransactionId", bankTransactionId)
                    .addValue("now", OffsetDateTime.now(clock)));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        return Optional.of(new Trade(merchant, orderNo, bankTransactionId, null, null));
    }

    /**
     * Takes over a claim made before {@code claimedBefore} of a trade TapPay never named: the payment that made it
     * stopped before it was answered. The claim time is renewed in the same statement, so of retries racing for it
     * exactly one wins. The trade keeps its bank_transaction_id: should TapPay have the first attempt after all, it
     * refuses the second as a duplicate and Record settles the order.
     */
    public Optional<Trade> takeOver(String merchant, String orderNo, OffsetDateTime claimedBefore) {
        int taken = jdbc.update(takeOverClaim, new MapSqlParameterSource()
                .addValue("merchant", merchant)
                .addValue("orderNo", orderNo)
                .addValue("now", OffsetDateTime.now(clock))
                .addValue("claimedBefore", claimedBefore));
        return taken == 1 ? ofOrder(merchant, orderNo) : Optional.empty();
    }

    public Optional<Trade> ofOrder(String merchant, String orderNo) {
        return first(jdbc.query(findOfOrder, new MapSqlParameterSource()
                .addValue("merchant", merchant)
                .addValue("orderNo", orderNo), TapPayTrades::trade));
    }

    /** The trade TapPay reports by either id; empty when the hub never started it. */
    public Optional<Trade> byIds(String merchant, String recTradeId, String bankTransactionId) {
        return first(jdbc.query(findByIds, new MapSqlParameterSource()
                .addValue("merchant", merchant)
                .addValue("recTradeId", recTradeId)
                .addValue("bankTransactionId", bankTransactionId), TapPayTrades::trade));
    }

    /**
     * The hub's trades among these {@code bank_transaction_id}s, by that id: one statement for a page of TapPay's
     * reconciliation records.
     */
    public Map<String, Trade> byBankTransactionIds(String merchant, Collection<String> bankTransactionIds) {
        Map<String, Trade> found = new HashMap<>();
        if (!bankTransactionIds.isEmpty()) {
            jdbc.query(findByBankTransactionIds, new MapSqlParameterSource()
                    .addValue("merchant", merchant)
                    .addValue("bankTransactionIds", bankTransactionIds), TapPayTrades::trade)
                    .forEach(trade -> found.put(trade.bankTransactionId(), trade));
        }
        return found;
    }

    /**
     * The alias that paid each of these {@code bank_transaction_id}s, whichever alias it is; ids the hub never chose
     * are left out.
     */
    public Map<String, String> merchantsOf(Collection<String> bankTransactionIds) {
        Map<String, String> found = new HashMap<>();
        if (!bankTransactionIds.isEmpty()) {
            RowCallbackHandler byId = rs -> found.put(rs.getString("bank_transaction_id"), rs.getString("merchant"));
            jdbc.query(findMerchantsOfBankTransactionIds,
                    new MapSqlParameterSource().addValue("bankTransactionIds", bankTransactionIds), byId);
        }
        return found;
    }

    /**
     * Remembers TapPay's id of the trade; a trade keeps the first id TapPay gave it. Whether the trade's row now
     * holds this id: false when it holds another one (of the row as read, or stored meanwhile), or none was given.
     */
    public boolean recordRecTradeId(Trade trade, String recTradeId) {
        if (recTradeId == null) {
            return false;
        }
        if (trade.recTradeId() != null) {
            return trade.recTradeId().equals(recTradeId);
        }
        return jdbc.update(setRecTradeId, new MapSqlParameterSource()
                .addValue("merchant", trade.merchant())
                .addValue("orderNo", trade.orderNo())
                .addValue("recTradeId", recTradeId)) == 1;
    }

    /** Remembers the last refund, which Refund Cancel names. */
    public void recordRefundId(Trade trade, String refundId) {
        if (refundId != null) {
            jdbc.update(setLastRefundId, new MapSqlParameterSource()
                    .addValue("merchant", trade.merchant())
                    .addValue("orderNo", trade.orderNo())
                    .addValue("refundId", refundId));
        }
    }

    private static Optional<Trade> first(List<Trade> trades) {
        return trades.isEmpty() ? Optional.empty() : Optional.of(trades.get(0));
    }

    private static Trade trade(ResultSet rs, int row) throws SQLException {
        return new Trade(rs.getString("merchant"), rs.getString("order_no"), rs.getString("bank_transaction_id"),
                rs.getString("rec_trade_id"), rs.getString("last_refund_id"));
    }
}
