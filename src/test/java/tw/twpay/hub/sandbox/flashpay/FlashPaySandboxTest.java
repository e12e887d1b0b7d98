package tw.twpay.hub.sandbox.flashpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.flashpay.FlashPayRangeQueries;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.support.ErpInbox;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * The hub and the FlashPay simulator end to end over real HTTP, as the README's walk-through runs them: the ERP asks
 * the hub for a payment, the customer's browser posts the form to trade.php, the simulator's notify comes back to the
 * hub (confirmed by a 107 query to the simulator) and reaches the ERP; what is done in the back office is learned by
 * query.
 */
@HubTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class FlashPaySandboxTest {

    private static final AtomicInteger ORDERS = new AtomicInteger();
    private static int port;

    @DynamicPropertySource
    static void knownPort(DynamicPropertyRegistry registry) {
        port = FlashPayHubPort.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SandboxErpInbox inbox;
    @Autowired
    FlashPayRangeQueries rangeQueries;
    @Autowired
    ProducerTemplate camel;

    HubHttp http;
    LedgerRows rows;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
    }

    private static String newOrderNo(String prefix) {
        return prefix + System.currentTimeMillis() % 100_000_000 + ORDERS.incrementAndGet();
    }

    private JsonNode createPayment(String orderNo, int amount) throws Exception {
        HttpResponse<String> response = http.post("/api/v1/payments", "application/json", """
                {"provider":"flashpay","merchant":"shop-flashpay","orderNo":"%s","amount":{"value":"%d","currency":"TWD"},
                 "description":"Walk-through order"}""".formatted(orderNo, amount));
        assertThat(response.statusCode()).isEqualTo(200);
        return CanonicalJson.mapper().readTree(response.body());
    }

    /** What the customer's browser does with the form: post its fields to its URL (plus the sandbox's card). */
    private HttpResponse<String> payAtFlashPay(JsonNode form, String cardNo) {
        Map<String, String> fields = new LinkedHashMap<>();
        form.path("fields").fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        if (cardNo != null) {
            fields.put("card_no", cardNo);
        }
        String url = form.path("url").asText();
        assertThat(url).isEqualTo("http://localhost:" + port + "/sandbox/flashpay/trade.php");
        return http.postForm(url.substring(url.indexOf("/sandbox")), fields);
    }

    private static String onPage(HttpResponse<String> page, String id) {
        Matcher matcher = Pattern.compile("id='" + id + "'[^>]*>([^<]*)<").matcher(page.body());
        assertThat(matcher.find()).as(id + " on the page").isTrue();
        return matcher.group(1);
    }

    private String query(String orderNo) throws Exception {
        HttpResponse<String> response = http.post("/api/v1/payments/flashpay/shop-flashpay/" + orderNo + "/query",
                "application/json", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CanonicalJson.mapper().readTree(response.body()).path("order").path("status").asText();
    }

    private HttpResponse<String> backOffice(String action, String orderNo, String amount) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mid", "HT00000002");
        form.put("ord_no", orderNo);
        if (amount != null) {
            form.put("amt", amount);
        }
        return http.postForm("/sandbox/flashpay/control/" + action, form);
    }

    private List<String> statusesDelivered(String orderNo) {
        return ErpInbox.eventsAbout(inbox, orderNo).stream().map(e -> e.path("data").path("status").asText()).toList();
    }

    @Test
    void walkThroughPaidNotifiedThenCapturedAndRefundedInTheBackOfficeLearnedByQuery(
            org.springframework.boot.test.system.CapturedOutput log) throws Exception {
        String orderNo = newOrderNo("FPW");
        JsonNode form = createPayment(orderNo, 855);
        HttpResponse<String> page = payAtFlashPay(form, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(onPage(page, "order_status")).isEqualTo("02");
        assertThat(onPage(page, "notify")).as("the hub answered 1|OK").isEqualTo("1|OK");
        assertThat(page.body()).contains("href='http://localhost:" + port + "/callbacks/flashpay/shop-flashpay/return'");
        assertThat(rows.orderStatus(orderNo)).as("stored before 1|OK").isEqualTo("AUTHORIZED");
        assertThat(http.get("/callbacks/flashpay/shop-flashpay/return").body()).contains("being confirmed");

        assertThat(backOffice("capture", orderNo, null).statusCode()).isEqualTo(200);
        assertThat(query(orderNo)).isEqualTo("CAPTURED");
        assertThat(backOffice("refund", orderNo, "300").statusCode()).isEqualTo(200);
        assertThat(query(orderNo)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(backOffice("refund", orderNo, null).statusCode()).isEqualTo(200);
        assertThat(query(orderNo)).isEqualTo("REFUNDED");

        await().atMost(Duration.ofSeconds(10)).until(() -> statusesDelivered(orderNo).size() == 5);
        assertThat(statusesDelivered(orderNo))
                .containsExactly("PENDING", "AUTHORIZED", "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED");
        JsonNode authorised = ErpInbox.eventsAbout(inbox, orderNo).get(1).path("data");
        assertThat(authorised.path("amount").path("value").asText()).isEqualTo("855.00");
        assertThat(authorised.path("providerTradeId").asText()).matches("FP\\d{16}");
        assertThat(authorised.path("authCode").asText()).matches("\\d{6}");
        assertThat(authorised.path("source").asText()).isEqualTo("CALLBACK");
        // the keys and the encrypted payloads never reach the log
        assertThat(log.getAll()).contains(orderNo).doesNotContain("U9kmXqjovFsBb1BEuEyPiO03uHGIE1Jr")
                .doesNotContain("V4msmb1cSCBUSLWr").doesNotContain(form.path("fields").path("dat").asText().substring(0, 32));
    }

    @Test
    void theDecliningCardIsAFailureConfirmedByQuery() throws Exception {
        String orderNo = newOrderNo("FPD");
        HttpResponse<String> page = payAtFlashPay(createPayment(orderNo, 300), "4000 0000 0000 0002");

        assertThat(onPage(page, "order_status")).isEqualTo("ZF");
        assertThat(onPage(page, "notify")).isEqualTo("1|OK");
        assertThat(rows.orderStatus(orderNo)).isEqualTo("FAILED");
    }

    @Test
    void cancelBeforeCaptureThroughTheHubIsVoidedAtTheSimulatorToo() throws Exception {
        String orderNo = newOrderNo("FPC");
        payAtFlashPay(createPayment(orderNo, 500), null);
        assertThat(rows.orderStatus(orderNo)).isEqualTo("AUTHORIZED");

        HttpResponse<String> capture = http.post("/api/v1/payments/flashpay/shop-flashpay/" + orderNo + "/capture",
                "application/json", "");
        assertThat(capture.statusCode()).isEqualTo(422);
        assertThat(capture.body()).contains("not offered by FlashPay; done in the FlashPay back office");

        HttpResponse<String> cancel = http.post("/api/v1/payments/flashpay/shop-flashpay/" + orderNo + "/cancel",
                "application/json", "");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(rows.orderStatus(orderNo)).isEqualTo("VOIDED");
        assertThat(query(orderNo)).isEqualTo("VOIDED");
        assertThat(backOffice("capture", orderNo, null).statusCode()).as("a cancelled order cannot be captured").isEqualTo(409);
    }

    @Test
    void theSimulatorRefusesATamperedFormAndNotifiesNothing() throws Exception {
        String orderNo = newOrderNo("FPT");
        JsonNode form = createPayment(orderNo, 100);
        Map<String, String> fields = new LinkedHashMap<>();
        form.path("fields").fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        String dat = fields.get("dat");
        fields.put("dat", dat.substring(0, dat.length() - 1) + (dat.endsWith("0") ? "1" : "0"));

        HttpResponse<String> page = http.postForm("/sandbox/flashpay/trade.php", fields);

        assertThat(onPage(page, "ret_code")).isEqualTo("E12");
        assertThat(onPage(page, "ret_msg")).contains("chk mismatch");
        assertThat(rows.orderStatus(orderNo)).isEqualTo("PENDING");
        HttpResponse<String> unknown = http.post("/api/v1/payments/flashpay/shop-flashpay/" + orderNo + "/query",
                "application/json", "");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("no such order");
    }

    @Test
    void theRangeQueryListsTodaysOrdersOfTheMerchant() throws Exception {
        String orderNo = newOrderNo("FPR");
        payAtFlashPay(createPayment(orderNo, 700), null);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Taipei"));

        GatewayCall call = camel.requestBody("direct:gateway-call",
                rangeQueries.request("shop-flashpay", today.minusDays(1), today), GatewayCall.class);
        FlashPayRangeQueries.RangeAnswer answer = rangeQueries.answer(call);

        assertThat(answer.orders()).anySatisfy(order -> {
            assertThat(order.field("ord_no")).isEqualTo(orderNo);
            assertThat(order.field("order_status")).isEqualTo("02");
            assertThat(order.field("tx_amt")).isEqualTo("700.00");
        });
    }
}
