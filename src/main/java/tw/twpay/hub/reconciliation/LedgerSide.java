package tw.twpay.hub.reconciliation;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.config.SqlStatements;

/**
 * The ledger as the matcher reads it: the orders of one chunk of gateway records, looked up by key in one statement
 * each, so memory holds one chunk whatever the size of the day.
 */
@Component
public class LedgerSide {

    private final NamedParameterJdbcTemplate jdbc;
    private final String byTradeId = SqlStatements.load("reconciliation/find-ledger-orders-by-trade-id");
    private final String byOrderNo = SqlStatements.load("reconciliation/find-ledger-orders-by-order-no");
    private final String unfinishedOrders = SqlStatements.load("reconciliation/unfinished-orders-of-window");

    public LedgerSide(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, LedgerOrderView> byProviderTradeId(SettlementWindow window, Collection<String> tradeIds) {
        return lookUp(byTradeId, window, tradeIds, true);
    }

    public Map<String, LedgerOrderView> byOrderNo(SettlementWindow window, Collection<String> orderNos) {
        return lookUp(byOrderNo, window, orderNos, false);
    }

    /**
     * Order numbers of the window's orders that may still move (not REFUNDED or VOIDED), after {@code afterOrderNo}
     * in order-number order: a source that asks about orders one by one pages through them with this.
     */
    public List<String> unfinishedOrders(SettlementWindow window, String afterOrderNo, int limit) {
        return jdbc.queryForList(unfinishedOrders, new MapSqlParameterSource()
                .addValue("provider", window.provider().code())
                .addValue("merchant", window.merchant())
                .addValue("windowStart", window.start())
                .addValue("windowEnd", window.end())
                .addValue("afterOrderNo", afterOrderNo)
                .addValue("limit", limit), String.class);
    }

    private Map<String, LedgerOrderView> lookUp(String sql, SettlementWindow window, Collection<String> keys,
                                                boolean byTrade) {
        Map<String, LedgerOrderView> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.query(sql, new MapSqlParameterSource()
                .addValue("provider", window.provider().code())
                .addValue("merchant", window.merchant())
                .addValue("keys", keys), (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    LedgerOrderView order = new LedgerOrderView(rs.getString("order_no"),
                            rs.getString("provider_trade_id"), rs.getString("merchant_id"),
                            PaymentStatus.valueOf(rs.getString("status")),
                            ReconciliationItems.money(rs.getBigDecimal("amount_value"), rs.getString("currency")));
                    found.put(byTrade ? order.providerTradeId() : order.orderNo(), order);
                });
        return found;
    }
}
