package tw.twpay.hub.provider.tappay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.math.BigDecimal;
import java.time.LocalDate;
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
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.reconciliation.SettlementWindow;
import tw.twpay.hub.support.BusinessDay;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.ReconciliationRunner;

/**
 * TapPay's Reconciliation API source through the real routes (ERP API → engine → gateway-call), TapPay played by
 * WireMock: two pages, the last with status 2 and records of its own; a record completed by Record; the orders the
 * pages did not list asked with Record; every kind of discrepancy; a second run that changes nothing; a refused or
 * lost page that fails the run.
 */
@HubTest
class TapPayReconciliationRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String MERCHANT = "shop-tappay";
    static final String MERCHANT_ID = "twpay_sandbox_CTBC";
    static final String BRAND_A = "brand-a";
    static final String BRAND_B = "brand-b";
    static final String BRANDS_MERCHANT_ID = "twpay_shared_CTBC";

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.tappay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.tappay.missed-notify-after", () -> "PT1H");
        // two aliases of one TapPay merchant_id (two brands of one shop, say)
        for (String brand : List.of(BRAND_A, BRAND_B)) {
            String key = "twpay.providers.tappay.merchants." + brand;
            registry.add(key + ".partner-key",
                    () -> "partner_gvIWuDR9gEdLwNR5L3PXcDpCcQfOJananFI9ZMMWz4BbX4xIErfKNe6u");
            registry.add(key + ".merchant-id", () -> BRANDS_MERCHANT_ID);
            registry.add(key + ".environment", () -> "sandbox");
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
    TapPayTrades trades;

    ReconciliationRunner runs;
    LocalDate today;
    long dayMillis;

    @BeforeEach
    void setUp() {
        runs = new ReconciliationRunner(new HubHttp(port), jdbc, appender, "TAPPAY", MERCHANT);
        today = BusinessDay.todayClearOfMidnight();
        dayMillis = today.atStartOfDay(SettlementWindow.BUSINESS_ZONE).toInstant().toEpochMilli();
        gateway.resetAll();
    }

    /** An order the hub paid (its bank_transaction_id claimed) and what TapPay told it so far. */
    private String paid(String orderNo, Money amount, String recTradeId, PaymentStatus status) {
        trades.claim(MERCHANT, orderNo);
        runs.created(orderNo, amount);
        if (status != PaymentStatus.PENDING) {
            runs.reported(orderNo, recTradeId, status, amount);
        }
        return TapPayTrades.bankTransactionId(MERCHANT, orderNo);
    }

    private String data(String action, String recTradeId, String bankTransactionId, String orderNumber,
                        Long tradeAmount, Long authAmount, String currency, boolean result) {
        StringBuilder json = new StringBuilder("{\"merchant_id\":\"" + MERCHANT_ID + "\",\"acquirer\":\"TW_CTBC\","
                + "\"payment_method\":\"direct_pay\",\"rec_trade_id\":\"" + recTradeId + "\"");
        if (bankTransactionId != null) {
            json.append(",\"bank_transaction_id\":\"").append(bankTransactionId).append('"');
        }
        json.append(",\"order_number\":\"").append(orderNumber == null ? "" : orderNumber).append('"')
                .append(",\"millis\":").append(dayMillis + 3_600_000)
                .append(",\"bank_transaction_millis\":").append(dayMillis + 3_600_000)
                .append(",\"transaction_action\":\"").append(action).append('"')
                .append(",\"transaction_result\":").append(result);
        if (tradeAmount != null) {
            json.append(",\"trade_amount\":").append(tradeAmount);
        }
        if (authAmount != null) {
            json.append(",\"auth_amount\":").append(authAmount);
        }
        if (currency != null) {
            json.append(",\"currency\":\"").append(currency).append('"');
        }
        return json.append(",\"partial_card_number\":\"424242****4242\",\"card_type\":1}").toString();
    }

    private void page(int page, int status, String... datas) {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECONCILIATION))
                .withRequestBody(matchingJsonPath("$.page", equalTo(Integer.toString(page))))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":" + status + ",\"msg\":\""
                        + (status == 2 ? "End of list" : "Success") + "\",\"records_per_page\":200,\"page\":" + page
                        + ",\"total_page_count\":2,\"number_of_transactions\":9,\"reconciliation_datas\":["
                        + String.join(",", datas) + "]}")));
    }

    private void record(String recTradeId, String record) {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.rec_trade_id", equalTo(recTradeId)))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":2,\"msg\":\"End of list\","
                        + "\"trade_records\":[" + record + "]}")));
    }

    private List<JsonNode> reconciliationRequests() {
        return gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECONCILIATION))).stream().map(request -> {
            try {
                return CanonicalJson.mapper().readTree(request.getBodyAsString());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    /**
     * Two aliases of one merchant_id: the Reconciliation API lists the merchant_id's trades, both aliases' alike. Each
     * alias's run judges its own trades only (the hub's bank_transaction_id names the alias that paid): the other
     * alias's trade is not "missing in the ledger" of this one (it was repaired into it and delivered to the ERP as a
     * second order), and a trade the hub never made is filed once, under the first alias in alphabetical order.
     */
    @Test
    void anAliasSharingTheMerchantIdJudgesItsOwnTradesOnlyAndATradeOfNoAliasIsFiledOnce() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        ReconciliationRunner brandA = new ReconciliationRunner(runs.http(), jdbc, appender, "TAPPAY", BRAND_A);
        ReconciliationRunner brandB = new ReconciliationRunner(runs.http(), jdbc, appender, "TAPPAY", BRAND_B);
        String ofA = "TSA" + n;
        trades.claim(BRAND_A, ofA);
        brandA.created(ofA, Money.twd(700));
        brandA.reported(ofA, "DSA" + n, PaymentStatus.CAPTURE_REQUESTED, Money.twd(700));
        String ofB = "TSB" + n;
        trades.claim(BRAND_B, ofB);
        brandB.created(ofB, Money.twd(500));
        brandB.reported(ofB, "DSB" + n, PaymentStatus.CAPTURE_REQUESTED, Money.twd(500));
        String ofNoAlias = "ERP-S" + n;
        page(0, 2,
                data("CAPTURE", "DSA" + n, TapPayTrades.bankTransactionId(BRAND_A, ofA), ofA, 700L, 700L, "TWD", true)
                        .replace(MERCHANT_ID, BRANDS_MERCHANT_ID),
                data("CAPTURE", "DSB" + n, TapPayTrades.bankTransactionId(BRAND_B, ofB), ofB, 500L, 500L, "TWD", true)
                        .replace(MERCHANT_ID, BRANDS_MERCHANT_ID),
                data("CAPTURE", "DSX" + n, "TPS" + n, ofNoAlias, 300L, 300L, "TWD", true)
                        .replace(MERCHANT_ID, BRANDS_MERCHANT_ID));

        String runOfB = brandB.done(today, today);
        assertThat(brandB.kinds(runOfB)).containsOnly(Map.entry(ofB, List.of("STATUS_BEHIND")));
        assertThat(brandB.status(ofB)).isEqualTo("CAPTURED");

        String runOfA = brandA.done(today, today);
        assertThat(brandA.kinds(runOfA)).containsOnly(
                Map.entry(ofA, List.of("STATUS_BEHIND")),
                Map.entry(ofNoAlias, List.of("MISSING_IN_LEDGER")));
        for (String orderNo : List.of(ofA, ofB, ofNoAlias)) {
            assertThat(jdbc.queryForList("select merchant from ledger_order where order_no = ?", String.class,
                    orderNo)).as(orderNo).singleElement().isEqualTo(ofB.equals(orderNo) ? BRAND_B : BRAND_A);
        }
    }

    @Test
    void aDayOverTwoPagesGivesExactlyTheExpectedDiscrepanciesAndRepairsAndASecondRunChangesNothing() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        String matched = "TRM" + n;
        String bankMatched = paid(matched, Money.twd(1000), "DM" + n, PaymentStatus.CAPTURED);
        String behind = "TRB" + n;
        String bankBehind = paid(behind, Money.twd(600), "DB" + n, PaymentStatus.CAPTURE_REQUESTED);
        String amountOff = "TRA" + n;
        String bankAmount = paid(amountOff, Money.twd(1000), "DA" + n, PaymentStatus.AUTHORIZED);
        String currencyOff = "TRC" + n;
        String bankCurrency = paid(currencyOff, new Money(new BigDecimal("10.00"), "USD"), "DC" + n,
                PaymentStatus.AUTHORIZED);
        String refunded = "TRR" + n;
        String bankRefunded = paid(refunded, Money.twd(500), "DR" + n, PaymentStatus.CAPTURED);
        String partly = "TRQ" + n;
        String bankPartly = paid(partly, Money.twd(800), "DQ" + n, PaymentStatus.CAPTURED);
        String notAtGateway = "TRG" + n;
        paid(notAtGateway, Money.twd(300), "DG" + n, PaymentStatus.CAPTURED);
        // not listed for the day, asked with Record: a capture still to come, a capture now asked, a void
        String captureToCome = "TRU" + n;
        paid(captureToCome, Money.twd(400), "DU" + n, PaymentStatus.CAPTURE_REQUESTED);
        String captureAsked = "TRL" + n;
        paid(captureAsked, Money.twd(410), "DL" + n, PaymentStatus.AUTHORIZED);
        String voided = "TRV" + n;
        paid(voided, Money.twd(420), "DV" + n, PaymentStatus.AUTHORIZED);
        String neverPaid = "TRN" + n;
        paid(neverPaid, Money.twd(50), null, PaymentStatus.PENDING);
        String unknown = "ERP-X" + n;

        page(0, 0,
                data("CAPTURE", "DM" + n, bankMatched, matched, 1000L, 1000L, "TWD", true),
                // no currency and no auth_amount: Record completes it
                data("CAPTURE", "DB" + n, bankBehind, behind, 600L, null, null, true),
                data("CAPTURE", "DX" + n, "TPX" + n, unknown, 777L, 777L, "TWD", true),
                // the bank refused this capture: no money moved, no record
                data("CAPTURE", "DF" + n, "TPF" + n, "ERP-F" + n, 100L, 100L, "TWD", false));
        page(1, 2,
                data("CAPTURE", "DA" + n, bankAmount, amountOff, 900L, 900L, "TWD", true),
                data("CAPTURE", "DC" + n, bankCurrency, currencyOff, 1000L, 1000L, "TWD", true),
                data("REFUND", "DR" + n, bankRefunded, refunded, 500L, 500L, "TWD", true),
                data("REFUND", "DQ" + n, bankPartly, partly, 200L, 800L, "TWD", true));
        record("DB" + n, "{\"rec_trade_id\":\"DB" + n + "\",\"bank_transaction_id\":\"" + bankBehind + "\","
                + "\"amount\":600,\"original_amount\":600,\"currency\":\"TWD\",\"record_status\":1,"
                + "\"is_captured\":true}");
        record("DQ" + n, "{\"rec_trade_id\":\"DQ" + n + "\",\"amount\":600,\"original_amount\":800,"
                + "\"refunded_amount\":200,\"currency\":\"TWD\",\"record_status\":2,\"is_captured\":true}");

        long capMillis = dayMillis + 80_000_000L;
        record("DU" + n, "{\"rec_trade_id\":\"DU" + n + "\",\"amount\":400,\"original_amount\":400,"
                + "\"currency\":\"TWD\",\"record_status\":0,\"is_captured\":false,\"cap_millis\":" + capMillis
                + ",\"auth_code\":\"123456\"}");
        record("DL" + n, "{\"rec_trade_id\":\"DL" + n + "\",\"amount\":410,\"original_amount\":410,"
                + "\"currency\":\"TWD\",\"record_status\":0,\"is_captured\":false,\"cap_millis\":" + capMillis
                + ",\"auth_code\":\"123457\"}");
        record("DV" + n, "{\"rec_trade_id\":\"DV" + n + "\",\"amount\":420,\"original_amount\":420,"
                + "\"currency\":\"TWD\",\"record_status\":3,\"is_captured\":false,\"auth_code\":\"123458\"}");
        record("DG" + n, "");

        String runId = runs.done(today, today);

        assertThat(runs.kinds(runId)).containsOnly(
                Map.entry(matched, List.of("MATCHED")),
                Map.entry(behind, List.of("STATUS_BEHIND")),
                Map.entry(unknown, List.of("MISSING_IN_LEDGER")),
                Map.entry(amountOff, List.of("AMOUNT_MISMATCH")),
                Map.entry(currencyOff, List.of("CURRENCY_MISMATCH")),
                Map.entry(refunded, List.of("STATUS_BEHIND")),
                Map.entry(partly, List.of("STATUS_BEHIND")),
                Map.entry(captureToCome, List.of("MATCHED")),
                Map.entry(captureAsked, List.of("STATUS_BEHIND")),
                Map.entry(voided, List.of("STATUS_BEHIND")),
                Map.entry(notAtGateway, List.of("MISSING_AT_GATEWAY")));
        assertThat(runs.status(behind)).isEqualTo("CAPTURED");
        assertThat(runs.status(captureAsked)).isEqualTo("CAPTURE_REQUESTED");
        assertThat(runs.status(voided)).isEqualTo("VOIDED");
        assertThat(runs.status(refunded)).isEqualTo("REFUNDED");
        assertThat(runs.status(partly)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(runs.status(unknown)).isEqualTo("CAPTURED");
        assertThat(runs.reconciliationEvents(unknown)).singleElement().asString().contains("UNKNOWN_ORDER");
        assertThat(runs.status(amountOff)).isEqualTo("AUTHORIZED");
        assertThat(runs.status(currencyOff)).isEqualTo("AUTHORIZED");
        assertThat(runs.status(neverPaid)).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select gateway_amount from reconciliation_item where run_id = ? and "
                + "order_no = ?", BigDecimal.class, runId, currencyOff)).isEqualByComparingTo("1000");

        List<JsonNode> sent = reconciliationRequests();
        assertThat(sent).hasSize(2);
        assertThat(sent).extracting(request -> request.path("page").asInt()).containsExactly(0, 1);
        JsonNode first = sent.get(0);
        assertThat(first.path("records_per_page").asInt()).isEqualTo(200);
        assertThat(first.path("start_time_millis").asLong()).isEqualTo(dayMillis);
        assertThat(first.path("end_time_millis").asLong()).isEqualTo(dayMillis + 86_400_000L - 1);
        assertThat(first.path("transaction_actions").toString()).isEqualTo("[\"CAPTURE\",\"REFUND\"]");
        assertThat(first.path("merchant_ids").toString()).isEqualTo("[\"" + MERCHANT_ID + "\"]");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECONCILIATION))).get(0)
                .getHeader("x-api-key")).isEqualTo(first.path("partner_key").asText());

        List<Integer> trail = runs.paymentTrail();
        String second = runs.done(today, today);
        assertThat(runs.paymentTrail()).isEqualTo(trail);
        assertThat(runs.kinds(second)).containsOnly(
                Map.entry(matched, List.of("MATCHED")),
                Map.entry(behind, List.of("MATCHED")),
                Map.entry(unknown, List.of("MATCHED")),
                Map.entry(amountOff, List.of("AMOUNT_MISMATCH")),
                Map.entry(currencyOff, List.of("CURRENCY_MISMATCH")),
                Map.entry(refunded, List.of("MATCHED")),
                Map.entry(partly, List.of("MATCHED")),
                Map.entry(captureToCome, List.of("MATCHED")),
                Map.entry(captureAsked, List.of("MATCHED")),
                Map.entry(voided, List.of("MATCHED")),
                Map.entry(notAtGateway, List.of("MISSING_AT_GATEWAY")));
    }

    @Test
    void anOrderTheApiDidNotListIsJudgedByItsCurrentStateSoALedgerAheadOfItIsAConflict() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        LocalDate day = today.minusDays(300);
        // the capture the hub asked for was cancelled in the portal (Cap Cancel): authorised, no capture scheduled
        String captureCancelled = "TRK" + n;
        paid(captureCancelled, Money.twd(400), "DK" + n, PaymentStatus.CAPTURE_REQUESTED);
        // the refund the hub asked for was cancelled in the portal (Refund Cancel): captured, nothing refunded
        String refundCancelled = "TRJ" + n;
        paid(refundCancelled, Money.twd(500), "DJ" + n, PaymentStatus.REFUND_REQUESTED);
        // created on the window's day, so part 2 asks Record about them and no other test's window has them
        jdbc.update("update ledger_order set created_at = ? where order_no in (?, ?)",
                day.atTime(12, 0).atZone(SettlementWindow.BUSINESS_ZONE).toOffsetDateTime(), captureCancelled,
                refundCancelled);
        page(0, 2);
        record("DK" + n, "{\"rec_trade_id\":\"DK" + n + "\",\"amount\":400,\"original_amount\":400,"
                + "\"currency\":\"TWD\",\"record_status\":0,\"is_captured\":false,\"auth_code\":\"123459\"}");
        record("DJ" + n, "{\"rec_trade_id\":\"DJ" + n + "\",\"amount\":500,\"original_amount\":500,"
                + "\"refunded_amount\":0,\"currency\":\"TWD\",\"record_status\":1,\"is_captured\":true,"
                + "\"auth_code\":\"123460\"}");

        String runId = runs.done(day, day);

        assertThat(runs.kinds(runId)).containsOnly(
                Map.entry(captureCancelled, List.of("STATUS_CONFLICT")),
                Map.entry(refundCancelled, List.of("STATUS_CONFLICT")));
        assertThat(runs.status(captureCancelled)).isEqualTo("CAPTURE_REQUESTED");
        assertThat(runs.status(refundCancelled)).isEqualTo("REFUND_REQUESTED");
    }

    @Test
    void aPageLostOrRefusedFailsTheRunAndConcludesNothing() {
        String n = Long.toString(System.nanoTime() % 1_000_000);
        LocalDate day = today.minusDays(3);
        page(0, 0, data("CAPTURE", "DL" + n, "TPL" + n, "ERP-L" + n, 100L, 100L, "TWD", true));
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECONCILIATION))
                .withRequestBody(matchingJsonPath("$.page", equalTo("1")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonNode lost = runs.run(day, day);

        assertThat(lost.path("state").asText()).isEqualTo("FAILED");
        assertThat(lost.path("lastError").asText()).contains("outcome is unknown");
        assertThat(jdbc.queryForObject("select count(*) from ledger_order where order_no = ?", Integer.class,
                "ERP-L" + n)).isZero();

        gateway.resetAll();
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECONCILIATION)).willReturn(aResponse().withStatus(200)
                .withBody("{\"status\":4,\"msg\":\"Forbidden: IP not allowed\"}")));
        JsonNode refused = runs.run(day.minusDays(1), day.minusDays(1));
        assertThat(refused.path("state").asText()).isEqualTo("FAILED");
        assertThat(refused.path("lastError").asText()).contains("4 Forbidden");

        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECONCILIATION)).willReturn(aResponse().withStatus(503)));
        assertThat(runs.run(day.minusDays(2), day.minusDays(2)).path("state").asText()).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("select count(*) from reconciliation_item i join reconciliation_run r "
                + "on r.id = i.run_id where r.window_from <= ? and r.provider = 'TAPPAY'", Integer.class, day))
                .isZero();
    }
}
