package tw.twpay.hub.sandbox.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.provider.newebpay.NewebPayFormEncoding;
import tw.twpay.hub.provider.newebpay.NewebPayMerchant;
import tw.twpay.hub.provider.newebpay.NewebPayMerchants;
import tw.twpay.hub.support.ChildHub;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * E-wallets, UnionPay, installments and redemption through the hub's real routes against the simulator: what the
 * NDNF-1.1.9 manual says the gateway does (QueryTradeInfo CloseStatus/BackStatus 0-4 for wallets, no BackBalance for
 * LINE Pay, NPA-B06 refunds with Status 1000, whole-amount rules, TRA20001) and what the hub makes of it.
 */
@HubTest
class NewebPayWalletSandboxTest {

    private static final Duration HUB_WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger ORDERS = new AtomicInteger();
    private static final int PORT = ChildHub.freePort();

    @DynamicPropertySource
    static void hubOnAKnownPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("twpay.public-base-url", () -> "http://localhost:" + PORT);
    }


    @LocalServerPort
    int port;
    @Autowired
    NewebPayMerchants merchants;

    HubHttp http;
    SandboxErp erp;
    NewebPayMerchant shop;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        erp = new SandboxErp(http, port);
        shop = merchants.require("shop");
    }

    @Test
    void linePayPartialRefundIsNotRefundedUntilTheGatewaySaysTradeStatus6() throws Exception {
        String orderNo = paid("LINEPAY", 855, Map.of());
        assertThat(erp.order("shop", orderNo).path("order").path("method").asText()).isEqualTo("LINEPAY");

        JsonNode refunding = erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"300\"}}");
        assertThat(refunding.path("order").path("status").asText()).isEqualTo("REFUND_REQUESTED");
        // the bank's batch: capture and refund waiting (1), then done (3) with no BackBalance for LINE Pay
        JsonNode afterBatch = settled(orderNo);
        assertThat(afterBatch.path("order").path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");

        erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"555\"}}");
        settled(orderNo);
        assertThat(erp.status("shop", orderNo)).isEqualTo("REFUNDED");
        // nothing is left: the hub refuses before asking the gateway
        assertThat(erp.tryOperate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"1\"}}").statusCode())
                .isEqualTo(409);
    }

    @Test
    void taiwanPayIsRefundedOnlyForTheWholeAmount() throws Exception {
        String orderNo = paid("TAIWANPAY", 500, Map.of());

        HttpResponse<String> partial = erp.tryOperate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"200\"}}");
        assertThat(partial.statusCode()).isEqualTo(400);
        assertThat(partial.body()).contains("TAIWANPAY").contains("whole amount");
        assertThat(erp.status("shop", orderNo)).isEqualTo("CAPTURED");

        erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"500\"}}");
        settled(orderNo);
        assertThat(erp.status("shop", orderNo)).isEqualTo("REFUNDED");
    }

    @Test
    void aWalletRefundTheBankFailsPutsTheOrderBackAndItsAmountIsRefundableAgain() throws Exception {
        String orderNo = paid("ESUNWALLET", 600, Map.of());
        settled(orderNo);

        erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"200\"}}");
        failNextBatch(orderNo);
        JsonNode failed = settled(orderNo);
        // BackStatus 4: the refund failed, the order is captured as before, the 200 is refundable again
        assertThat(failed.path("order").path("status").asText()).isEqualTo("CAPTURED");

        erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"250\"}}");
        JsonNode partly = settled(orderNo);
        // 玉山 Wallet reports BackBalance 350: a partial refund
        assertThat(partly.path("order").path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"350\"}}");
        settled(orderNo);
        assertThat(erp.status("shop", orderNo)).isEqualTo("REFUNDED");
    }

    @Test
    void aWalletRefundTheBankFailsAfterADoneRefundLeavesTheOrderPartlyRefunded() throws Exception {
        String orderNo = paid("ESUNWALLET", 1000, Map.of());
        settled(orderNo);
        erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"300\"}}");
        assertThat(settled(orderNo).path("order").path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");

        erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"200\"}}");
        failNextBatch(orderNo);
        JsonNode failed = settled(orderNo);
        // BackStatus 4 with BackBalance 700: the second refund failed, the first one stands
        assertThat(failed.path("order").path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(appliedFacts(failed)).containsExactly("COMMAND PENDING 1000", "CALLBACK CAPTURED 1000",
                "COMMAND REFUND_REQUESTED 300", "QUERY PARTIALLY_REFUNDED 300", "COMMAND REFUND_REQUESTED 200",
                "QUERY PARTIALLY_REFUNDED 300");

        // what the failed refund asked for can be refunded again: the rest is 700
        JsonNode rest = erp.operate("shop", orderNo, "refund", "");
        assertThat(appliedFacts(rest)).last().isEqualTo("COMMAND REFUND_REQUESTED 700");
        assertThat(settled(orderNo).path("order").path("status").asText()).isEqualTo("REFUNDED");
    }

    @Test
    void aWalletCaptureTheBankFailsIsNotCaptured() throws Exception {
        String orderNo = paid("LINEPAY", 400, Map.of());
        assertThat(erp.status("shop", orderNo)).isEqualTo("CAPTURED");

        failNextBatch(orderNo);
        JsonNode failed = settled(orderNo);
        // CloseStatus 4 (請款失敗): the money was not collected
        assertThat(failed.path("order").path("status").asText()).isEqualTo("AUTHORIZED");
    }

    @Test
    void ezPayAndTwqrWalletsAreRefundedThroughTheWalletApi() throws Exception {
        for (String wallet : new String[] {"EZPALIPAY", "EZPWECHAT", "TWQR"}) {
            String orderNo = paid(wallet, 300, Map.of());
            erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"100\"}}");
            settled(orderNo);
            assertThat(erp.status("shop", orderNo)).as(wallet).isEqualTo("PARTIALLY_REFUNDED");
        }
    }

    @Test
    void unionPayIsCapturedWholeAndMayBeRefundedInPart() throws Exception {
        String orderNo = paidByCard("\"methods\":[\"CREDIT\",\"UNIONPAY\"]", 855, "UNIONPAY", Map.of());
        assertThat(erp.order("shop", orderNo).path("order").path("method").asText()).isEqualTo("UNIONPAY");

        HttpResponse<String> partial = erp.tryOperate("shop", orderNo, "capture", "{\"amount\":{\"value\":\"500\"}}");
        assertThat(partial.statusCode()).isEqualTo(400);
        assertThat(partial.body()).contains("UNIONPAY").contains("855");

        erp.operate("shop", orderNo, "capture", "{\"amount\":{\"value\":\"855\"}}");
        settled(orderNo);
        assertThat(erp.status("shop", orderNo)).isEqualTo("CAPTURED");
        erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"100\"}}");
        settled(orderNo);
        assertThat(erp.status("shop", orderNo)).isEqualTo("PARTIALLY_REFUNDED");
    }

    @Test
    void installmentsAreOfferedAsTheManualAllowsAndCapturedAndRefundedWhole() throws Exception {
        String orderNo = paidByCard("\"methods\":[\"CREDIT\"],\"installments\":[6,3]", 900, "INST6", Map.of());
        assertThat(erp.order("shop", orderNo).path("order").path("method").asText()).isEqualTo("CREDIT_INSTALLMENT");

        assertThat(erp.tryOperate("shop", orderNo, "capture", "{\"amount\":{\"value\":\"300\"}}").statusCode())
                .isEqualTo(400);
        erp.operate("shop", orderNo, "capture", "{}");
        settled(orderNo);
        HttpResponse<String> partial = erp.tryOperate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"100\"}}");
        assertThat(partial.statusCode()).isEqualTo(400);
        assertThat(partial.body()).contains("CREDIT_INSTALLMENT");
        erp.operate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"900\"}}");
        settled(orderNo);
        assertThat(erp.status("shop", orderNo)).isEqualTo("REFUNDED");
    }

    @Test
    void redemptionIsCapturedAndRefundedWholeEvenAfterAQueryThatDoesNotRepeatRedAmt() throws Exception {
        String orderNo = paidByCard("\"methods\":[\"CREDIT\"],\"redeem\":true", 1000, "REDEEM", Map.of());
        assertThat(erp.order("shop", orderNo).path("order").path("method").asText()).isEqualTo("CREDIT_REDEEM");
        settled(orderNo);

        assertThat(erp.tryOperate("shop", orderNo, "capture", "{\"amount\":{\"value\":\"940\"}}").statusCode())
                .isEqualTo(400);
        erp.operate("shop", orderNo, "capture", "{\"amount\":{\"value\":\"1000\"}}");
        settled(orderNo);
        assertThat(erp.tryOperate("shop", orderNo, "refund", "{\"amount\":{\"value\":\"500\"}}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void cardOptionsAreCheckedBeforeTheFormIsSigned() throws Exception {
        for (String options : new String[] {"\"installments\":[5]", "\"installments\":[]", "\"installments\":\"3\"",
                "\"installments\":[3,\"x\"]", "\"redeem\":\"yes\""}) {
            HttpResponse<String> refused = http.post("/api/v1/payments", "application/json",
                    paymentJson(newOrderNo("OPT"), 100, "\"methods\":[\"CREDIT\"]," + options));
            assertThat(refused.statusCode()).as(options).isEqualTo(400);
        }
        JsonNode all = erp.createPayment(paymentJson(newOrderNo("OPT"), 100,
                "\"methods\":[\"CREDIT\"],\"installments\":\"all\",\"redeem\":true"));
        Map<String, String> signed = NewebPayFormEncoding.decode(shop.codec()
                .decryptText(all.path("fields").path("TradeInfo").asText()));
        assertThat(signed).containsEntry("InstFlag", "1").containsEntry("CreditRed", "1");
        JsonNode some = erp.createPayment(paymentJson(newOrderNo("OPT"), 100,
                "\"methods\":[\"CREDIT\"],\"installments\":[30,3,8]"));
        assertThat(NewebPayFormEncoding.decode(shop.codec()
                .decryptText(some.path("fields").path("TradeInfo").asText()))).containsEntry("InstFlag", "3,8,30");
    }

    @Test
    void aCancelTheBankDoesInItsBatchIsAnsweredTra20001AndTheOrderIsVoided() throws Exception {
        String orderNo = paidByCard("\"methods\":[\"CREDIT\"]", 700, "CREDIT",
                Map.of(SandboxCard.FIELD, SandboxCard.BANK_BATCH_CANCEL_NUMBER));

        JsonNode cancelled = erp.operate("shop", orderNo, "cancel", "");
        assertThat(cancelled.path("order").path("status").asText()).isEqualTo("VOIDED");
        boolean tra20001 = false;
        for (JsonNode entry : cancelled.path("journal")) {
            tra20001 |= "TRA20001".equals(entry.path("event").path("data").path("providerStatus").asText());
        }
        assertThat(tra20001).as("the journal keeps the gateway's TRA20001").isTrue();
        settled(orderNo);
        assertThat(erp.status("shop", orderNo)).isEqualTo("VOIDED");
    }

    // ---------------------------------------------------------------- steps

    /** An order paid with an e-wallet the form enabled alone; the hub has the notify. */
    private String paid(String wallet, int amount, Map<String, String> sandboxFields) throws Exception {
        String orderNo = newOrderNo(wallet.substring(0, 3));
        JsonNode form = erp.createPayment(paymentJson(orderNo, amount, "\"methods\":[\"" + wallet + "\"]"));
        assertThat(erp.postAsBrowser(form, sandboxFields).statusCode()).isEqualTo(200);
        await().atMost(HUB_WAIT).until(() -> "CAPTURED".equals(erp.status("shop", orderNo)));
        return orderNo;
    }

    /** An order the customer paid by card as {@code payWith} says (SandboxPayWith); the hub has it AUTHORIZED. */
    private String paidByCard(String options, int amount, String payWith, Map<String, String> sandboxFields)
            throws Exception {
        String orderNo = newOrderNo("CRD");
        JsonNode form = erp.createPayment(paymentJson(orderNo, amount, options));
        Map<String, String> fields = new java.util.LinkedHashMap<>(sandboxFields);
        fields.put(SandboxPaymentChoice.FIELD, payWith);
        assertThat(erp.postAsBrowser(form, fields).statusCode()).isEqualTo(200);
        await().atMost(HUB_WAIT).until(() -> "AUTHORIZED".equals(erp.status("shop", orderNo)));
        return orderNo;
    }

    /**
     * The bank's batch as the simulator compresses it: the first query reports what waits (status 1) and lets the
     * batch run, the second reports the outcome.
     */
    private JsonNode settled(String orderNo) throws Exception {
        erp.operate("shop", orderNo, "query", "");
        return erp.operate("shop", orderNo, "query", "");
    }

    /** Source, status and amount of each fact the hub applied to the order (and delivered), oldest first. */
    private static List<String> appliedFacts(JsonNode history) {
        List<String> facts = new ArrayList<>();
        for (JsonNode entry : history.path("journal")) {
            if ("APPLIED".equals(entry.path("outcome").asText())) {
                JsonNode data = entry.path("event").path("data");
                facts.add(entry.path("source").asText() + " " + data.path("status").asText() + " "
                        + new BigDecimal(data.path("amount").path("value").asText()).stripTrailingZeros()
                        .toPlainString());
            }
        }
        return facts;
    }

    private void failNextBatch(String orderNo) {
        HttpResponse<String> response = http.postForm("/sandbox/newebpay/control/fail-next-batch",
                Map.of("merchantId", shop.merchantId(), "orderNo", orderNo));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String paymentJson(String orderNo, int amount, String options) {
        return """
                {"provider":"newebpay","merchant":"shop","orderNo":"%s","amount":{"value":"%d","currency":"TWD"},
                 "description":"sandbox item","email":"buyer@example.com",%s}""".formatted(orderNo, amount, options);
    }

    private static String newOrderNo(String prefix) {
        return prefix + "_" + System.currentTimeMillis() % 1_000_000_000 + "_" + ORDERS.incrementAndGet();
    }
}
