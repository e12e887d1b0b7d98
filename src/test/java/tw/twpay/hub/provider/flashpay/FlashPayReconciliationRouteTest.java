package tw.twpay.hub.provider.flashpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.reconciliation.SettlementWindow;
import tw.twpay.hub.support.BusinessDay;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.ReconciliationRunner;

/**
 * FlashPay's 106 range query source through the real routes (ERP API → engine → gateway-call), querytrade.php
 * played by WireMock: a 45-day window read in two slices of at most 30 days, an entry completed by 107, every kind of
 * discrepancy FlashPay can have (NTD only: no currency mismatch), a second run that changes nothing, and refused or
 * lost answers that fail the run.
 */
@HubTest
class FlashPayReconciliationRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String MERCHANT = "shop-flashpay";
    static final String QUERIES = "querytrade";
    static final String MANUAL_MERCHANT = "manual-range";
    static final String STORE_A = "store-a";
    static final String STORE_B = "store-b";
    static final String STORES_MER_ID = "HT00000009";

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.flashpay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.flashpay.missed-notify-after", () -> "PT1H");
        registry.add("twpay.reconciliation.max-window-days", () -> "62");
        // the merchant of the manual's own 106 example (seed 004 §8), so that its answer goes through as printed
        FlashPayGatewayStub.manualMerchant(registry, MANUAL_MERCHANT, "D061", gateway);
        // two stores of one FlashPay merchant: the same mer_id (and keys), a sto_id each
        for (String store : List.of(STORE_A, STORE_B)) {
            String key = "twpay.providers.flashpay.merchants." + store;
            registry.add(key + ".merchant-id", () -> STORES_MER_ID);
            registry.add(key + ".hash-key", () -> "U9kmXqjovFsBb1BEuEyPiO03uHGIE1Jr");
            registry.add(key + ".hash-iv", () -> "V4msmb1cSCBUSLWr");
            registry.add(key + ".environment", () -> "sandbox");
            registry.add(key + ".sto-id", () -> store.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerAppender appender;
    @Autowired
    FlashPayMerchants merchants;

    ReconciliationRunner runs;
    FlashPayMerchant shop;
    FlashPayGatewayStub flashPay;
    LocalDate today;

    @BeforeEach
    void setUp() {
        runs = new ReconciliationRunner(new HubHttp(port), jdbc, appender, "FLASHPAY", MERCHANT);
        shop = merchants.require(MERCHANT);
        flashPay = new FlashPayGatewayStub(gateway);
        today = BusinessDay.todayClearOfMidnight();
        gateway.resetAll();
    }

    /** One mer_detail entry shaped like the manual's 106 example; a null status leaves order_status out. */
    private String entry(String orderNo, String flashPayOrderNo, LocalDate day, String status, String txAmt,
                         String totPay, String totRet) {
        return """
                {"ver":"1.0.0","mer_id":"%s","tx_type":"9","tx_amt":"%s","tot_pay_amt":"%s","tot_ret_amt":"%s",\
                "can_pay_amt":"0.00","can_ret_amt":"0.00","order_no":"%s","ord_no":"%s","ord_time":"%s 09:51:25+08",\
                %s"ret_code":"00","ret_msg":"交易成功(Approved or completed successfully)","service_fee":"15.00",\
                "refund_service_fee":"0.00"}""".formatted(shop.merchantId(), txAmt, totPay, totRet, flashPayOrderNo,
                orderNo, day, status == null ? "" : "\"order_status\":\"" + status + "\",");
    }

    private static String range(String... entries) {
        return "{\"returnCode\":\"0\",\"mer_detail\":[" + String.join(",", entries) + "]}";
    }

    /** The answers querytrade.php gives, one after the other. */
    private void answersInTurn(String... sealedJsons) {
        String state = STARTED;
        for (int i = 0; i < sealedJsons.length; i++) {
            String next = "answer " + (i + 1);
            gateway.stubFor(post(urlEqualTo(FlashPayGatewayStub.QUERY_PATH)).inScenario(QUERIES)
                    .whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=UTF-8")
                            .withBody(FlashPayGatewayStub.sealedAnswer(shop, sealedJsons[i]))));
            state = next;
        }
    }

    private String paid(String orderNo, long amount, String flashPayOrderNo, PaymentStatus status) {
        runs.created(orderNo, Money.twd(amount));
        if (status != PaymentStatus.PENDING) {
            runs.reported(orderNo, flashPayOrderNo, status, Money.twd(amount));
        }
        return orderNo;
    }

    @Test
    void aWindowOverThirtyDaysIsReadInSlicesAndGivesExactlyTheExpectedDiscrepanciesAndRepairsOnce() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        String matched = paid("FRM" + n, 855, "FPM" + n, PaymentStatus.AUTHORIZED);
        String behind = paid("FRB" + n, 400, "FPB" + n, PaymentStatus.AUTHORIZED);
        String refunded = paid("FRR" + n, 700, "FPR" + n, PaymentStatus.CAPTURED);
        String amountOff = paid("FRA" + n, 500, null, PaymentStatus.PENDING);
        String ahead = paid("FRC" + n, 300, "FPC" + n, PaymentStatus.CAPTURED);
        String detailed = paid("FRD" + n, 250, null, PaymentStatus.PENDING);
        String notAtGateway = paid("FRG" + n, 120, "FPG" + n, PaymentStatus.AUTHORIZED);
        String neverPaid = paid("FRN" + n, 50, null, PaymentStatus.PENDING);
        String unknown = "FRX" + n;
        LocalDate from = today.minusDays(44);

        String firstSlice = range(entry(unknown, "FPX" + n, from.plusDays(3), "04", "999.00", "999.00", "0.00"));
        String secondSlice = range(
                entry(matched, "FPM" + n, today, "02", "855.00", "0.00", "0.00"),
                entry(behind, "FPB" + n, today, "04", "400.00", "400.00", "0.00"),
                entry(refunded, "FPR" + n, today, "08", "700.00", "700.00", "200.00"),
                entry(amountOff, "FPA" + n, today, "02", "450.00", "0.00", "0.00"),
                entry(ahead, "FPC" + n, today, "02", "300.00", "0.00", "0.00"),
                // no order_status: asked again with 107
                entry(detailed, "FPD" + n, today, null, "250.00", "0.00", "0.00"));
        String detail = FlashPayGatewayStub.queryAnswer(shop, detailed, "02", "250.00", "0.00", "0.00");
        answersInTurn(firstSlice, secondSlice, detail);

        String runId = runs.done(from, today);

        assertThat(runs.kinds(runId)).containsOnly(
                Map.entry(unknown, List.of("MISSING_IN_LEDGER")),
                Map.entry(matched, List.of("MATCHED")),
                Map.entry(behind, List.of("STATUS_BEHIND")),
                Map.entry(refunded, List.of("STATUS_BEHIND")),
                Map.entry(amountOff, List.of("AMOUNT_MISMATCH")),
                Map.entry(ahead, List.of("STATUS_CONFLICT")),
                Map.entry(detailed, List.of("STATUS_BEHIND")),
                Map.entry(notAtGateway, List.of("MISSING_AT_GATEWAY")));
        assertThat(runs.status(unknown)).isEqualTo("CAPTURED");
        assertThat(runs.reconciliationEvents(unknown)).singleElement().asString().contains("UNKNOWN_ORDER");
        assertThat(runs.status(behind)).isEqualTo("CAPTURED");
        assertThat(runs.status(refunded)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(runs.status(detailed)).isEqualTo("AUTHORIZED");
        assertThat(runs.status(amountOff)).isEqualTo("PENDING");
        assertThat(runs.status(ahead)).isEqualTo("CAPTURED");
        assertThat(runs.status(neverPaid)).isEqualTo("PENDING");

        List<JsonNode> sent = flashPay.receivedQueries(shop);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).path("tx_type").asInt()).isEqualTo(106);
        assertThat(sent.get(0).path("start_date").asText()).isEqualTo(from.toString());
        assertThat(sent.get(0).path("end_date").asText()).isEqualTo(from.plusDays(29).toString());
        assertThat(sent.get(1).path("start_date").asText()).isEqualTo(from.plusDays(30).toString());
        assertThat(sent.get(1).path("end_date").asText()).isEqualTo(today.toString());
        assertThat(sent.get(2).path("tx_type").asInt()).isEqualTo(107);
        assertThat(sent.get(2).path("ord_no").asText()).isEqualTo(detailed);

        List<Integer> trail = runs.paymentTrail();
        gateway.resetScenarios();
        String second = runs.done(from, today);
        assertThat(runs.paymentTrail()).isEqualTo(trail);
        assertThat(runs.kinds(second)).containsOnly(
                Map.entry(unknown, List.of("MATCHED")),
                Map.entry(matched, List.of("MATCHED")),
                Map.entry(behind, List.of("MATCHED")),
                Map.entry(refunded, List.of("MATCHED")),
                Map.entry(amountOff, List.of("AMOUNT_MISMATCH")),
                Map.entry(ahead, List.of("STATUS_CONFLICT")),
                Map.entry(detailed, List.of("MATCHED")),
                Map.entry(notAtGateway, List.of("MISSING_AT_GATEWAY")));
    }

    /**
     * Two aliases of one FlashPay merchant (one mer_id, a sto_id each): 106 lists the orders of the mer_id, both
     * stores' alike, and names no sto_id. Each store's run judges its own orders only: an order the other store holds
     * is not "missing in the ledger" of this one (it was repaired into it, and delivered to the ERP as a payment of a
     * store that never had it), and an order neither holds is filed once, under the first alias in alphabetical
     * order, not once per store.
     */
    @Test
    void aStoreSharingTheMerIdJudgesItsOwnOrdersOnlyAndAnOrderNoStoreHoldsIsFiledOnce() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        ReconciliationRunner storeA = new ReconciliationRunner(runs.http(), jdbc, appender, "FLASHPAY", STORE_A);
        ReconciliationRunner storeB = new ReconciliationRunner(runs.http(), jdbc, appender, "FLASHPAY", STORE_B);
        String ofA = "FSA" + n;
        storeA.created(ofA, Money.twd(855));
        storeA.reported(ofA, "FPSA" + n, PaymentStatus.AUTHORIZED, Money.twd(855));
        String ofB = "FSB" + n;
        storeB.created(ofB, Money.twd(400));
        storeB.reported(ofB, "FPSB" + n, PaymentStatus.AUTHORIZED, Money.twd(400));
        String ofNoStore = "FSX" + n;
        String day = range(
                entry(ofA, "FPSA" + n, today, "02", "855.00", "0.00", "0.00"),
                entry(ofB, "FPSB" + n, today, "04", "400.00", "400.00", "0.00"),
                entry(ofNoStore, "FPSX" + n, today, "02", "999.00", "0.00", "0.00"))
                .replace(shop.merchantId(), STORES_MER_ID);

        answersInTurn(day);
        String runOfB = storeB.done(today, today);
        assertThat(storeB.kinds(runOfB)).containsOnly(Map.entry(ofB, List.of("STATUS_BEHIND")));
        assertThat(storeB.status(ofB)).isEqualTo("CAPTURED");

        gateway.resetScenarios();
        answersInTurn(day);
        String runOfA = storeA.done(today, today);
        assertThat(storeA.kinds(runOfA)).containsOnly(
                Map.entry(ofA, List.of("MATCHED")),
                Map.entry(ofNoStore, List.of("MISSING_IN_LEDGER")));
        for (String orderNo : List.of(ofA, ofB, ofNoStore)) {
            assertThat(jdbc.queryForList("select merchant from ledger_order where order_no = ?", String.class,
                    orderNo)).as(orderNo).singleElement().isEqualTo(ofB.equals(orderNo) ? STORE_B : STORE_A);
        }
    }

    /**
     * The manual's genuine 106 answer (seed 004 §8: merchant D061, 2022-04-25 to 2022-04-27) as FlashPay's answer to
     * the run's 106 request, every field as printed (tx_type "9", amounts as strings with cents, ord_time with "+08",
     * the real ret_msg, the fees). 269241 of 500.98, which the hub holds authorised as FlashPay reported it, is behind
     * and repaired to CAPTURED at its exact amount; 269242 of 500.00, which the hub never saw, is missing in the
     * ledger and recorded CAPTURED from the entry. A second run finds both matched and adds nothing.
     */
    @Test
    void theManualsGenuine106AnswerIsReconciledOrderByOrder() {
        ReconciliationRunner manualRuns = new ReconciliationRunner(new HubHttp(port), jdbc, appender, "FLASHPAY",
                MANUAL_MERCHANT);
        FlashPayMerchant manual = merchants.require(MANUAL_MERCHANT);
        Money cents = new Money(new BigDecimal("500.98"), "TWD");
        manualRuns.reported("269241", "FP2204251200001794", PaymentStatus.AUTHORIZED, cents);
        flashPay.answers(manual, FlashPayGatewayStub.MANUAL_106_ANSWER);
        LocalDate from = LocalDate.of(2022, 4, 25);
        LocalDate to = LocalDate.of(2022, 4, 27);

        String runId = manualRuns.done(from, to);

        assertThat(flashPay.receivedQueries(manual)).singleElement().satisfies(sent -> {
            assertThat(sent.path("mer_id").asText()).isEqualTo("D061");
            assertThat(sent.path("tx_type").asInt()).isEqualTo(106);
            assertThat(sent.path("start_date").asText()).isEqualTo("2022-04-25");
            assertThat(sent.path("end_date").asText()).isEqualTo("2022-04-27");
        });
        assertThat(manualRuns.kinds(runId)).containsOnly(
                Map.entry("269241", List.of("STATUS_BEHIND")),
                Map.entry("269242", List.of("MISSING_IN_LEDGER")));
        Map<String, Object> behind = item(runId, "269241");
        assertThat(behind).containsEntry("provider_trade_id", "FP2204251200001794")
                .containsEntry("gateway_status", "CAPTURED").containsEntry("provider_status", "04")
                .containsEntry("ledger_status", "AUTHORIZED").containsEntry("repair_outcome", "APPLIED");
        assertThat((BigDecimal) behind.get("gateway_amount")).isEqualByComparingTo("500.98");
        assertThat((BigDecimal) behind.get("ledger_amount")).isEqualByComparingTo("500.98");
        assertThat(instant(behind.get("gateway_time"))).isEqualTo(OffsetDateTime.parse("2022-04-25T12:19:17+08:00")
                .toInstant());
        Map<String, Object> missing = item(runId, "269242");
        assertThat(missing).containsEntry("provider_trade_id", "FP2204260900001795")
                .containsEntry("gateway_status", "CAPTURED").containsEntry("provider_status", "04")
                .containsEntry("repair_outcome", "APPLIED");
        assertThat((BigDecimal) missing.get("gateway_amount")).isEqualByComparingTo("500.00");
        assertThat(instant(missing.get("gateway_time"))).isEqualTo(OffsetDateTime.parse("2022-04-26T09:51:25+08:00")
                .toInstant());

        assertThat(manualRuns.status("269241")).isEqualTo("CAPTURED");
        assertThat(manualRuns.status("269242")).isEqualTo("CAPTURED");
        assertThat(jdbc.queryForList("select amount_value from ledger_order where merchant = ? order by order_no",
                BigDecimal.class, MANUAL_MERCHANT)).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("500.98"), new BigDecimal("500.00"));
        assertThat(jdbc.queryForObject("select provider_trade_id from ledger_order where merchant = ? and order_no = ?",
                String.class, MANUAL_MERCHANT, "269242")).isEqualTo("FP2204260900001795");
        assertThat(manualRuns.reconciliationEvents("269242")).singleElement().asString().contains("UNKNOWN_ORDER");
        // the repairs keep FlashPay's entry as printed for the audit trail, fees and message included
        assertThat(jdbc.queryForList("select raw_payload from ledger_journal where merchant = ? and source = "
                + "'RECONCILIATION' and subject in ('269241', '269242') order by subject", String.class, MANUAL_MERCHANT)).hasSize(2)
                .allSatisfy(raw -> assertThat(raw).contains("\"service_fee\":\"15.00\"")
                        .contains("\"tot_ret_amt\":\"0.00\"").contains("交易成功(Approved or completed successfully)"));

        List<Integer> trail = manualRuns.paymentTrail();
        String second = manualRuns.done(from, to);
        assertThat(manualRuns.paymentTrail()).isEqualTo(trail);
        assertThat(manualRuns.kinds(second)).containsOnly(
                Map.entry("269241", List.of("MATCHED")),
                Map.entry("269242", List.of("MATCHED")));
    }

    private Map<String, Object> item(String runId, String orderNo) {
        return jdbc.queryForMap("select * from reconciliation_item where run_id = ? and order_no = ?", runId, orderNo);
    }

    private static java.time.Instant instant(Object timestamp) {
        return timestamp instanceof OffsetDateTime time ? time.toInstant() : ((java.sql.Timestamp) timestamp).toInstant();
    }

    @Test
    void aFurtherRefundMadeInTheBackOfficeIsFoundByItsRefundedTotalAndRepairedOnce() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        LocalDate day = today.minusDays(300);
        String orderNo = paid("FRP" + n, 1000, "FPP" + n, PaymentStatus.CAPTURED);
        // the first refund, 300 of 1000, as FlashPay's notify told it (a refund's fact carries tot_ret_amt)
        runs.reported(orderNo, "FPP" + n, PaymentStatus.PARTIALLY_REFUNDED, Money.twd(300));
        // created on the window's day, so no other test's window lists it as missing at the gateway
        jdbc.update("update ledger_order set created_at = ? where order_no = ?",
                day.atTime(12, 0).atZone(SettlementWindow.BUSINESS_ZONE).toOffsetDateTime(), orderNo);
        // a second refund of 200 made in the back office: still 08 partly refunded, now 500 of 1000
        String furtherRefund = range(entry(orderNo, "FPP" + n, day, "08", "1000.00", "1000.00", "500.00"));
        answersInTurn(furtherRefund);

        String runId = runs.done(day, day);

        assertThat(runs.kinds(runId)).containsOnly(Map.entry(orderNo, List.of("STATUS_BEHIND")));
        assertThat(jdbc.queryForObject("select repair_outcome from reconciliation_item where run_id = ?",
                String.class, runId)).isEqualTo("APPLIED");
        assertThat(runs.status(orderNo)).isEqualTo("PARTIALLY_REFUNDED");
        // the repair carries what has been refunded, as FlashPay's own refund facts do
        assertThat(runs.reconciliationEvents(orderNo)).singleElement().asString().contains("\"500.00\"");

        List<Integer> trail = runs.paymentTrail();
        gateway.resetAll();
        answersInTurn(furtherRefund);
        String second = runs.done(day, day);
        assertThat(runs.paymentTrail()).isEqualTo(trail);
        assertThat(runs.kinds(second)).containsOnly(Map.entry(orderNo, List.of("MATCHED")));
    }

    @Test
    void moneyThe107ReportsWithoutAnAmountFailsTheRunAndMovesNothing() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        LocalDate day = today.minusDays(200);
        String orderNo = paid("FRQ" + n, 250, null, PaymentStatus.PENDING);
        // the 106 entry names no order_status, so 107 is asked: captured (04), but no tx_amt to check
        answersInTurn(range(entry(orderNo, "FPQ" + n, day, null, "250.00", "0.00", "0.00")),
                FlashPayGatewayStub.queryAnswer(shop, orderNo, "04", "250.00", "250.00", "0.00")
                        .replace("\"tx_amt\":\"250.00\",", ""));

        JsonNode run = runs.run(day, day);

        assertThat(run.path("state").asText()).isEqualTo("FAILED");
        assertThat(run.path("lastError").asText()).contains("order " + orderNo).contains("names no amount (tx_amt)");
        assertThat(runs.status(orderNo)).isEqualTo("PENDING");
        assertThat(flashPay.receivedQueries(shop)).extracting(sent -> sent.path("tx_type").asInt())
                .containsExactly(106, 107);
    }

    /** A 106 entry in tenths of a cent is not an amount the hub can hold: the run fails naming the order. */
    @Test
    void anAmountTheHubCannotHoldFailsTheRunNamingTheOrder() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        LocalDate day = today.minusDays(201);
        String orderNo = paid("FRM" + n, 855, null, PaymentStatus.PENDING);
        answersInTurn(range(entry(orderNo, "FPM" + n, day, "04", "855.005", "855.005", "0.00")));

        JsonNode run = runs.run(day, day);

        assertThat(run.path("state").asText()).isEqualTo("FAILED");
        assertThat(run.path("lastError").asText()).contains("order " + orderNo).contains("855.005");
        assertThat(runs.status(orderNo)).isEqualTo("PENDING");
    }

    @Test
    void aRefusedOrLostRangeAnswerFailsTheRunAndConcludesNothing() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        LocalDate day = today.minusDays(100);
        // the first slice answers, the second is lost: nothing of the first is concluded either
        answersInTurn(range(entry("FRL" + n, "FPL" + n, day, "04", "100.00", "100.00", "0.00")));
        gateway.stubFor(post(urlEqualTo(FlashPayGatewayStub.QUERY_PATH)).inScenario(QUERIES)
                .whenScenarioStateIs("answer 1")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        JsonNode lost = runs.run(day, day.plusDays(40));
        assertThat(lost.path("state").asText()).isEqualTo("FAILED");
        assertThat(lost.path("lastError").asText()).contains("outcome is unknown");
        assertThat(jdbc.queryForObject("select count(*) from ledger_order where order_no = ?", Integer.class,
                "FRL" + n)).isZero();

        gateway.resetAll();
        answersInTurn("{\"returnCode\":\"1\",\"mer_detail\":[]}");
        JsonNode refused = runs.run(day.minusDays(1), day.minusDays(1));
        assertThat(refused.path("state").asText()).isEqualTo("FAILED");
        assertThat(refused.path("lastError").asText()).contains("returnCode 1");

        gateway.resetAll();
        flashPay.answersPlain(200, "{\"code\":\"E21\",\"msg\":\"chk error\"}");
        assertThat(runs.run(day.minusDays(2), day.minusDays(2)).path("state").asText()).isEqualTo("FAILED");
        // (of this merchant: the manual's example is a run of another merchant in 2022)
        assertThat(jdbc.queryForObject("select count(*) from reconciliation_item i join reconciliation_run r "
                + "on r.id = i.run_id where r.window_from <= ? and r.provider = 'FLASHPAY' and r.merchant = ?",
                Integer.class, day, MERCHANT)).isZero();
    }
}
