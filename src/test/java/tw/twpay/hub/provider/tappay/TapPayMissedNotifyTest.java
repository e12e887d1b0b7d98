package tw.twpay.hub.provider.tappay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * A payment whose answer was lost (5xx) is settled by the poll's Record query, without a second Pay by Prime; so is
 * a capture whose answer was lost, without a second Cap Today.
 */
@HubTest
class TapPayMissedNotifyTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String MERCHANT = TapPayPaymentRouteTest.MERCHANT;

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.tappay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.tappay.missed-notify-cron", () -> "0/1 * * * * ?");
        registry.add("twpay.providers.tappay.missed-notify-after", () -> "PT0S");
        registry.add("twpay.commands.settle-unknown-after", () -> "PT0S");
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theLostPaymentIsSettledByRecordOnItsBankTransactionId() {
        LedgerRows rows = new LedgerRows(jdbc);
        String bankTransactionId = TapPayTrades.bankTransactionId(MERCHANT, "POLL_1");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME)).willReturn(aResponse().withStatus(502)));
        // until TapPay has it, Record knows nothing: the order stays PENDING
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD)).willReturn(aResponse().withStatus(200)
                .withBody("{\"status\":2,\"msg\":\"End of list\",\"trade_records\":[]}")));
        assertThat(new HubHttp(port).post("/api/v1/payments", "application/json",
                TapPayPaymentRouteTest.payment("POLL_1", "250", "TWD", ",\"capture\":\"manual\"")).statusCode())
                .isEqualTo(504);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD))).isEmpty());
        assertThat(rows.orderStatus("POLL_1")).isEqualTo("PENDING");

        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.bank_transaction_id", equalTo(bankTransactionId)))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"status":2,"msg":"End of list","trade_records":[{"rec_trade_id":"DPOLL1",
                         "bank_transaction_id":"%s","amount":250,"currency":"TWD","record_status":0,
                         "is_captured":false,"auth_code":"222222"}]}""".formatted(bankTransactionId))));

        await().atMost(Duration.ofSeconds(20)).until(() -> "AUTHORIZED".equals(rows.orderStatus("POLL_1")));
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo("POLL_1"))))).hasSize(1);
        assertThat(jdbc.queryForObject("select source from ledger_journal where subject = 'POLL_1' and status = "
                + "'AUTHORIZED'", String.class)).isEqualTo("QUERY");
    }

    @Test
    void aCaptureWithAnUnknownOutcomeIsSettledByThePollsRecordQuery() {
        LedgerRows rows = new LedgerRows(jdbc);
        HubHttp http = new HubHttp(port);
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME))
                .withRequestBody(matchingJsonPath("$.order_number", equalTo("POLL_CAP")))
                .willReturn(aResponse().withStatus(200).withBody(TapPayPaymentRouteTest.paid("POLL_CAP", 700, ""))));
        assertThat(http.post("/api/v1/payments", "application/json", TapPayPaymentRouteTest.payment("POLL_CAP", "700",
                "TWD", ",\"capture\":\"manual\"")).body()).contains("AUTHORIZED");
        gateway.stubFor(post(urlEqualTo(TapPayPaths.CAP_TODAY)).willReturn(aResponse().withStatus(502)));

        assertThat(http.post("/api/v1/payments/tappay/" + MERCHANT + "/POLL_CAP/capture", "application/json", "")
                .statusCode()).isEqualTo(504);
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD))
                .withRequestBody(matchingJsonPath("$.filters.rec_trade_id", equalTo("DPOLLCAP")))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"status":2,"msg":"End of list","trade_records":[{"rec_trade_id":"DPOLLCAP",
                         "bank_transaction_id":"%s","amount":700,"currency":"TWD","record_status":0,
                         "is_captured":false,"cap_millis":1764200000000,"auth_code":"222222"}]}"""
                        .formatted(TapPayTrades.bankTransactionId(MERCHANT, "POLL_CAP")))));

        await().atMost(Duration.ofSeconds(20)).until(() -> "CAPTURE_REQUESTED".equals(rows.orderStatus("POLL_CAP")));
        await().atMost(Duration.ofSeconds(5)).until(() -> rows.operationsInFlight("POLL_CAP") == 0);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.CAP_TODAY)))).hasSize(1);
    }
}
