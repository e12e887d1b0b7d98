package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.support.CanonicalEventSchema;
import tw.twpay.hub.support.ErpInbox;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/** NewebPay callbacks over real HTTP through the real routes: the good, the forged and the malformed. */
@HubTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class NewebPayCallbackRouteTest {

    private org.springframework.boot.test.system.CapturedOutput output;

    @org.junit.jupiter.api.BeforeEach
    void captureLog(org.springframework.boot.test.system.CapturedOutput captured) {
        this.output = captured;
    }

    private static final String NOTIFY = "/callbacks/newebpay/shop/notify";

    @LocalServerPort
    int port;
    @Autowired
    NewebPayMerchants merchants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SandboxErpInbox inbox;
    @Value("${twpay.providers.newebpay.merchants.shop.hash-key}")
    String shopHashKey;
    @Value("${twpay.providers.newebpay.merchants.shop.hash-iv}")
    String shopHashIv;

    HubHttp http;
    LedgerRows rows;
    NewebPayMerchant shop;
    NewebPayMerchant recurring;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        shop = merchants.require("shop");
        recurring = merchants.require("shop-recurring");
    }

    @AfterEach
    void validTrafficIsUnaffected() {
        String orderNo = "NWP-OK-" + System.nanoTime();
        HttpResponse<String> response = http.postForm(NOTIFY, NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), orderNo, "T" + orderNo.hashCode(), 10)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rows.journal(orderNo)).isEqualTo(1);
    }

    private void assertRefused(HttpResponse<String> response, int status, String reason, String orderNo) {
        if (status == 400) {
            CallbackRefusal.assertUniformRefusal(response, output, reason);
        } else {
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.body()).contains(reason);
        }
        assertThat(rows.journal(orderNo)).isZero();
        assertThat(rows.orders(orderNo)).isZero();
    }

    @Test
    void notifyIsVerifiedDecryptedStoredAndDeliveredAsCanonicalEvent() throws Exception {
        Map<String, String> form = NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP-1", "23112214215835071", 855));

        HttpResponse<String> response = http.postForm(NOTIFY, form);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("SUCCESS");
        assertThat(rows.orderStatus("NWP-1")).isEqualTo("AUTHORIZED");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "NWP-1").size() == 1);
        JsonNode event = ErpInbox.eventsAbout(inbox, "NWP-1").get(0);
        CanonicalEventSchema.assertValid(event);
        JsonNode data = event.path("data");
        assertThat(data.path("provider").asText()).isEqualTo("NEWEBPAY");
        assertThat(data.path("merchant").asText()).isEqualTo("shop");
        assertThat(data.path("merchantId").asText()).isEqualTo(shop.merchantId());
        assertThat(data.path("providerTradeId").asText()).isEqualTo("23112214215835071");
        assertThat(data.path("amount").path("value").asText()).isEqualTo("855.00");
        assertThat(data.path("card").path("bin6").asText()).isEqualTo("400022");
        assertThat(data.path("card").path("last4").asText()).isEqualTo("1111");
        assertThat(data.path("card").path("expiry").asText()).isEqualTo("2030-12");
        assertThat(data.path("authCode").asText()).isEqualTo("115468");
        assertThat(data.path("occurredAt").asText()).isEqualTo("2026-11-22T14:21:59+08:00");
        assertThat(data.path("source").asText()).isEqualTo("CALLBACK");
        // an order the hub never created is stored and delivered, flagged
        assertThat(data.path("flags").toString()).contains("UNKNOWN_ORDER");
    }

    @Test
    void failedPaymentIsStoredAsFailedWithTheGatewaysReason() {
        String failure = """
                {"Status":"CRE10001","Message":"授權失敗","Result":{"MerchantID":"%s","Amt":30,"TradeNo":"231122000001",\
                "MerchantOrderNo":"NWP-FAIL","PaymentType":"CREDIT","RespondCode":"05","PayTime":"2026-11-22 14:00:00"}}"""
                .formatted(shop.merchantId());
        assertThat(http.postForm(NOTIFY, NewebPayCallbackForms.notify(shop, failure)).statusCode()).isEqualTo(200);

        assertThat(rows.orderStatus("NWP-FAIL")).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("select event_json from ledger_journal where subject = 'NWP-FAIL'", String.class))
                .contains("授權失敗").contains("\"providerCode\":\"05\"");
    }

    @Test
    void sameNotifyThreeTimesIsOneJournalRowAndOneErpEvent() {
        Map<String, String> form = NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP-3X", "23112200000003", 300));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = http.postForm(NOTIFY, form);
            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThat(rows.journal("NWP-3X")).isEqualTo(1);
        assertThat(rows.outbox("NWP-3X")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "NWP-3X").size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> ErpInbox.eventsAbout(inbox, "NWP-3X").size() == 1);
    }

    @Test
    void wrongTradeShaIsRefused() {
        Map<String, String> form = NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP-BADSHA", "1", 1));
        form.put("TradeSha", "0".repeat(64));
        assertRefused(http.postForm(NOTIFY, form), 400, "TradeSha mismatch", "NWP-BADSHA");
    }

    @Test
    void tradeInfoAlteredAfterSigningIsRefused() {
        Map<String, String> form = NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP-ALTERED", "1", 1));
        String tradeInfo = form.get("TradeInfo");
        char flipped = tradeInfo.charAt(40) == 'a' ? 'b' : 'a';
        form.put("TradeInfo", tradeInfo.substring(0, 40) + flipped + tradeInfo.substring(41));
        assertRefused(http.postForm(NOTIFY, form), 400, "TradeSha mismatch", "NWP-ALTERED");
    }

    @Test
    void oddLengthTradeInfoIsRefusedEvenWhenSignedCorrectly() {
        String oddHex = shop.codec().encryptText("MerchantOrderNo=NWP-ODD").substring(1);
        assertRefused(http.postForm(NOTIFY, NewebPayCallbackForms.notifyForm(shop.merchantId(), oddHex,
                shop.codec().tradeSha(oddHex))), 400, "odd", "NWP-ODD");
    }

    @Test
    void nonHexTradeInfoIsRefusedEvenWhenSignedCorrectly() {
        String notHex = "zz" + shop.codec().encryptText("MerchantOrderNo=NWP-NOTHEX").substring(2);
        assertRefused(http.postForm(NOTIFY, NewebPayCallbackForms.notifyForm(shop.merchantId(), notHex,
                shop.codec().tradeSha(notHex))), 400, "hex", "NWP-NOTHEX");
    }

    @Test
    void badPaddingIsRefusedEvenWhenSignedCorrectly() throws Exception {
        byte[] plaintext = ("{\"Status\":\"SUCCESS\",\"Result\":{\"MerchantOrderNo\":\"NWP-PAD\"}}" + "\0".repeat(4))
                .getBytes(StandardCharsets.UTF_8);
        byte[] block = java.util.Arrays.copyOf(plaintext, ((plaintext.length + 15) / 16) * 16);
        block[block.length - 1] = 0x21; // pad byte 33: more than any padding NewebPay uses
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(shopHashKey.getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(shopHashIv.getBytes(StandardCharsets.UTF_8)));
        String tradeInfo = HexCodec.encodeLower(aes.doFinal(block));

        HttpResponse<String> response = http.postForm(NOTIFY,
                NewebPayCallbackForms.notifyForm(shop.merchantId(), tradeInfo, shop.codec().tradeSha(tradeInfo)));

        assertRefused(response, 400, "padding", "NWP-PAD");
        assertThat(response.body()).doesNotContain(shopHashKey).doesNotContain(shopHashIv);
    }

    @Test
    void merchantIdOfAnotherMerchantIsRefused() {
        Map<String, String> form = NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP-OTHER", "1", 1));
        form.put("MerchantID", recurring.merchantId());
        assertRefused(http.postForm(NOTIFY, form), 400, "MerchantID", "NWP-OTHER");
    }

    @Test
    void payloadSignedByAnotherMerchantIsRefused() {
        // validly signed by shop-recurring, posted to shop's URL
        Map<String, String> form = NewebPayCallbackForms.notify(recurring,
                NewebPayCallbackForms.successJson(recurring.merchantId(), "NWP-CROSS", "1", 1));
        form.put("MerchantID", shop.merchantId());
        assertRefused(http.postForm(NOTIFY, form), 400, "TradeSha mismatch", "NWP-CROSS");
    }

    @Test
    void unknownMerchantAliasIsRefusedLikeAnyOtherCallback() {
        Map<String, String> form = NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP-NOALIAS", "1", 1));
        assertRefused(http.postForm("/callbacks/newebpay/nobody/notify", form), 400, "nobody", "NWP-NOALIAS");
    }

    @Test
    void bodyOverTheLimitIs413() {
        Map<String, String> form = NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP-HUGE", "1", 1));
        form.put("TradeInfo", form.get("TradeInfo") + "ab".repeat(40_000));
        assertRefused(http.postForm(NOTIFY, form), 413, "max-body-bytes", "NWP-HUGE");
    }

    @Test
    void browserReturnNeverChangesState() {
        Map<String, String> form = NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP-RETURN", "1", 1));
        HttpResponse<String> response = http.postForm("/callbacks/newebpay/shop/return", form);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Payment received").contains("NWP-RETURN");
        assertThat(rows.journal("NWP-RETURN")).isZero();

        // a failure is shown as such, its message escaped; a forged or missing result only as "being confirmed"
        String failed = NewebPayCallbackForms.successJson(shop.merchantId(), "NWP-RETURN2", "2", 1)
                .replace("\"Status\":\"SUCCESS\"", "\"Status\":\"CRE10003\"")
                .replaceFirst("\"Message\":\"[^\"]*\"", "\"Message\":\"<script>alert(1)</script>declined\"");
        HttpResponse<String> failure = http.postForm("/callbacks/newebpay/shop/return",
                NewebPayCallbackForms.notify(shop, failed));
        assertThat(failure.body()).contains("Payment not completed").contains("&lt;script&gt;")
                .doesNotContain("<script>").doesNotContain("Payment received");
        Map<String, String> forged = NewebPayCallbackForms.notify(shop, failed);
        forged.put("TradeSha", "0".repeat(64));
        assertThat(http.postForm("/callbacks/newebpay/shop/return", forged).body()).contains("being confirmed")
                .doesNotContain("declined");
        assertThat(rows.journal("NWP-RETURN2")).isZero();
    }

    @Test
    void browserReturnWithAMalformedFormShowsBeingConfirmed() {
        // Camel's own form reading used to throw on %zz before the route ran (500); the page reads the form itself
        for (String contentType : List.of("application/x-www-form-urlencoded", "text/plain")) {
            HttpResponse<String> response = http.post("/callbacks/newebpay/shop/return", contentType,
                    "TradeInfo=%zz&MerchantOrderNo=NWP-RETURN-BAD");
            assertThat(response.statusCode()).as(contentType).isEqualTo(200);
            assertThat(response.body()).as(contentType).contains("Payment being confirmed")
                    .doesNotContain("Payment received").doesNotContain("NWP-RETURN-BAD");
        }
        assertThat(rows.journal("NWP-RETURN-BAD")).isZero();
    }

    @Test
    void browserReturnInACharsetTheHubCannotReadShowsBeingConfirmed() {
        // the body could not be read as text at all (an unknown charset): the page is shown, in UTF-8, never a 500
        for (String contentType : List.of("application/x-www-form-urlencoded; charset=x-nope",
                "application/x-www-form-urlencoded; charset=\"", "application/x-www-form-urlencoded; charset=UTF-16")) {
            HttpResponse<String> response = http.post("/callbacks/newebpay/shop/return", contentType,
                    "TradeInfo=abc&MerchantOrderNo=NWP-RETURN-CHARSET");
            assertThat(response.statusCode()).as(contentType).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(contentType)
                    .hasValue("text/html;charset=UTF-8");
            assertThat(response.body()).as(contentType).contains("Payment being confirmed")
                    .doesNotContain("NWP-RETURN-CHARSET");
        }
    }



    @Test
    void periodNotifyOfAnotherMerchantOrWithBadCiphertextIsRefused() {
        String path = "/callbacks/newebpay/shop-recurring/period-notify";
        String foreign = "{\"Status\":\"SUCCESS\",\"Result\":{\"MerchantID\":\"MS-ELSEWHERE\",\"MerchantOrderNo\":\"SUB-X\",\"PeriodNo\":\"P1\"}}";
        HttpResponse<String> otherMerchant = http.postForm(path, Map.of("Period", recurring.codec().encryptText(foreign)));
        assertRefused(otherMerchant, 400, "MerchantID", "SUB-X");
        // encrypted with the NDNF merchant's keys: does not decrypt with the NDNP merchant's. Period is unsigned, so
        // a padding failure must be answered as every other refusal is (body and headers), or it is a padding oracle
        String shopKeys = "{\"Status\":\"SUCCESS\",\"Result\":{\"MerchantID\":\"" + recurring.merchantId()
                + "\",\"MerchantOrderNo\":\"SUB-Y\",\"PeriodNo\":\"P1\"}}";
        HttpResponse<String> badPadding = assertRefusedWithNewLogLine(
                () -> http.postForm(path, Map.of("Period", shop.codec().encryptText(shopKeys))),
                "TradeInfo has bad padding", "SUB-Y");
        CallbackRefusal.assertSameHeaders(otherMerchant.headers(), badPadding.headers(), "bad padding");
        // the one-off merchant has no period notifies
        HttpResponse<String> oneOffMerchant = assertRefusedWithNewLogLine(
                () -> http.postForm("/callbacks/newebpay/shop/period-notify",
                        Map.of("Period", shop.codec().encryptText(shopKeys))),
                "NewebPay merchant 'shop' is NDNF; this operation needs an NDNP merchant", "SUB-Y");
        CallbackRefusal.assertSameHeaders(otherMerchant.headers(), oneOffMerchant.headers(), "NDNF merchant");
    }

    /** {@link #assertRefused} (400), with {@code reason} in a refusal logged while {@code post} ran. */
    private HttpResponse<String> assertRefusedWithNewLogLine(Supplier<HttpResponse<String>> post, String reason,
                                                             String orderNo) {
        int logBefore = output.getOut().length();
        HttpResponse<String> response = post.get();
        assertRefused(response, 400, reason, orderNo);
        assertThat(output.getOut().substring(logBefore)).contains("refused: " + reason);
        return response;
    }

    @Test
    void aCardStoppedAgainAfterItWasActiveAgainIsStoppedAgainAndARepeatedNoticeIsToldOnce() throws Exception {
        String path = "/callbacks/newebpay/shop/cau-notify";
        String stop = """
                {"Status":"SUCCESS","Message":"","Result":{"MerchantID":"%s","TokenValue":"TOK-AGAIN",\
                "cardStatus":"CARD_NOT_ALLOWED"}}""".formatted(shop.merchantId());
        String active = """
                {"Status":"SUCCESS","Message":"","Result":{"MerchantID":"%s","TokenValue":"TOK-AGAIN",\
                "cardStatus":"ACTIVE"}}""".formatted(shop.merchantId());

        for (String notice : List.of(stop, stop, active, active, stop, stop)) {
            assertThat(http.postForm(path, NewebPayCallbackForms.notify(shop, notice)).statusCode()).isEqualTo(200);
        }

        // stopped, active again, stopped again: three facts, each told once (the repeats are NewebPay's retries)
        assertThat(jdbc.queryForObject("select status from card_token where token_ref = 'TOK-AGAIN'", String.class))
                .isEqualTo("CARD_NOT_ALLOWED");
        assertThat(jdbc.queryForList("select status from ledger_journal where subject = 'TOK-AGAIN' order by id",
                String.class)).containsExactly("CARD_NOT_ALLOWED", "ACTIVE", "CARD_NOT_ALLOWED");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "TOK-AGAIN").size() == 3);
        assertThat(ErpInbox.eventsAbout(inbox, "TOK-AGAIN").stream()
                .map(event -> event.path("data").path("action").asText()).toList())
                .containsExactly("STOP_CHARGING_AND_REBIND", "UPDATE_EXPIRY", "STOP_CHARGING_AND_REBIND");
    }

    @Test
    void aRenewedCardOfAnOpenEndedMandateWithFiveYearsOfDatesIsStored() throws Exception {
        // PeriodTimes=NE, the card renewed for five years: the schedule is recomputed up to the new expiry
        String dates = java.util.stream.IntStream.range(0, 60)
                .mapToObj(month -> java.time.LocalDate.of(2026, 12, 5).plusMonths(month).toString())
                .collect(java.util.stream.Collectors.joining(","));
        String renewed = """
                {"Status":"SUCCESS","Message":"","Result":{"MerchantID":"%s","PeriodNo":"P231115153213aMDNWZ",\
                "cardStatus":"ACTIVE","newExpiry":"2031-11","remainingTimes":"60","scheduleDates":"%s"}}"""
                .formatted(shop.merchantId(), dates);

        HttpResponse<String> response = http.postForm("/callbacks/newebpay/shop/cau-notify",
                NewebPayCallbackForms.notify(shop, renewed));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ErpInbox.eventsAbout(inbox, "P231115153213aMDNWZ").size() == 1);
        JsonNode event = ErpInbox.eventsAbout(inbox, "P231115153213aMDNWZ").get(0);
        assertThat(event.path("data").path("scheduleDates")).hasSize(60);
        assertThat(event.path("data").path("remainingTimes").asInt()).isEqualTo(60);
        // NewebPay's retry of it is a duplicate
        assertThat(http.postForm("/callbacks/newebpay/shop/cau-notify", NewebPayCallbackForms.notify(shop, renewed))
                .statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = 'P231115153213aMDNWZ'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void cardUpdaterNoticesBecomeCardLifecycleEvents() throws Exception {
        String renewed = """
                {"Status":"SUCCESS","Message":"","Result":{"MerchantID":"%s","TokenValue":"TOK-RENEWED",\
                "cardStatus":"ACTIVE","newExpiry":"2031-05","remainingTimes":"10",\
                "scheduleDates":"2026-12-05,2027-01-05"}}""".formatted(shop.merchantId());
        String stopped = """
                {"Status":"SUCCESS","Message":"","Result":{"MerchantID":"%s","TokenValue":"TOK-STOPPED",\
                "cardStatus":"CARD_NOT_ALLOWED"}}""".formatted(shop.merchantId());
        String path = "/callbacks/newebpay/shop/cau-notify";

        assertThat(http.postForm(path, NewebPayCallbackForms.notify(shop, renewed)).statusCode()).isEqualTo(200);
        assertThat(http.postForm(path, NewebPayCallbackForms.notify(shop, stopped)).statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForMap("select status, expiry, remaining_times from card_token where token_ref = 'TOK-RENEWED'"))
                .containsEntry("status", "ACTIVE").containsEntry("expiry", "2031-05").containsEntry("remaining_times", 10);
        assertThat(jdbc.queryForObject("select status from card_token where token_ref = 'TOK-STOPPED'", String.class))
                .isEqualTo("CARD_NOT_ALLOWED");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "TOK-STOPPED").size() == 1);
        JsonNode stop = ErpInbox.eventsAbout(inbox, "TOK-STOPPED").get(0);
        CanonicalEventSchema.assertValid(stop);
        assertThat(stop.path("data").path("action").asText()).isEqualTo("STOP_CHARGING_AND_REBIND");
        JsonNode renew = ErpInbox.eventsAbout(inbox, "TOK-RENEWED").get(0);
        assertThat(renew.path("data").path("action").asText()).isEqualTo("UPDATE_EXPIRY");
        assertThat(renew.path("data").path("scheduleDates")).hasSize(2);

        Map<String, String> forged = NewebPayCallbackForms.notify(shop, stopped.replace("TOK-STOPPED", "TOK-FORGED"));
        forged.put("TradeSha", "F".repeat(64));
        assertThat(http.postForm(path, forged).statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from card_token where token_ref = 'TOK-FORGED'", Integer.class)).isZero();
    }

    private HttpResponse<String> postMultipart(String path, String field, String value) {
        String boundary = "newebpay-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value
                + "\r\n--" + boundary + "--\r\n";
        return http.post(path, "multipart/form-data; boundary=" + boundary, body);
    }

    @Test
    void notifyJournalKeepsNoKeysAndNoFullCardNumbers() {
        http.postForm(NOTIFY, NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP-AUDIT", "23112200000009", 50)));
        List<String> stored = jdbc.queryForList("select cast(raw_payload as varchar(100000)) from ledger_journal "
                + "where subject = 'NWP-AUDIT'", String.class);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).contains("MerchantOrderNo").doesNotContain(shopHashKey).doesNotContain(shopHashIv);
    }

    @Test
    void aSignedNotifyOfAnotherAmountIsStoredFlaggedAndDoesNotMarkTheOrderPaid() throws Exception {
        HttpResponse<String> created = http.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"NWP_AMT1",
                 "amount":{"value":"855","currency":"TWD"},"description":"amount check"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        HttpResponse<String> response = http.postForm(NOTIFY, NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP_AMT1", "23112200000077", 1)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rows.orderStatus("NWP_AMT1")).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "NWP_AMT1").size() == 2);
        JsonNode flagged = ErpInbox.eventsAbout(inbox, "NWP_AMT1").stream()
                .filter(event -> "AUTHORIZED".equals(event.path("data").path("status").asText())).findFirst().orElseThrow();
        CanonicalEventSchema.assertValid(flagged);
        assertThat(flagged.path("data").path("amount").path("value").asText()).isEqualTo("1.00");
        assertThat(flagged.path("data").path("flags").toString()).contains("AMOUNT_MISMATCH").doesNotContain("UNKNOWN_ORDER");
        assertThat(jdbc.queryForObject("select outcome from ledger_journal where subject = 'NWP_AMT1' and status = 'AUTHORIZED'",
                String.class)).isEqualTo("FLAGGED");

        // the right amount afterwards is an ordinary payment
        http.postForm(NOTIFY, NewebPayCallbackForms.notify(shop,
                NewebPayCallbackForms.successJson(shop.merchantId(), "NWP_AMT1", "23112200000078", 855)));
        assertThat(rows.orderStatus("NWP_AMT1")).isEqualTo("AUTHORIZED");
    }
}
