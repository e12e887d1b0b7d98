package tw.twpay.hub.provider.newebpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.sandbox.newebpay.SandboxCodec;
import tw.twpay.hub.support.CanonicalEventSchema;
import tw.twpay.hub.support.ErpInbox;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * A {@code Period} notify the hub could not confirm when it came (gateway down, the trade not yet known to the query)
 * stores nothing and is refused; the missed-notify poll then confirms it with QueryTradeInfo, with the NDNF poll's
 * per-order pauses (here one second each, two tries) and per-merchant cap, and stores it as the callback would have.
 */
@HubTest
class NewebPayPeriodPollTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String PATH = "/callbacks/newebpay/tek/period-notify";
    static final String MANDATE = "ndnp-mandate-created-start-type-2";

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void manualMerchantAndAQuickPoll(DynamicPropertyRegistry registry) {
        PeriodGatewayAnswers.manualMerchant(registry, gateway.port());
        registry.add("twpay.providers.newebpay.missed-notify-cron", () -> "0/1 * * * * ?");
        registry.add("twpay.providers.newebpay.missed-notify-after", () -> "PT0S");
        registry.add("twpay.providers.newebpay.query-backoff", () -> "PT1S,PT1S");
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
    SandboxErpInbox inbox;

    HubHttp http;
    LedgerRows rows;
    final MerchantHashKeys keys = MerchantHashKeys.of(ManualExamples.HASH_KEY, ManualExamples.HASH_IV);
    final SandboxCodec gatewayCodec = new SandboxCodec(keys);
    final NewebPayCheckCodes checkCodes = new NewebPayCheckCodes(keys);

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        gateway.resetAll();
    }

    @Test
    void aPeriodChargeTheGatewayCouldNotConfirmIsStoredOnceThePollConfirmsIt() throws Exception {
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MerchantOrderNo=POLL-1_2&"))
                .willReturn(aResponse().withStatus(503)));
        Map<String, String> notify = period(PeriodGatewayAnswers.chargeJson("POLL-1", "POLL-1_2", "26122200000021", 199,
                "SUCCESS"));

        HttpResponse<String> refused = http.postForm(PATH, notify);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(rows.journal("POLL-1_2")).isZero();
        assertThat(kept("POLL-1_2")).isEqualTo(1);

        // the gateway is back: the poll asks again after the trade's pause and stores the confirmed charge
        stubQueryAnswer("POLL-1_2", 199, "26122200000021", "1");
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> "CAPTURED".equals(rows.orderStatus("POLL-1_2")));
        await().atMost(Duration.ofSeconds(5)).until(() -> kept("POLL-1_2") == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "POLL-1_2").size() == 1);
        JsonNode charge = ErpInbox.eventsAbout(inbox, "POLL-1_2").get(0);
        CanonicalEventSchema.assertValid(charge);
        assertThat(charge.path("data").path("recurring").path("chargeNumber").asInt()).isEqualTo(2);
        assertThat(charge.path("data").path("providerTradeId").asText()).isEqualTo("26122200000021");

        // NewebPay's own retry of the notify is now the same fact: stored once, delivered once
        assertThat(http.postForm(PATH, notify).statusCode()).isEqualTo(200);
        assertThat(rows.journal("POLL-1_2")).isEqualTo(1);
    }

    @Test
    void aMandateCreationTheGatewayCouldNotConfirmBecomesItsMandateOnceThePollConfirmsIt() throws Exception {
        String orderNo = ManualExamples.expected(MANDATE, "MerchantOrderNo");
        String tradeNo = ManualExamples.expected(MANDATE, "TradeNo");
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MerchantOrderNo=" + orderNo + "&"))
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"Status\":\"TRA10021\",\"Message\":\"查無此筆交易\",\"Result\":[]}")));

        assertThat(http.postForm(PATH, Map.of("Period", ManualExamples.cipher(MANDATE))).statusCode()).isEqualTo(400);
        assertThat(rows.journal(orderNo)).isZero();

        stubQueryAnswer(orderNo, 10, tradeNo, "1");
        await().atMost(Duration.ofSeconds(15)).until(() -> ErpInbox.eventsAbout(inbox, orderNo).size() == 2);
        JsonNode created = ErpInbox.eventsAbout(inbox, orderNo).stream()
                .filter(event -> event.path("type").asText().equals("tw.twpay.mandate.v1")).findFirst().orElseThrow();
        assertThat(created.path("data").path("change").asText()).isEqualTo("CREATED");
        assertThat(created.path("data").path("mandateId").asText()).isEqualTo(ManualExamples.expected(MANDATE, "PeriodNo"));
        assertThat(rows.orderStatus(orderNo)).isEqualTo("CAPTURED");
    }

    @Test
    void thePollAsksAboutAnUnconfirmedNotifyOnlyAfterEachPauseAndGivesUpAfterTheLast() {
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MerchantOrderNo=NEVER-1_2&"))
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"Status\":\"TRA10021\",\"Message\":\"查無此筆交易\",\"Result\":[]}")));

        assertThat(http.postForm(PATH, period(PeriodGatewayAnswers.chargeJson("NEVER-1", "NEVER-1_2", "26122200000031",
                199, "SUCCESS"))).statusCode()).isEqualTo(400);

        // query-backoff PT1S,PT1S: the notify's own query (not one of the poll's tries), the poll's two, then no more
        await().atMost(Duration.ofSeconds(10)).until(() -> queriesAbout("NEVER-1_2") == 3);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> queriesAbout("NEVER-1_2") == 3);
        assertThat(rows.journal("NEVER-1_2")).isZero();
        assertThat(rows.orders("NEVER-1_2")).isZero();
    }

    @Test
    void aNotifyNewebPayRetriesMoreOftenThanThePollHasTriesIsStillConfirmedByThePoll() throws Exception {
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MerchantOrderNo=RETRY-1_2&"))
                .willReturn(aResponse().withStatus(503)));
        Map<String, String> notify = period(PeriodGatewayAnswers.chargeJson("RETRY-1", "RETRY-1_2", "26122200000051",
                199, "SUCCESS"));

        // NewebPay sends the unanswered notify again, more often than the poll has tries (here two): each retry's
        // confirmation query counts against the merchant's hourly cap, not against the poll's tries for the order
        for (int retry = 0; retry < 4; retry++) {
            assertThat(http.postForm(PATH, notify).statusCode()).isEqualTo(400);
        }
        assertThat(kept("RETRY-1_2")).isEqualTo(1);

        stubQueryAnswer("RETRY-1_2", 199, "26122200000051", "1");
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> "CAPTURED".equals(rows.orderStatus("RETRY-1_2")));
        await().atMost(Duration.ofSeconds(5)).until(() -> kept("RETRY-1_2") == 0);
    }

    @Test
    void aPeriodReauthorisedAfterItsFailureIsConfirmedByThePollAsTheLaterNotifySaysNotAsTheFirst() throws Exception {
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MerchantOrderNo=REAUTH-1_3&"))
                .willReturn(aResponse().withStatus(503)));
        String failed = PeriodGatewayAnswers.chargeJson("REAUTH-1", "REAUTH-1_3", "27012200000041", 199, "TRA10035")
                .replace("\"AlreadyTimes\":\"2\"", "\"AlreadyTimes\":\"3\"");
        // the merchant authorises the failed period again in NewebPay's back office (定期定額委託單再次授權): the
        // period's order is charged, under a new trade
        String reauthorised = PeriodGatewayAnswers.chargeJson("REAUTH-1", "REAUTH-1_3", "27012500000042", 199,
                "SUCCESS").replace("\"AlreadyTimes\":\"2\"", "\"AlreadyTimes\":\"3\"");

        assertThat(http.postForm(PATH, period(failed)).statusCode()).isEqualTo(400);
        assertThat(http.postForm(PATH, period(reauthorised)).statusCode()).isEqualTo(400);
        assertThat(kept("REAUTH-1_3")).isEqualTo(1);
        // a late retry of the failure does not take the paid period's place
        assertThat(http.postForm(PATH, period(failed)).statusCode()).isEqualTo(400);

        // the gateway is back, and its trade of the order is the one paid
        stubQueryAnswer("REAUTH-1_3", 199, "27012500000042", "1");
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> "CAPTURED".equals(rows.orderStatus("REAUTH-1_3")));
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "REAUTH-1_3").size() == 1);
        JsonNode charge = ErpInbox.eventsAbout(inbox, "REAUTH-1_3").get(0);
        assertThat(charge.path("data").path("providerTradeId").asText()).isEqualTo("27012500000042");
        assertThat(charge.path("data").path("recurring").path("chargeNumber").asInt()).isEqualTo(3);
    }

    private int kept(String tradeOrderNo) {
        return jdbc.queryForObject("select count(*) from newebpay_unconfirmed_period where trade_order_no = ?",
                Integer.class, tradeOrderNo);
    }

    private int queriesAbout(String orderNo) {
        return gateway.findAll(postRequestedFor(urlEqualTo("/API/QueryTradeInfo"))
                .withRequestBody(containing("MerchantOrderNo=" + orderNo + "&"))).size();
    }

    private void stubQueryAnswer(String orderNo, int amount, String tradeNo, String tradeStatus) {
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MerchantOrderNo=" + orderNo + "&"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(PeriodGatewayAnswers.queryAnswer(checkCodes, orderNo, amount, tradeNo, tradeStatus))));
    }

    private Map<String, String> period(String json) {
        return Map.of("Period", gatewayCodec.encryptTextPaddedTo32(json));
    }
}
