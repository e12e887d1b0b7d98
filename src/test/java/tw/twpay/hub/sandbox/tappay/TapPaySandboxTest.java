package tw.twpay.hub.sandbox.tappay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.provider.tappay.TapPayJson;
import tw.twpay.hub.provider.tappay.TapPayMerchant;
import tw.twpay.hub.provider.tappay.TapPayMerchants;
import tw.twpay.hub.provider.tappay.TapPayPaths;
import tw.twpay.hub.provider.tappay.TapPayRequests;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.support.ErpInbox;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * The hub against its own TapPay simulator, end to end over real HTTP: the embedded sandbox merchant pays, captures,
 * refunds and withdraws; 3-D Secure completes on the simulated bank page and the backend notify travels the hub's
 * callback route, confirmed by Record on the simulator.
 */
@HubTest
class TapPaySandboxTest {

    static final int PORT = freePort();
    static final String MERCHANT = "shop-tappay";
    static final AtomicInteger ORDERS = new AtomicInteger();
    static final Duration WAIT = Duration.ofSeconds(15);

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void hubOnAKnownPort(DynamicPropertyRegistry registry) {
        // the simulator posts its backend notify to the hub's public URL: the hub must be on a port known up front
        registry.add("server.port", () -> PORT);
        registry.add("twpay.public-base-url", () -> "http://localhost:" + PORT);
        registry.add("twpay.sandbox.tappay.capture-batch-delay", () -> "PT1S");
        registry.add("twpay.providers.tappay.missed-notify-after", () -> "PT1H");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SandboxErpInbox inbox;
    @Autowired
    TapPayMerchants merchants;
    @Autowired
    tw.twpay.hub.provider.tappay.TapPayCardVault vault;

    HubHttp http;
    LedgerRows rows;

    @BeforeEach
    void setUp() {
        http = new HubHttp(PORT);
        rows = new LedgerRows(jdbc);
    }

    static String orderNo(String kind) {
        return "SBX_" + kind + "_" + ORDERS.incrementAndGet() + "_" + System.nanoTime() % 100000;
    }

    HttpResponse<String> pay(String orderNo, long amount, String extra) {
        return http.post("/api/v1/payments", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"%d","currency":"TWD"},
                 "description":"Sandbox plan","prime":"test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9",
                 "cardholder":{"phone":"+886923456789","name":"Jane Doe","email":"jane@example.com"}%s}"""
                .formatted(MERCHANT, orderNo, amount, extra));
    }

    HttpResponse<String> operate(String orderNo, String operation, String body) {
        return http.post("/api/v1/payments/tappay/" + MERCHANT + "/" + orderNo + "/" + operation,
                "application/json", body);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return CanonicalJson.mapper().readTree(response.body());
    }

    static String status(HttpResponse<String> response) throws IOException {
        return json(response).path("order").path("status").asText();
    }

    @Test
    void payCaptureRefundAndWithdrawTheRefund() throws Exception {
        String orderNo = orderNo("FULL");
        assertThat(status(pay(orderNo, 1200, ",\"capture\":\"manual\""))).isEqualTo("AUTHORIZED");
        assertThat(status(operate(orderNo, "capture", ""))).isEqualTo("CAPTURE_REQUESTED");
        // the simulated bank batch runs a second later: Record then says captured
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> "CAPTURED".equals(status(operate(orderNo, "query", ""))));
        assertThat(status(operate(orderNo, "refund", "{\"amount\":{\"value\":\"200\"}}")))
                .isEqualTo("REFUND_REQUESTED");
        assertThat(status(operate(orderNo, "query", ""))).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(status(operate(orderNo, "refund", "{\"amount\":{\"value\":\"300\"}}")))
                .isEqualTo("REFUND_REQUESTED");
        assertThat(status(operate(orderNo, "cancel-refund", ""))).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(status(operate(orderNo, "query", ""))).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(status(operate(orderNo, "refund", "{\"amount\":{\"value\":\"1001\"}}"))).isEmpty();
        assertThat(status(operate(orderNo, "refund", "{\"amount\":{\"value\":\"1000\"}}")))
                .isEqualTo("REFUND_REQUESTED");
        assertThat(status(operate(orderNo, "query", ""))).isEqualTo("REFUNDED");
        await().atMost(WAIT).until(() -> ErpInbox.eventsAbout(inbox, orderNo).size() >= 9);
    }

    @Test
    void captureWithdrawnBeforeTheBankBatchAndAVoid() throws Exception {
        String orderNo = orderNo("VOID");
        assertThat(status(pay(orderNo, 800, ",\"capture\":\"manual\""))).isEqualTo("AUTHORIZED");
        assertThat(status(operate(orderNo, "capture", ""))).isEqualTo("CAPTURE_REQUESTED");
        assertThat(status(operate(orderNo, "cancel-capture", ""))).isEqualTo("AUTHORIZED");
        assertThat(operate(orderNo, "refund", "{\"amount\":{\"value\":\"100\"}}").statusCode()).isEqualTo(400);
        assertThat(status(operate(orderNo, "cancel", ""))).isEqualTo("VOIDED");
        assertThat(status(operate(orderNo, "query", ""))).isEqualTo("VOIDED");
    }

    @Test
    void threeDSecureCompletesOnTheBankPageAndTheNotifyIsConfirmedByRecord() throws Exception {
        String orderNo = orderNo("3DS");
        JsonNode redirect = json(pay(orderNo, 990, ",\"threeDS\":true,\"returnUrl\":\"https://shop.example.com/done\""));
        assertThat(redirect.path("action").asText()).isEqualTo("REDIRECT");
        String paymentUrl = redirect.path("url").asText();
        assertThat(paymentUrl).startsWith("http://localhost:" + PORT + "/sandbox/tappay/payment-page/");
        assertThat(rows.orderStatus(orderNo)).isEqualTo("PENDING");

        String path = paymentUrl.substring(("http://localhost:" + PORT).length());
        assertThat(http.get(path).body()).contains("990 TWD");
        HttpResponse<String> done = http.post(path + "/complete", "application/x-www-form-urlencoded", "");
        assertThat(done.body()).contains("https://shop.example.com/done?rec_trade_id=");

        await().atMost(WAIT).until(() -> "CAPTURE_REQUESTED".equals(rows.orderStatus(orderNo)));
        assertThat(jdbc.queryForList("select source from ledger_journal where subject = ? order by id",
                String.class, orderNo)).containsExactly("COMMAND", "COMMAND", "CALLBACK");
        await().atMost(WAIT).until(() -> ErpInbox.eventsAbout(inbox, orderNo).stream()
                .anyMatch(event -> "CAPTURE_REQUESTED".equals(event.path("data").path("status").asText())));
    }

    /** The simulated bank page writes the shop's address into HTML as text: it cannot add markup to the page. */
    @Test
    void theBankPageEscapesTheShopsAddress() throws Exception {
        String orderNo = orderNo("3DSX");
        // a quote is valid in a URL (the hub lets it through) and would end the page's href='...' attribute
        JsonNode redirect = json(pay(orderNo, 990,
                ",\"threeDS\":true,\"returnUrl\":\"https://shop.example.com/done?q='onmouseover='alert(1)\""));
        String path = redirect.path("url").asText().substring(("http://localhost:" + PORT).length());
        String page = http.post(path + "/complete", "application/x-www-form-urlencoded", "").body();
        assertThat(page).doesNotContain("q='onmouseover")
                .contains("https://shop.example.com/done?q=&#39;onmouseover=&#39;alert(1)&amp;rec_trade_id=");
    }

    /**
     * vectors/tappay.json {@code tappay-docs-test-prime}: each test prime TapPay publishes pays through the hub on the
     * simulator: Direct Pay, Apple Pay and Google Pay at once, LINE Pay by its payment page (a REDIRECT).
     */
    @Test
    void everyPublishedTestPrimePays() throws Exception {
        JsonNode primes;
        try (var in = getClass().getResourceAsStream("/vectors/tappay.json")) {
            JsonNode vectors = CanonicalJson.mapper().readTree(in).path("vectors");
            primes = java.util.stream.StreamSupport.stream(vectors.spliterator(), false)
                    .filter(vector -> "tappay-docs-test-prime".equals(vector.path("id").asText()))
                    .findFirst().orElseThrow().path("expected");
        }
        assertThat(primes.size()).isEqualTo(4);
        for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) primes::fields) {
            String orderNo = orderNo("PRIME");
            boolean linePay = entry.getKey().startsWith("line_pay");
            HttpResponse<String> paid = http.post("/api/v1/payments", "application/json", """
                    {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"450","currency":"TWD"},
                     "description":"Sandbox plan","prime":"%s",%s
                     "cardholder":{"phone":"+886923456789","name":"Jane Doe","email":"jane@example.com"}}"""
                    .formatted(MERCHANT, orderNo, entry.getValue().asText(),
                            linePay ? "\"returnUrl\":\"https://shop.example.com/done\"," : ""));
            assertThat(paid.statusCode()).as(entry.getKey()).isEqualTo(200);
            if (linePay) {
                assertThat(json(paid).path("action").asText()).as(entry.getKey()).isEqualTo("REDIRECT");
                assertThat(rows.orderStatus(orderNo)).as(entry.getKey()).isEqualTo("PENDING");
            } else {
                assertThat(status(paid)).as(entry.getKey()).isEqualTo("CAPTURE_REQUESTED");
            }
        }
    }

    @Test
    void declinesAndUnknownOutcomes() throws Exception {
        String declined = orderNo("DECLINED");
        assertThat(status(pay(declined, 1402, ""))).isEqualTo("FAILED");

        // the simulated gateway authorises but answers 421: the hub cannot know, Record settles it
        String unknown = orderNo("UNKNOWN");
        assertThat(pay(unknown, 1421, ",\"capture\":\"manual\"").statusCode()).isEqualTo(504);
        assertThat(rows.orderStatus(unknown)).isEqualTo("PENDING");
        assertThat(pay(unknown, 1421, "").statusCode()).isEqualTo(409);
        assertThat(status(operate(unknown, "query", ""))).isEqualTo("AUTHORIZED");
    }

    @Test
    void reconciliationPagesEndWithStatusTwo() throws Exception {
        String orderNo = orderNo("RECON");
        assertThat(status(pay(orderNo, 300, ""))).isEqualTo("CAPTURE_REQUESTED");
        String other = orderNo("RECON");
        assertThat(status(pay(other, 400, ""))).isEqualTo("CAPTURE_REQUESTED");
        TapPayMerchant shop = merchants.require(MERCHANT);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> "CAPTURED".equals(
                status(operate(other, "query", ""))));
        long now = System.currentTimeMillis();
        int page = 0;
        int captures = 0;
        JsonNode answer;
        do {
            answer = simulator(TapPayPaths.RECONCILIATION, TapPayJson.text(TapPayRequests.reconciliation(
                    now - 3_600_000, now + 60_000, List.of("CAPTURE", "REFUND"), shop.merchantId(), page, 1,
                    shop.partnerKey())), shop.partnerKey());
            assertThat(answer.path("status").asInt()).isIn(0, 2);
            captures += answer.path("reconciliation_datas").size();
            page++;
        } while (answer.path("status").asInt() == 0);
        assertThat(captures).isGreaterThanOrEqualTo(2);
        // the last page carries its record and says 2
        assertThat(answer.path("reconciliation_datas").size()).isEqualTo(1);
    }

    /** A 3-D Secure Pay by Prime sent straight to the simulator, with the given frontend_redirect_url. */
    String threeDSecurePayment(TapPayMerchant shop, String bankTransactionId, String frontendRedirectUrl) {
        return TapPayJson.text(TapPayRequests.payByPrime(new TapPayRequests.PrimePayment(
                TapPayGatewaySimulator.TEST_PRIME, shop.merchantId(), null, 500, "TWD", "HTTP_REDIRECT",
                bankTransactionId, "Sandbox plan", TapPayJson.object().put("phone_number", "+886923456789")
                .put("name", "Jane Doe").put("email", "jane@example.com"), null, 0, null, true,
                new TapPayRequests.ResultUrl(frontendRedirectUrl,
                        "https://hub.example.com/callbacks/tappay/" + MERCHANT + "/notify", null)),
                shop.partnerKey()));
    }

    /** Seed 002: frontend_redirect_url "必須以 https 開頭" — TapPay refuses the payment, as a bad parameter (5). */
    @Test
    void aFrontendRedirectUrlThatIsNotHttpsIsRefused() throws Exception {
        TapPayMerchant shop = merchants.require(MERCHANT);
        String bankTransactionId = "TWHTTPREDIRECT" + System.nanoTime();

        JsonNode refused = simulator(TapPayPaths.PAY_BY_PRIME,
                threeDSecurePayment(shop, bankTransactionId, "http://shop.example.com/done"), shop.partnerKey());

        assertThat(refused.path("status").asInt()).isEqualTo(5);
        assertThat(refused.path("msg").asText()).contains("frontend_redirect_url", "https");
        assertThat(refused.has("rec_trade_id")).isFalse();
        // nothing was recorded: the same bank_transaction_id then pays
        JsonNode paid = simulator(TapPayPaths.PAY_BY_PRIME,
                threeDSecurePayment(shop, bankTransactionId, "https://shop.example.com/done"), shop.partnerKey());
        assertThat(paid.path("status").asInt()).isZero();
        assertThat(paid.path("payment_url").asText()).isNotEmpty();
    }

    @Test
    void aWrongPartnerKeyIsRefused() throws Exception {
        TapPayMerchant shop = merchants.require(MERCHANT);
        JsonNode answer = simulator(TapPayPaths.RECORD, TapPayJson.text(TapPayRequests.record("D1", null, 0, 10,
                "partner_wrong")), "partner_wrong");
        assertThat(answer.path("status").asInt()).isEqualTo(80);
        JsonNode mismatch = simulator(TapPayPaths.RECORD, TapPayJson.text(TapPayRequests.record("D1", null, 0, 10,
                shop.partnerKey())), "partner_wrong");
        assertThat(mismatch.path("status").asInt()).isEqualTo(80);
    }

    @Test
    void aRememberedCardIsStoredSealedChargedByReferenceAndStoppedByTheCardNotify() throws Exception {
        String first = orderNo("REMEMBER");
        assertThat(status(pay(first, 500, ",\"remember\":true"))).isEqualTo("CAPTURE_REQUESTED");
        await().atMost(WAIT).until(() -> inbox.list().stream().anyMatch(event ->
                "tw.twpay.card-lifecycle.v1".equals(event.path("type").asText())
                        && event.path("data").path("providerMessage").asText().endsWith(first)));
        String cardRef = inbox.list().stream().filter(event ->
                        event.path("data").path("providerMessage").asText().endsWith(first))
                .findFirst().orElseThrow().path("subject").asText();
        assertThat(cardRef).startsWith("tpcard_");
        TapPayMerchant shop = merchants.require(MERCHANT);
        var opened = vault.open(shop, cardRef);
        // sealed at rest: neither the card key nor the token is in the table in the clear
        var row = jdbc.queryForMap("select * from tappay_card where card_ref = ?", cardRef);
        assertThat(row.values().toString()).doesNotContain(opened.cardKey()).doesNotContain(opened.cardToken());
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where raw_payload like ?", Integer.class,
                "%" + opened.cardKey() + "%")).isZero();

        String charge = orderNo("TOKEN");
        HttpResponse<String> charged = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"320","currency":"TWD"},
                 "description":"Monthly box","tokenTerm":"member-1","tokenValue":"%s","capture":"manual"}"""
                .formatted(MERCHANT, charge, cardRef));
        assertThat(status(charged)).isEqualTo("AUTHORIZED");

        // TapPay's sandbox suspends the token and posts the card notify to the hub
        JsonNode triggered = simulator("/tpc/sandbox/card/metadata/notify", """
                {"card_key":"%s","card_token":"%s","tsp_notify_url":"http://localhost:%d/callbacks/tappay/%s/card-notify",
                 "partner_key":"%s"}""".formatted(opened.cardKey(), opened.cardToken(), PORT, MERCHANT,
                shop.partnerKey()), shop.partnerKey());
        assertThat(triggered.path("notify_answer_status").asInt()).isEqualTo(200);
        await().atMost(WAIT).until(() -> inbox.list().stream().anyMatch(event ->
                cardRef.equals(event.path("subject").asText())
                        && "STOP_CHARGING_AND_REBIND".equals(event.path("data").path("action").asText())));
        assertThat(jdbc.queryForObject("select status from tappay_card where card_ref = ?", String.class, cardRef))
                .isEqualTo("SUSPENDED");
        HttpResponse<String> refused = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"320","currency":"TWD"},
                 "description":"Monthly box","tokenTerm":"member-1","tokenValue":"%s"}"""
                .formatted(MERCHANT, orderNo("TOKEN"), cardRef));
        assertThat(refused.statusCode()).isEqualTo(409);

        // a card notify naming no stored card stores nothing
        int before = jdbc.queryForObject("select count(*) from ledger_journal", Integer.class);
        HttpResponse<String> forged = http.post("/callbacks/tappay/" + MERCHANT + "/card-notify", "application/json",
                "{\"status\":0,\"card_token\":[\"not_a_stored_token\"],\"card_info\":{\"token_status\":\"DELETED\"}}");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).isEqualTo(tw.twpay.hub.support.CallbackRefusal.BODY);
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal", Integer.class)).isEqualTo(before);
    }

    @Test
    void bindCardThenMetadataThenRemove() throws Exception {
        HttpResponse<String> bound = http.post("/api/v1/cards/bind", "application/json", """
                {"provider":"tappay","merchant":"%s","prime":"test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9",
                 "currency":"TWD","cardholder":{"phone":"+886923456789","name":"Jane Doe","email":"jane@example.com"}}"""
                .formatted(MERCHANT));
        assertThat(bound.statusCode()).isEqualTo(200);
        JsonNode card = json(bound);
        String cardRef = card.path("cardRef").asText();
        assertThat(cardRef).startsWith("tpcard_");
        assertThat(card.path("tokenStatus").asText()).isEqualTo("ACTIVE");
        assertThat(card.path("card").path("last4").asText()).isEqualTo("4242");
        assertThat(bound.body()).doesNotContain("sandbox_key_").doesNotContain("sandbox_token_");

        String cards = "/api/v1/cards/tappay/" + MERCHANT + "/" + cardRef;
        JsonNode metadata = json(http.get(cards + "/metadata"));
        assertThat(metadata.path("tokenStatus").asText()).isEqualTo("ACTIVE");
        assertThat(metadata.path("card").path("expiry").asText()).isEqualTo("2030-12");

        JsonNode holder = json(http.post(cards + "/cardholder", "application/json",
                "{\"cardholder\":{\"name\":\"Jane Q. Doe\",\"phone\":\"0912345678\"}}"));
        assertThat(holder.path("cardholder").path("name").asText()).isEqualTo("Jane Q. Doe");
        assertThat(holder.path("cardholder").path("phone").asText()).isEqualTo("0912345678");
        assertThat(http.post(cards + "/cardholder", "application/json", "{\"cardholder\":{}}").statusCode())
                .isEqualTo(400);
        assertThat(json(http.post(cards + "/affiliate-code", "application/json",
                "{\"affiliateCodeName\":\"SANDBOX_COBRAND\"}")).path("matches").asBoolean()).isTrue();
        assertThat(json(http.post(cards + "/affiliate-code", "application/json",
                "{\"affiliateCodeName\":\"OTHER\",\"affiliateCodeGroupName\":\"G\"}")).path("matches")
                .asBoolean()).isFalse();

        JsonNode removed = json(http.post(cards + "/remove", "application/json", ""));
        assertThat(removed.path("tokenStatus").asText()).isEqualTo("DELETED");
        // TapPay no longer has it: Card Metadata answers 2011, the hub says DELETED
        assertThat(json(http.get(cards + "/metadata")).path("tokenStatus").asText()).isEqualTo("DELETED");
        assertThat(http.get("/api/v1/cards/tappay/" + MERCHANT + "/tpcard_unknown/metadata").statusCode())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"100","currency":"TWD"},
                 "description":"x","tokenTerm":"m","tokenValue":"%s"}""".formatted(MERCHANT, orderNo("GONE"), cardRef))
                .statusCode()).isEqualTo(409);
        await().atMost(WAIT).until(() -> inbox.list().stream().anyMatch(event ->
                cardRef.equals(event.path("subject").asText())
                        && "DELETED".equals(event.path("data").path("tokenStatus").asText())));
    }

    @Test
    void memberCardsBarcodePaymentAndPushTokenOnTheSimulator() throws Exception {
        String memberId = "member-" + ORDERS.incrementAndGet();
        HttpResponse<String> bound = http.post("/api/v1/cards/bind", "application/json", """
                {"provider":"tappay","merchant":"%s","prime":"test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9",
                 "currency":"TWD","cardholder":{"phone":"+886923456789","name":"Jane Doe","email":"jane@example.com",
                 "memberId":"%s"}}""".formatted(MERCHANT, memberId));
        String cardRef = json(bound).path("cardRef").asText();
        assertThat(cardRef).startsWith("tpcard_");

        // Get Member Card: TapPay's card_token comes back as the hub's card reference, never as the token
        HttpResponse<String> listed = http.get("/api/v1/cards/tappay/" + MERCHANT + "/member-cards?memberId="
                + memberId);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode cards = json(listed).path("cards");
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).path("cardRef").asText()).isEqualTo(cardRef);
        assertThat(cards.get(0).path("card").path("last4").asText()).isEqualTo("4242");
        assertThat(listed.body()).doesNotContain("sandbox_token_").doesNotContain("sandbox_key_");
        assertThat(json(http.get("/api/v1/cards/tappay/" + MERCHANT + "/member-cards?memberId=nobody"))
                .path("cards")).isEmpty();
        assertThat(http.get("/api/v1/cards/tappay/" + MERCHANT + "/member-cards").statusCode()).isEqualTo(400);

        // Get Barcode, then Pay by Barcode: PENDING journalled first, then the authorisation
        String cards2 = "/api/v1/cards/tappay/" + MERCHANT + "/" + cardRef;
        JsonNode barcode = json(http.post(cards2 + "/barcode", "application/json",
                "{\"length\":20,\"validSeconds\":120}"));
        assertThat(barcode.path("barcode").asText()).matches("[A-Za-z0-9]{20}");
        assertThat(barcode.path("validSeconds").asInt()).isEqualTo(120);
        assertThat(http.post(cards2 + "/barcode", "application/json", "{\"length\":4}").statusCode())
                .isEqualTo(400);
        String orderNo = orderNo("BARCODE");
        HttpResponse<String> paid = payByBarcode(orderNo, barcode.path("barcode").asText(), 250, "manual");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(status(paid)).isEqualTo("AUTHORIZED");
        assertThat(jdbc.queryForList("select status from ledger_journal where subject = ? order by id", String.class,
                orderNo)).containsExactly("PENDING", "AUTHORIZED");
        // the order is the hub's like any other: captured and queried by Record
        assertThat(status(operate(orderNo, "capture", ""))).isEqualTo("CAPTURE_REQUESTED");
        // Record and Trade History of the simulator: the authorisation is the trade's first operation
        JsonNode queried = json(operate(orderNo, "query", ""));
        assertThat(queried.path("operations").get(0).path("action").asText()).isEqualTo("AUTHORIZATION");
        assertThat(queried.path("operations").get(0).path("amount").path("value").asText()).startsWith("250");
        // a barcode is used once: the simulator declines it again, journalled FAILED
        String again = orderNo("BARCODE");
        assertThat(status(payByBarcode(again, barcode.path("barcode").asText(), 250, "auto"))).isEqualTo("FAILED");

        // Push Token: a card pushed by a bank app becomes a stored card the ERP knows by reference only
        HttpResponse<String> pushed = http.post("/api/v1/cards/push-token", "application/json", """
                {"provider":"tappay","merchant":"%s","tspPushToken":"eyJxcyI6InNhbmRib3gifQ"}""".formatted(MERCHANT));
        assertThat(pushed.statusCode()).isEqualTo(200);
        JsonNode pushedCard = json(pushed);
        assertThat(pushedCard.path("cardRef").asText()).startsWith("tpcard_").isNotEqualTo(cardRef);
        assertThat(pushedCard.path("tokenStatus").asText()).isEqualTo("ACTIVE");
        assertThat(pushed.body()).doesNotContain("sandbox_token_").doesNotContain("sandbox_key_");
        assertThat(json(http.get("/api/v1/cards/tappay/" + MERCHANT + "/" + pushedCard.path("cardRef").asText()
                + "/metadata")).path("tokenStatus").asText()).isEqualTo("ACTIVE");
    }

    HttpResponse<String> payByBarcode(String orderNo, String barcode, long amount, String capture) {
        return http.post("/api/v1/payments/barcode", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"%d","currency":"TWD"},
                 "description":"Counter sale","barcode":"%s","capture":"%s"}"""
                .formatted(MERCHANT, orderNo, amount, barcode, capture));
    }

    JsonNode simulator(String path, String body, String apiKey) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + PORT + "/sandbox/tappay" + path))
                .header("Content-Type", "application/json").header("x-api-key", apiKey)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return CanonicalJson.mapper().readTree(response.body());
    }
}
