package tw.twpay.hub.reconciliation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.ledger.LedgerDatabase;

/**
 * The ledger as the matcher reads it: the orders of one chunk of gateway records, looked up by key in one statement
 * each, so memory holds one chunk whatever the size of the day.
 */
@Component
public class LedgerSide {

    private final NamedParameterJdbcTemplate jdbc;
    private final String byTradeId = SqlStatements.load("reconciliation/find-ledger-order-by-trade-id");
    private final String byOrderNo = SqlStatements.load("reconciliation/find-ledger-order-by-order-no");
    private final String byTradeIds = SqlStatements.load("reconciliation/find-ledger-orders-by-trade-id");
    private final String byOrderNos = SqlStatements.load("reconciliation/find-ledger-orders-by-order-no");
    private final String unfinishedOrders = SqlStatements.load("reconciliation/unfinished-orders-of-window");
    private final String repairsSince = SqlStatements.load("reconciliation/find-repairs-since");
    private final String refundedTotal = SqlStatements.load("ledger/find-refunded-total-of-order");
    private final String refundedTotals = SqlStatements.load("ledger/find-refunded-totals-of-orders");

    public LedgerSide(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, LedgerOrderView> byProviderTradeId(SettlementWindow window, Collection<String> tradeIds) {
        return lookUp(true, window, tradeIds);
    }

    public Map<String, LedgerOrderView> byOrderNo(SettlementWindow window, Collection<String> orderNos) {
        return lookUp(false, window, orderNos);
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

    /**
     * The repairs among {@code factKeys} (see {@link RepairFacts#key}) journalled at or after {@code since}, by fact
     * key: what an earlier attempt of a run stored before it failed or its node stopped.
     */
    public Map<String, EarlierRepair> repairsSince(Collection<String> factKeys, OffsetDateTime since) {
        Map<String, EarlierRepair> found = new HashMap<>();
        if (factKeys.isEmpty()) {
            return found;
        }
        jdbc.query(repairsSince, new MapSqlParameterSource().addValue("factKeys", factKeys).addValue("since", since),
                (RowCallbackHandler) rs -> {
                    String before = rs.getString("status_before");
                    found.put(rs.getString("fact_key"), new EarlierRepair(rs.getString("event_id"),
                            rs.getInt("order_existed") == 1, before == null ? null : PaymentStatus.valueOf(before)));
                });
        return found;
    }

    /**
     * A repair already in the journal: its event, whether the ledger had the order before it (if not, the record was
     * missing in the ledger and the repair created the order), and the order's status before it as the journal
     * tells (null when no fact of the order was applied before it).
     */
    public record EarlierRepair(String eventId, boolean orderExisted, PaymentStatus statusBefore) {
    }

    /**
     * What the ledger holds as refunded in all of each of these partly refunded orders (by order number; an order
     * without a gateway's report of its refunds is left out). Asked only for orders a record names a refunded total
     * of, so a day of captures costs nothing more.
     */
    public Map<String, Money> refundedTotals(SettlementWindow window, Collection<String> orderNos) {
        Map<String, Money> found = new HashMap<>();
        byKeys(window, orderNos, refundedTotal, refundedTotals, (rs, postgres) -> {
            while (rs.next()) {
                found.put(rs.getString(1), ReconciliationItems.money(rs.getBigDecimal(2), rs.getString(3)));
            }
        });
        return found;
    }

    /** The orders of a chunk's keys (see {@link #byKeys}); on H2 with each order's row id. */
    private Map<String, LedgerOrderView> lookUp(boolean byTrade, SettlementWindow window, Collection<String> keys) {
        Map<String, LedgerOrderView> found = new HashMap<>();
        byKeys(window, keys, byTrade ? byTradeId : byOrderNo, byTrade ? byTradeIds : byOrderNos,
                (rs, postgres) -> collect(rs, byTrade, !postgres, found));
        return found;
    }

    /**
     * Runs a look-up of the window's provider and merchant by a chunk's keys. H2 runs in this process, so one
     * prepared point query per key ({@code perKey}) is the fastest way (it uses an IN list only to range-scan the
     * merchant's rows); PostgreSQL gets the keys as one array ({@code allKeys}).
     */
    private void byKeys(SettlementWindow window, Collection<String> keys, String perKey, String allKeys,
                        Rows rows) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.getJdbcTemplate().execute((ConnectionCallback<Void>) connection -> {
            boolean postgres = LedgerDatabase.isPostgres(connection);
            try (PreparedStatement statement = connection.prepareStatement(postgres ? allKeys : perKey)) {
                statement.setString(1, window.provider().code());
                statement.setString(2, window.merchant());
                if (postgres) {
                    statement.setArray(3, connection.createArrayOf("varchar", keys.toArray()));
                    read(statement, true, rows);
                } else {
                    for (String key : keys) {
                        statement.setString(3, key);
                        read(statement, false, rows);
                    }
                }
            }
            return null;
        });
    }

    private static void read(PreparedStatement statement, boolean postgres, Rows rows) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            rows.read(rs, postgres);
        }
    }

    /** Reads the rows of one look-up statement. */
    private interface Rows {
        void read(ResultSet rs, boolean postgres) throws SQLException;
    }

    /** Columns by position, in the order of the find-ledger-order(s) statements; the H2 ones add the row id. */
    private static void collect(ResultSet rs, boolean byTrade, boolean withRowId,
                                Map<String, LedgerOrderView> found) throws SQLException {
        while (rs.next()) {
            LedgerOrderView order = new LedgerOrderView(rs.getString(1), rs.getString(2), rs.getString(3),
                    PaymentStatus.valueOf(rs.getString(4)), ReconciliationItems.money(rs.getBigDecimal(5),
                    rs.getString(6)), null, withRowId ? rs.getLong(7) : LedgerOrderView.UNKNOWN_ROW);
            found.put(byTrade ? order.providerTradeId() : order.orderNo(), order);
        }
    }

    /** Whether the ledger is on H2, whose look-ups give each order's row id (see {@link NamedLedgerRows}). */
    public boolean givesRowIds() {
        return !LedgerDatabase.isPostgres(jdbc.getJdbcTemplate());
    }
}
