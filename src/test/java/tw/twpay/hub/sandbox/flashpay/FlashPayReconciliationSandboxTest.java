package tw.twpay.hub.sandbox.flashpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.support.BusinessDay;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.ReconciliationRunner;

/**
 * Days of the sandbox merchant {@code shop-flashpay} reconciled through the API against the in-process FlashPay
 * simulator's 106 answers: payments whose notify was lost, captures and refunds done in the back office, a payment of
 * another amount, one the hub never made; a 36-day window asked in two slices; a second run changes nothing.
 */
@HubTest
class FlashPayReconciliationSandboxTest {

    private static final AtomicInteger ORDERS = new AtomicInteger();
    private static final String MERCHANT = "shop-flashpay";
    private static final String MID = "HT00000002";
    private static int port;

    @DynamicPropertySource
    static void knownPort(DynamicPropertyRegistry registry) {
        port = FlashPayHubPort.register(registry);
        registry.add("twpay.reconciliation.max-window-days", () -> "62");
        registry.add("twpay.providers.flashpay.missed-notify-after", () -> "PT1H");
        // the nightly job fires every two seconds here: every FlashPay merchant is scheduled by default
        registry.add("twpay.reconciliation.cron", () -> "0/2 * * * * ?");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerAppender appender;

    HubHttp http;
    ReconciliationRunner runs;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        runs = new ReconciliationRunner(http, jdbc, appender, "FLASHPAY", MERCHANT);
    }

    private static String orderNo(String kind) {
        return "RC" + kind + System.currentTimeMillis() % 100_000_000 + ORDERS.incrementAndGet();
    }

    private String created(String kind, int amount) {
        String orderNo = orderNo(kind);
        HttpResponse<String> response = http.post("/api/v1/payments", "application/json", """
                {"provider":"flashpay","merchant":"%s","orderNo":"%s","amount":{"value":"%d","currency":"TWD"},
                 "description":"Reconciled order"}""".formatted(MERCHANT, orderNo, amount));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return orderNo;
    }

    /** The back office (or a payment whose notify never came): {@code pay-silently}, {@code capture}, {@code refund}. */
    private void atFlashPay(String action, String orderNo, Integer amount) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mid", MID);
        form.put("ord_no", orderNo);
        if (amount != null) {
            form.put("amt", amount.toString());
        }
        HttpResponse<String> response = http.postForm("/sandbox/flashpay/control/" + action, form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String query(String orderNo) throws Exception {
        HttpResponse<String> response = http.post("/api/v1/payments/flashpay/" + MERCHANT + "/" + orderNo + "/query",
                "application/json", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ReconciliationRunner.json(response).path("order").path("status").asText();
    }

    @Test
    void theNightlyJobReconcilesTheSandboxMerchantsPreviousDayWithTheRangeQuery() {
        LocalDate yesterday = BusinessDay.todayClearOfMidnight().minusDays(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from reconciliation_run where trigger_kind = 'SCHEDULE' and merchant = ? "
                        + "and source = 'flashpay-range-query' and window_from = ? and window_to = ? "
                        + "and state = 'DONE'", Integer.class, MERCHANT, yesterday, yesterday) == 1);
    }

    @Test
    void daysOfTheSimulatorGiveExactlyTheExpectedDiscrepanciesAndRepairsAndASecondRunChangesNothing()
            throws Exception {
        LocalDate today = BusinessDay.todayClearOfMidnight();
        String matched = created("M", 700);
        atFlashPay("pay-silently", matched, 700);
        assertThat(query(matched)).isEqualTo("AUTHORIZED");
        String captured = created("B", 400);
        atFlashPay("pay-silently", captured, 400);
        assertThat(query(captured)).isEqualTo("AUTHORIZED");
        atFlashPay("capture", captured, null);
        String refunded = created("R", 600);
        atFlashPay("pay-silently", refunded, 600);
        assertThat(query(refunded)).isEqualTo("AUTHORIZED");
        atFlashPay("capture", refunded, null);
        assertThat(query(refunded)).isEqualTo("CAPTURED");
        atFlashPay("refund", refunded, 200);
        String notifyLost = created("L", 300);
        atFlashPay("pay-silently", notifyLost, 300);
        String amountOff = created("A", 500);
        atFlashPay("pay-silently", amountOff, 450);
        String unknown = orderNo("X");
        atFlashPay("pay-silently", unknown, 999);
        String notAtGateway = created("G", 120);
        runs.reported(notAtGateway, "FP-NOT-AT-FLASHPAY", PaymentStatus.AUTHORIZED, Money.twd(120));
        String neverPaid = created("N", 50);

        // 36 days: one slice of 30, one of 6
        JsonNode run = runs.run(today.minusDays(35), today);
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("DONE");
        String runId = run.path("id").asText();

        assertThat(runs.kinds(runId)).containsOnly(
                Map.entry(matched, List.of("MATCHED")),
                Map.entry(captured, List.of("STATUS_BEHIND")),
                Map.entry(refunded, List.of("STATUS_BEHIND")),
                Map.entry(notifyLost, List.of("STATUS_BEHIND")),
                Map.entry(amountOff, List.of("AMOUNT_MISMATCH")),
                Map.entry(unknown, List.of("MISSING_IN_LEDGER")),
                Map.entry(notAtGateway, List.of("MISSING_AT_GATEWAY")));
        assertThat(runs.status(captured)).isEqualTo("CAPTURED");
        assertThat(runs.status(refunded)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(runs.status(notifyLost)).isEqualTo("AUTHORIZED");
        assertThat(runs.status(amountOff)).isEqualTo("PENDING");
        assertThat(runs.status(unknown)).isEqualTo("AUTHORIZED");
        assertThat(runs.reconciliationEvents(unknown)).singleElement().asString().contains("UNKNOWN_ORDER");
        assertThat(runs.status(neverPaid)).isEqualTo("PENDING");
        assertThat(run.path("progress").path("recordsRead").asLong()).isEqualTo(6);

        List<Integer> trail = runs.paymentTrail();
        String second = runs.done(today.minusDays(35), today);
        assertThat(runs.paymentTrail()).isEqualTo(trail);
        assertThat(runs.kinds(second)).containsOnly(
                Map.entry(matched, List.of("MATCHED")),
                Map.entry(captured, List.of("MATCHED")),
                Map.entry(refunded, List.of("MATCHED")),
                Map.entry(notifyLost, List.of("MATCHED")),
                Map.entry(amountOff, List.of("AMOUNT_MISMATCH")),
                Map.entry(unknown, List.of("MATCHED")),
                Map.entry(notAtGateway, List.of("MISSING_AT_GATEWAY")));
    }
}
