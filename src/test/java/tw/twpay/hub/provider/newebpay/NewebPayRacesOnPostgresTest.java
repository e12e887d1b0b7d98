package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.TwpayHubApplication;
import tw.twpay.hub.api.CreatePaymentCommand;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.support.EmbeddedLedgerPostgres;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Things that happen at the same time, on the production database (an embedded PostgreSQL): the same notify posted
 * twice at once, two payment pages asked for one order at once, the first queries of a merchant at once.
 */
@HubTest
@DirtiesContext
class NewebPayRacesOnPostgresTest {

    static final EmbeddedLedgerPostgres postgres = EmbeddedLedgerPostgres.start();

    @DynamicPropertySource
    static void ledgerOnPostgres(DynamicPropertyRegistry registry) {
        postgres.register(registry, "newebpay-races");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    NewebPayMerchants merchants;
    @Autowired
    NewebPayMpgPayments mpgPayments;
    @Autowired
    CommandLedger commandLedger;
    @Autowired
    NewebPayQueryThrottle throttle;

    HubHttp http;
    ExecutorService threads;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    /**
     * NewebPay posts the same notify again when its first post seems unanswered, and a load balancer may hand the
     * two to the hub at the same moment: both are acknowledged, the fact is journalled once and the ERP gets one
     * AUTHORIZED event.
     */
    @Test
    void theSameNotifyPostedTwiceAtOnceIsAcknowledgedTwiceAndStoredOnce() throws Exception {
        NewebPayMerchant shop = merchants.require("shop");
        for (int round = 0; round < 15; round++) {
            String orderNo = "RACE_NOTIFY_" + round;
            assertThat(create(orderNo, "855").statusCode()).isEqualTo(200);
            Map<String, String> notify = NewebPayCallbackForms.notify(shop,
                    NewebPayCallbackForms.successJson(shop.merchantId(), orderNo, "2311" + round, 855));

            List<HttpResponse<String>> answers = twiceAtOnce(
                    () -> http.postForm("/callbacks/newebpay/shop/notify", notify));

            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("SUCCESS");
            });
            assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = ? and source = 'CALLBACK'",
                    Integer.class, orderNo)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from outbox o join ledger_journal j on j.event_id = o.event_id"
                    + " where j.subject = ? and j.status = 'AUTHORIZED'", Integer.class, orderNo)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select status from ledger_order where order_no = ?", String.class,
                    orderNo)).isEqualTo("AUTHORIZED");
        }
    }

    /**
     * The same, with the two posts at two nodes on the one PostgreSQL (a second hub started here): each node
     * acknowledges, the fact is journalled once, and the ERP gets one AUTHORIZED event.
     */
    @Test
    void theSameNotifyPostedToTwoNodesAtOnceIsAcknowledgedByBothAndStoredOnce() throws Exception {
        NewebPayMerchant shop = merchants.require("shop");
        try (ConfigurableApplicationContext secondNode = startSecondNode()) {
            HubHttp second = new HubHttp(((WebServerApplicationContext) secondNode).getWebServer().getPort());
            for (int round = 0; round < 15; round++) {
                String orderNo = "RACE_NODES_" + round;
                assertThat(create(orderNo, "640").statusCode()).isEqualTo(200);
                Map<String, String> notify = NewebPayCallbackForms.notify(shop,
                        NewebPayCallbackForms.successJson(shop.merchantId(), orderNo, "2312" + round, 640));

                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                for (HubHttp node : List.of(http, second)) {
                    sent.add(threads.submit(() -> {
                        together.await(5, TimeUnit.SECONDS);
                        return node.postForm("/callbacks/newebpay/shop/notify", notify);
                    }));
                }
                for (Future<HttpResponse<String>> answer : sent) {
                    HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("SUCCESS");
                }
                assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = ?"
                        + " and source = 'CALLBACK'", Integer.class, orderNo)).isEqualTo(1);
                assertThat(jdbc.queryForObject("select count(*) from outbox o join ledger_journal j"
                        + " on j.event_id = o.event_id where j.subject = ? and j.status = 'AUTHORIZED'", Integer.class,
                        orderNo)).isEqualTo(1);
            }
        }
    }

    /** A second hub on this test's PostgreSQL, with the test hub's settings, on a port of its own. */
    private static ConfigurableApplicationContext startSecondNode() throws IOException {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        PropertiesLoaderUtils.loadProperties(new ClassPathResource("hub-test.properties"))
                .forEach((key, value) -> settings.put((String) key, (String) value));
        settings.putAll(postgres.hubProperties("newebpay-races"));
        settings.put("server.port", "0");
        settings.put("twpay.node-id", "second-node");
        settings.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(TwpayHubApplication.class).run(settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new));
    }

    /**
     * Two payment pages asked for one new order in two amounts (a cart changed in another tab, two ERP workers): each
     * passes the check that the order is new, since neither is stored yet. The one stored second must not hand the
     * customer a signed form in an amount the order does not have — paid, it would be flagged AMOUNT_MISMATCH and
     * the order never marked paid. It is refused as a request arriving a moment later is (409).
     */
    @Test
    void ofTwoPaymentPagesAskedForOneOrderInTwoAmountsAtOnceOnlyOneIsHandedOut() {
        CommandResult first = mpgPayments.prepare(createCommand("RACE_PAGE", "100"));
        CommandResult second = mpgPayments.prepare(createCommand("RACE_PAGE", "200"));

        assertThat(commandLedger.storePage(first, "test-erp")).isSameAs(first.response());
        assertThatThrownBy(() -> commandLedger.storePage(second, "test-erp"))
                .isInstanceOfSatisfying(RejectedRequestException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.getMessage()).contains("RACE_PAGE", "100");
                });
        assertThat(jdbc.queryForObject("select amount_value from ledger_order where order_no = 'RACE_PAGE'",
                java.math.BigDecimal.class)).isEqualByComparingTo("100");
        // the same page asked for again (same amount) is still handed out
        CommandResult again = mpgPayments.prepare(createCommand("RACE_PAGE", "100"));
        assertThat(commandLedger.storePage(again, "test-erp")).isSameAs(again.response());
    }

    /** The same, over HTTP, with the two requests sent at once many times: never two forms in two amounts. */
    @Test
    void twoPaymentPagesInTwoAmountsSentAtOnceNeverBothSucceed() throws Exception {
        for (int round = 0; round < 20; round++) {
            String orderNo = "RACE_PAGES_" + round;
            List<String> amounts = List.of("100", "200");
            List<HttpResponse<String>> answers = new ArrayList<>();
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (String amount : amounts) {
                sent.add(threads.submit(() -> {
                    together.await(5, TimeUnit.SECONDS);
                    return create(orderNo, amount);
                }));
            }
            for (Future<HttpResponse<String>> answer : sent) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(answers).extracting(HttpResponse::statusCode).as("round " + round)
                    .containsExactlyInAnyOrder(200, 409);
        }
    }

    /**
     * The merchant's hourly query count has no row until its first query. Two first queries at once (an ERP's query
     * on one node, the missed-notify poll on another): the one that finds the other's row inserted meanwhile must
     * count itself, not fail — on PostgreSQL a failed insert aborts the transaction it ran in.
     */
    @Test
    void twoFirstQueriesOfAMerchantAtOnceAreBothCounted() throws Exception {
        String merchant = "race-merchant";
        Future<?> second;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var insert = other.prepareStatement("insert into newebpay_merchant_query"
                    + " (merchant, window_start, queries, locked_until) values (?, current_timestamp, 1, null)")) {
                insert.setString(1, merchant);
                insert.executeUpdate();
            }
            // the other query's row is inserted, not yet committed: this one finds no row and inserts too
            second = threads.submit(() -> throttle.beforeQuery(merchant, "RACE_QUERY_B"));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query like 'insert into newebpay_merchant_query%'", Integer.class) > 0);
            other.commit();
        }
        second.get(10, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("select queries from newebpay_merchant_query where merchant = ?",
                Integer.class, merchant)).isEqualTo(2);
    }

    private List<HttpResponse<String>> twiceAtOnce(java.util.concurrent.Callable<HttpResponse<String>> request)
            throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sent.add(threads.submit(() -> {
                together.await(5, TimeUnit.SECONDS);
                return request.call();
            }));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : sent) {
            answers.add(answer.get(30, TimeUnit.SECONDS));
        }
        return answers;
    }

    private HttpResponse<String> create(String orderNo, String amount) {
        return http.post("/api/v1/payments", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"%s","amount":{"value":"%s","currency":"TWD"},
                 "description":"Annual plan"}""".formatted(orderNo, amount));
    }

    private static CreatePaymentCommand createCommand(String orderNo, String amount) {
        return new CreatePaymentCommand(ProviderId.NEWEBPAY, "shop", orderNo, Money.twd(Integer.parseInt(amount)),
                "Annual plan", null, List.of(), null, null);
    }
}
