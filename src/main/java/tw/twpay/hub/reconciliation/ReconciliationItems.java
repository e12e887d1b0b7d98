package tw.twpay.hub.reconciliation;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.web.RejectedRequestException;

/** The item table: every judged record of a run, the discrepancies among them, and their resolutions. */
@Component
public class ReconciliationItems {

    private static final int MISSING_PER_BATCH = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String insertItem = SqlStatements.load("reconciliation/insert-item");
    private final String deleteItemsOfRun = SqlStatements.load("reconciliation/delete-items-of-run");
    private final String insertMissingAtGateway = SqlStatements.load("reconciliation/insert-missing-at-gateway");
    private final String windowOrdersH2 = SqlStatements.load("reconciliation/window-orders-with-money-moved-h2");
    private final String summarizeItems = SqlStatements.load("reconciliation/summarize-items");
    private final String listDiscrepancies = SqlStatements.load("reconciliation/list-discrepancies");
    private final String resolveItem = SqlStatements.load("reconciliation/resolve-item");
    private final String findItem = SqlStatements.load("reconciliation/find-item");

    public ReconciliationItems(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * A chunk's items in one transaction (in autocommit H2 writes its file once per row), as one positional JDBC batch:
     * a million-record run binds each value straight from the item, with no parameter map per row.
     */
    public void insert(List<ReconciliationItem> items) {
        if (!items.isEmpty()) {
            transaction.executeWithoutResult(status -> jdbc.getJdbcTemplate().batchUpdate(insertItem,
                    new BatchPreparedStatementSetter() {
                        @Override
                        public void setValues(PreparedStatement statement, int i) throws SQLException {
                            bind(statement, items.get(i));
                        }

                        @Override
                        public int getBatchSize() {
                            return items.size();
                        }
                    }));
        }
    }

    private static void bind(PreparedStatement statement, ReconciliationItem item) throws SQLException {
        statement.setString(1, item.runId());
        statement.setString(2, item.kind().name());
        statement.setString(3, item.orderNo());
        statement.setString(4, item.providerTradeId());
        statement.setString(5, item.gatewayStatus());
        bindMoney(statement, 6, item.gatewayAmount());
        statement.setObject(8, item.gatewayTime(), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(9, item.providerStatus());
        statement.setString(10, item.ledgerStatus());
        bindMoney(statement, 11, item.ledgerAmount());
        statement.setString(13, item.repairOutcome());
        statement.setString(14, item.repairEventId());
    }

    /** The amount's value at {@code index}, its currency at the next one. */
    private static void bindMoney(PreparedStatement statement, int index, Money amount) throws SQLException {
        statement.setBigDecimal(index, amount == null ? null : amount.value());
        statement.setString(index + 1, amount == null ? null : amount.currency());
    }

    /** A run taken over starts again from the top: what the crashed node wrote is dropped first. */
    public void deleteOfRun(String runId) {
        jdbc.update(deleteItemsOfRun, new MapSqlParameterSource("runId", runId));
    }

    /**
     * Ledger orders of the window with money moved that no item of the run names. PostgreSQL anti-joins them in one
     * statement; on H2 ({@code named} not null) the window's orders are read once and those whose row the run's items
     * did not name are written a chunk at a time.
     */
    public int insertMissingAtGateway(String runId, SettlementWindow window, NamedLedgerRows named) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("runId", runId)
                .addValue("provider", window.provider().code())
                .addValue("merchant", window.merchant())
                .addValue("windowStart", window.start())
                .addValue("windowEnd", window.end());
        if (named == null) {
            return jdbc.update(insertMissingAtGateway, parameters);
        }
        List<ReconciliationItem> missing = new ArrayList<>(MISSING_PER_BATCH);
        int[] count = {0};
        jdbc.query(windowOrdersH2, parameters, (RowCallbackHandler) rs -> {
            if (!named.contains(rs.getLong("row_id"))) {
                missing.add(new ReconciliationItem(0, runId, DiscrepancyKind.MISSING_AT_GATEWAY,
                        rs.getString("order_no"), rs.getString("provider_trade_id"), null, null, null, null,
                        rs.getString("status"), money(rs.getBigDecimal("amount_value"), rs.getString("currency")),
                        null, null, null));
                count[0]++;
                if (missing.size() == MISSING_PER_BATCH) {
                    insert(missing);
                    missing.clear();
                }
            }
        });
        insert(missing);
        return count[0];
    }

    /** Counts and sums per kind, status and currency, as the database adds them up. */
    public void summarize(String runId, RowCallbackHandler rows) {
        jdbc.query(summarizeItems, new MapSqlParameterSource("runId", runId), rows);
    }

    /** Discrepancies (everything but MATCHED) after {@code afterId}, in id order. */
    public List<ReconciliationItem> discrepancies(String runId, DiscrepancyKind kind, long afterId, int limit) {
        return jdbc.query(listDiscrepancies, listParameters(runId, kind, afterId, limit), (rs, row) -> item(rs));
    }

    /** Every discrepancy of the run, one row at a time (the CSV export). */
    public void eachDiscrepancy(String runId, DiscrepancyKind kind, java.util.function.Consumer<ReconciliationItem> each) {
        jdbc.query(listDiscrepancies, listParameters(runId, kind, 0, Integer.MAX_VALUE),
                (RowCallbackHandler) rs -> each.accept(item(rs)));
    }

    /** Records who resolved a discrepancy and why; once only (409 afterwards), never for a MATCHED item. */
    public ReconciliationItem resolve(String runId, long itemId, String resolvedBy, String note, OffsetDateTime now) {
        ReconciliationItem item = find(runId, itemId);
        if (item.kind() == DiscrepancyKind.MATCHED) {
            throw new RejectedRequestException(409, "item " + itemId + " is MATCHED: nothing to resolve");
        }
        int updated = jdbc.update(resolveItem, new MapSqlParameterSource()
                .addValue("id", itemId).addValue("runId", runId).addValue("now", now)
                .addValue("resolvedBy", resolvedBy).addValue("note", note));
        if (updated == 0) {
            // resolved meanwhile (two people at once), as it is now; the item read above was not yet
            ReconciliationItem.Resolution resolution = find(runId, itemId).resolution();
            throw new RejectedRequestException(409, "discrepancy " + itemId + " was resolved already"
                    + (resolution == null ? "" : " by " + resolution.resolvedBy()));
        }
        return find(runId, itemId);
    }

    public ReconciliationItem find(String runId, long itemId) {
        return jdbc.query(findItem, new MapSqlParameterSource().addValue("id", itemId).addValue("runId", runId),
                        (rs, row) -> item(rs)).stream().findFirst()
                .orElseThrow(() -> RejectedRequestException.notFound("no discrepancy " + itemId + " in run " + runId));
    }

    private static MapSqlParameterSource listParameters(String runId, DiscrepancyKind kind, long afterId, int limit) {
        return new MapSqlParameterSource()
                .addValue("runId", runId)
                .addValue("kind", kind == null ? null : kind.name())
                .addValue("afterId", afterId)
                .addValue("limit", limit);
    }

    private static ReconciliationItem item(ResultSet rs) throws SQLException {
        OffsetDateTime resolvedAt = rs.getObject("resolved_at", OffsetDateTime.class);
        return new ReconciliationItem(
                rs.getLong("id"),
                rs.getString("run_id"),
                DiscrepancyKind.valueOf(rs.getString("kind")),
                rs.getString("order_no"),
                rs.getString("provider_trade_id"),
                rs.getString("gateway_status"),
                money(rs.getBigDecimal("gateway_amount"), rs.getString("gateway_currency")),
                rs.getObject("gateway_time", OffsetDateTime.class),
                rs.getString("provider_status"),
                rs.getString("ledger_status"),
                money(rs.getBigDecimal("ledger_amount"), rs.getString("ledger_currency")),
                rs.getString("repair_outcome"),
                rs.getString("repair_event_id"),
                resolvedAt == null ? null : new ReconciliationItem.Resolution(resolvedAt,
                        rs.getString("resolved_by"), rs.getString("resolution_note")));
    }

    static Money money(BigDecimal value, String currency) {
        return value == null || currency == null ? null : new Money(value.stripTrailingZeros(), currency);
    }
}
