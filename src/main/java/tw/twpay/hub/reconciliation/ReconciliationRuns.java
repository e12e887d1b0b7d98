package tw.twpay.hub.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The run table. A run belongs to the node that claimed it while its heartbeat is fresh; a run whose node stopped
 * beating is claimed by another node and started again from the top (its repairs are idempotent). The unique
 * {@code running_key} lets only one run of a window be RUNNING at a time, across nodes.
 */
@Component
public class ReconciliationRuns {

    private final NamedParameterJdbcTemplate jdbc;
    private final String insertRun = SqlStatements.load("reconciliation/insert-run");
    private final String claimRun = SqlStatements.load("reconciliation/claim-run");
    private final String recordProgress = SqlStatements.load("reconciliation/record-progress");
    private final String finishRun = SqlStatements.load("reconciliation/finish-run");
    private final String failRun = SqlStatements.load("reconciliation/fail-run");
    private final String restartFailedRun = SqlStatements.load("reconciliation/restart-failed-run");
    private final String findRun = SqlStatements.load("reconciliation/find-run");
    private final String listRuns = SqlStatements.load("reconciliation/list-runs");
    private final String staleRunningRuns = SqlStatements.load("reconciliation/stale-running-runs");
    private final String dueFailedRuns = SqlStatements.load("reconciliation/due-failed-runs");
    private final String countRunsOfWindow = SqlStatements.load("reconciliation/count-runs-of-window");

    public ReconciliationRuns(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new RUNNING run of the window, not yet claimed by a node; 409 while another run of the window runs. */
    public String create(SettlementWindow window, String source, String inputRef, RunTrigger trigger,
                         OffsetDateTime now) {
        String id = UUID.randomUUID().toString();
        try {
            jdbc.update(insertRun, new MapSqlParameterSource()
                    .addValue("id", id)
                    .addValue("provider", window.provider().code())
                    .addValue("merchant", window.merchant())
                    .addValue("windowFrom", window.from())
                    .addValue("windowTo", window.to())
                    .addValue("source", source)
                    .addValue("inputRef", inputRef)
                    .addValue("trigger", trigger.name())
                    .addValue("runningKey", window.key())
                    .addValue("now", now));
        } catch (DuplicateKeyException e) {
            throw new RejectedRequestException(409, "a reconciliation of " + window.provider() + " merchant "
                    + window.merchant() + " for " + window.from() + ".." + window.to() + " is running already");
        }
        return id;
    }

    /** Takes the run for this node: a new run, or one whose node stopped beating before {@code staleBefore}. */
    public boolean claim(String id, String node, OffsetDateTime now, OffsetDateTime staleBefore) {
        return jdbc.update(claimRun, new MapSqlParameterSource()
                .addValue("id", id).addValue("node", node).addValue("now", now)
                .addValue("staleBefore", staleBefore)) == 1;
    }

    /** Writes the counters and the heartbeat; false when another node has taken the run over meanwhile. */
    public boolean recordProgress(String id, String node, RunCounters counters, OffsetDateTime now) {
        return jdbc.update(recordProgress, counters.parameters()
                .addValue("id", id).addValue("node", node).addValue("now", now)) == 1;
    }

    public boolean finish(String id, String node, RunCounters counters, String summaryJson, OffsetDateTime now) {
        return jdbc.update(finishRun, counters.parameters()
                .addValue("id", id).addValue("node", node).addValue("now", now)
                .addValue("summaryJson", summaryJson)) == 1;
    }

    /** FAILED; {@code nextAttemptAt} non-null when the run is to be tried again then. */
    public void fail(String id, String node, String error, OffsetDateTime nextAttemptAt, OffsetDateTime now) {
        jdbc.update(failRun, new MapSqlParameterSource()
                .addValue("id", id).addValue("node", node).addValue("now", now)
                .addValue("lastError", error.length() > 2000 ? error.substring(0, 2000) : error)
                .addValue("nextAttemptAt", nextAttemptAt));
    }

    /** A failed run whose retry is due becomes RUNNING again (unless another run of its window runs now). */
    public boolean restartFailed(ReconciliationRun run, OffsetDateTime now) {
        SettlementWindow window = window(run);
        try {
            return jdbc.update(restartFailedRun, new MapSqlParameterSource()
                    .addValue("id", run.id()).addValue("runningKey", window.key()).addValue("now", now)) == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public Optional<ReconciliationRun> find(String id) {
        return jdbc.query(findRun, new MapSqlParameterSource("id", id), (rs, row) -> run(rs)).stream().findFirst();
    }

    public ReconciliationRun require(String id) {
        return find(id).orElseThrow(() -> RejectedRequestException.notFound("no reconciliation run " + id));
    }

    public List<ReconciliationRun> list(String provider, String merchant, LocalDate date, RunState state, int limit) {
        return jdbc.query(listRuns, new MapSqlParameterSource()
                .addValue("provider", provider)
                .addValue("merchant", merchant)
                .addValue("date", date)
                .addValue("state", state == null ? null : state.name())
                .addValue("limit", limit), (rs, row) -> run(rs));
    }

    public List<String> staleRunning(OffsetDateTime staleBefore) {
        return jdbc.queryForList(staleRunningRuns, new MapSqlParameterSource("staleBefore", staleBefore),
                String.class);
    }

    public List<String> dueRetries(OffsetDateTime now) {
        return jdbc.queryForList(dueFailedRuns, new MapSqlParameterSource("now", now), String.class);
    }

    /** Whether the window was reconciled from this source already, runs now, or waits for its retry. */
    public boolean coveredAlready(SettlementWindow window, String source) {
        Long runs = jdbc.queryForObject(countRunsOfWindow, new MapSqlParameterSource()
                .addValue("provider", window.provider().code())
                .addValue("merchant", window.merchant())
                .addValue("windowFrom", window.from())
                .addValue("windowTo", window.to())
                .addValue("source", source), Long.class);
        return runs != null && runs > 0;
    }

    public static SettlementWindow window(ReconciliationRun run) {
        return new SettlementWindow(tw.twpay.hub.provider.ProviderId.of(run.provider()), run.merchant(), run.from(),
                run.to());
    }

    private static ReconciliationRun run(ResultSet rs) throws SQLException {
        String summary = rs.getString("summary_json");
        JsonNode summaryNode;
        try {
            summaryNode = summary == null ? null : CanonicalJson.mapper().readTree(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run " + rs.getString("id") + " holds an unreadable summary", e);
        }
        return new ReconciliationRun(
                rs.getString("id"),
                rs.getString("provider"),
                rs.getString("merchant"),
                rs.getObject("window_from", LocalDate.class),
                rs.getObject("window_to", LocalDate.class),
                rs.getString("source"),
                RunTrigger.valueOf(rs.getString("trigger_kind")),
                RunState.valueOf(rs.getString("state")),
                new ReconciliationRun.Progress(rs.getLong("records_read"), rs.getLong("matched"),
                        rs.getLong("repaired"), rs.getLong("discrepancies"),
                        rs.getObject("heartbeat_at", OffsetDateTime.class)),
                rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class),
                rs.getString("node"),
                rs.getString("last_error"),
                summaryNode,
                rs.getString("input_ref"));
    }
}
