package tw.twpay.hub.provider.newebpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/** Queries stay inside what NewebPay tolerates: per-order pauses, a cap per merchant and hour, TRA10071 obeyed. */
@HubTest
class NewebPayQueryThrottleTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gatewayAndLimits(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.newebpay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.newebpay.query-cap-per-hour", () -> "3");
        // a second NDNF merchant, to be locked by the gateway without touching the first
        registry.add("twpay.providers.newebpay.merchants.locked-shop.merchant-id", () -> "MS-LOCKED");
        registry.add("twpay.providers.newebpay.merchants.locked-shop.hash-key", () -> "LockedShopHashKey32BytesLong!!!!");
        registry.add("twpay.providers.newebpay.merchants.locked-shop.hash-iv", () -> "LockedShopIV16By");
        registry.add("twpay.providers.newebpay.merchants.locked-shop.kind", () -> "NDNF");
        registry.add("twpay.providers.newebpay.merchants.locked-shop.environment", () -> "sandbox");
        registry.add("twpay.providers.newebpay.merchants.composite-shop.merchant-id", () -> "MS-COMPOSITE");
        registry.add("twpay.providers.newebpay.merchants.composite-shop.hash-key", () -> "CompositeShopHashKey32BytesLong!");
        registry.add("twpay.providers.newebpay.merchants.composite-shop.hash-iv", () -> "CompositeShopIV1");
        registry.add("twpay.providers.newebpay.merchants.composite-shop.kind", () -> "NDNF");
        registry.add("twpay.providers.newebpay.merchants.composite-shop.environment", () -> "sandbox");
        registry.add("twpay.providers.newebpay.merchants.composite-shop.composite", () -> "true");
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    NewebPayQueryThrottle throttle;
    @Autowired
    NewebPayMissedNotifies missedNotifies;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    LedgerRows rows;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        gateway.resetAll();
    }

    @Test
    void anOrderAskedAboutWaitsForItsPauseAndAMerchantForItsHour() {
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MS-SANDBOX-NDNF"))
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"Status\":\"TRA10021\",\"Message\":\"查無此筆交易\",\"Result\":[]}")));
        for (String orderNo : new String[] {"THR_1", "THR_2", "THR_3", "THR_4"}) {
            create("shop", orderNo);
        }
        assertThat(throttle.due("shop", "THR_1")).isTrue();

        for (String orderNo : new String[] {"THR_1", "THR_2", "THR_3"}) {
            assertThat(query("shop", orderNo).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> fourth = query("shop", "THR_4");

        assertThat(throttle.due("shop", "THR_1")).as("asked a moment ago: 5 minutes' pause").isFalse();
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("queries of this hour");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/QueryTradeInfo")))).hasSize(3);
        assertThat(rows.orderStatus("THR_1")).isEqualTo("PENDING");
    }

    /** An unknown outcome blocks its order until a query: the poll asks, whatever the order's earlier pauses. */
    @Test
    void anOperationWithAnUnknownOutcomeIsAskedAboutAtEveryPoll() {
        create("shop", "THR_INFLIGHT");
        jdbc.update("insert into newebpay_order_query (merchant, order_no, attempts, next_query_at) values"
                + " ('shop', 'THR_INFLIGHT', 4, ?)", OffsetDateTime.now().plusDays(1));
        jdbc.update("insert into payment_operation_in_flight (provider, merchant, order_no, operation, started_at)"
                + " values ('NEWEBPAY', 'shop', 'THR_INFLIGHT', 'REFUND', ?)", OffsetDateTime.now().minusMinutes(30));
        assertThat(throttle.due("shop", "THR_INFLIGHT")).isFalse();

        assertThat(missedNotifies.overduePendingOrders()).extracting(PaymentOperationCommand::orderNo)
                .contains("THR_INFLIGHT");
    }

    @Test
    void tra10071StopsEveryQueryOfTheMerchantAndIsNeverAState() {
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MS-LOCKED"))
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"Status\":\"TRA10071\",\"Message\":\"因查無交易資料次數已達上限，已鎖定查詢功能\",\"Result\":[]}")));
        create("locked-shop", "LCK_1");
        create("locked-shop", "LCK_2");

        HttpResponse<String> locked = query("locked-shop", "LCK_1");
        HttpResponse<String> later = query("locked-shop", "LCK_2");

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("TRA10071");
        assertThat(later.statusCode()).isEqualTo(429);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/QueryTradeInfo")))).hasSize(1);
        assertThat(rows.orderStatus("LCK_1")).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = 'LCK_1'", Integer.class))
                .isEqualTo(1);
    }

    private void create(String merchant, String orderNo) {
        HttpResponse<String> created = http.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"%s","orderNo":"%s","amount":{"value":"100","currency":"TWD"},
                 "description":"throttle"}""".formatted(merchant, orderNo));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    private HttpResponse<String> query(String merchant, String orderNo) {
        return http.post("/api/v1/payments/newebpay/" + merchant + "/" + orderNo + "/query", "application/json", "");
    }

    @Test
    void compositeMerchantsNameTheirGatewayInQueries() {
        gateway.stubFor(post(urlEqualTo("/API/QueryTradeInfo")).withRequestBody(containing("MS-COMPOSITE"))
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"Status\":\"TRA10021\",\"Message\":\"查無此筆交易\",\"Result\":[]}")));
        create("composite-shop", "CMP_1");

        query("composite-shop", "CMP_1");

        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/API/QueryTradeInfo"))).get(0).getBodyAsString())
                .contains("Gateway=Composite");
    }
}
