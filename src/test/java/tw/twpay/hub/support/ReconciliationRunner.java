package tw.twpay.hub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * Reconciliation runs through the ERP API for a provider's source tests: start a window, wait for its end, read the
 * run's items; and the ledger facts that put orders in a known state.
 */
public record ReconciliationRunner(HubHttp http, JdbcTemplate jdbc, LedgerAppender appender, String provider,
                                   String merchant) {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Starts a run of the window through the API and waits until it is no longer RUNNING. */
    public JsonNode run(LocalDate from, LocalDate to) {
        HttpResponse<String> started = http.post("/api/v1/reconciliations", "application/json",
                "{\"provider\":\"" + provider.toLowerCase(java.util.Locale.ROOT) + "\",\"merchant\":\"" + merchant
                        + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = json(started).path("id").asText();
        return await().atMost(WAIT).until(() -> json(http.get("/api/v1/reconciliations/" + runId)),
                run -> !"RUNNING".equals(run.path("state").asText()));
    }

    /** A run of the window that must end DONE. */
    public String done(LocalDate from, LocalDate to) {
        JsonNode run = run(from, to);
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("DONE");
        return run.path("id").asText();
    }

    /** Every item of the run (MATCHED too), as order number → kinds in order. */
    public Map<String, List<String>> kinds(String runId) {
        Map<String, List<String>> kinds = new TreeMap<>();
        jdbc.query("select order_no, kind from reconciliation_item where run_id = ? order by id", rs -> {
            kinds.computeIfAbsent(rs.getString("order_no"), order -> new ArrayList<>()).add(rs.getString("kind"));
        }, runId);
        return kinds;
    }

    /** Payment facts in the journal and payment events queued for the ERP: a repeated run adds neither. */
    public List<Integer> paymentTrail() {
        return List.of(
                jdbc.queryForObject("select count(*) from ledger_journal where event_type = 'tw.twpay.payment.v1'",
                        Integer.class),
                jdbc.queryForObject("select count(*) from outbox where event_type = 'tw.twpay.payment.v1'",
                        Integer.class));
    }

    public String status(String orderNo) {
        return jdbc.queryForObject("select status from ledger_order where provider = ? and merchant = ? "
                + "and order_no = ?", String.class, provider, merchant, orderNo);
    }

    public List<String> reconciliationEvents(String orderNo) {
        return jdbc.queryForList("select event_json from ledger_journal where subject = ? and source = "
                + "'RECONCILIATION'", String.class, orderNo);
    }

    /** The order as the hub created it for the ERP: PENDING, with the amount asked for. */
    public void created(String orderNo, Money amount) {
        fact(orderNo, null, PaymentStatus.PENDING, amount, EventSource.COMMAND);
    }

    /** What the gateway told the hub about the order before the run (a callback). */
    public void reported(String orderNo, String tradeId, PaymentStatus status, Money amount) {
        fact(orderNo, tradeId, status, amount, EventSource.CALLBACK);
    }

    private void fact(String orderNo, String tradeId, PaymentStatus status, Money amount, EventSource source) {
        OffsetDateTime now = OffsetDateTime.now();
        PaymentEvent event = new PaymentEvent(provider, merchant, null, orderNo, tradeId, status, amount, "CREDIT",
                null, null, now, now, source, status.name(), null, null, List.of(), null);
        appender.append(new LedgerFact(LedgerFact.key(provider, merchant, orderNo, tradeId, status, source, "test"),
                event, null));
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return CanonicalJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
