package tw.twpay.hub.provider.tappay;

import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.reconciliation.SettlementWindow;

/**
 * The orders of a window on which the ledger has money moving (not PENDING or FAILED). Those the Reconciliation API
 * did not list for the window (authorised only, voided, captured or refunded on another bank day) are asked about
 * with Record rather than taken for missing at the gateway.
 */
@Component
public class TapPayWindowOrders {

    /** An order and TapPay's id of its trade as the ledger knows it (null when never told). */
    record WindowOrder(String orderNo, String recTradeId) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final String moneyMoved = SqlStatements.load("tappay/orders-of-window-with-money-moved");

    public TapPayWindowOrders(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The next {@code limit} of them after {@code afterOrderNo}, in order-number order. */
    List<WindowOrder> after(SettlementWindow window, String afterOrderNo, int limit) {
        return jdbc.query(moneyMoved, new MapSqlParameterSource()
                .addValue("provider", TapPay.CODE)
                .addValue("merchant", window.merchant())
                .addValue("windowStart", window.start())
                .addValue("windowEnd", window.end())
                .addValue("afterOrderNo", afterOrderNo)
                .addValue("limit", limit), (rs, row) -> new WindowOrder(rs.getString("order_no"),
                rs.getString("provider_trade_id")));
    }
}
