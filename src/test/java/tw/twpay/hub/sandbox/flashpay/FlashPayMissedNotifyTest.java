package tw.twpay.hub.sandbox.flashpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * The flashpay-missed-notify-poll route against the simulator: a payment whose notify was lost is settled by the
 * poll's 107 query, and an order FlashPay never heard of stays PENDING.
 */
@HubTest
class FlashPayMissedNotifyTest {

    private static int port;

    @DynamicPropertySource
    static void pollEverySecond(DynamicPropertyRegistry registry) {
        port = FlashPayHubPort.register(registry);
        registry.add("twpay.providers.flashpay.missed-notify-cron", () -> "0/1 * * * * ?");
        registry.add("twpay.providers.flashpay.missed-notify-after", () -> "PT0S");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPaymentWhoseNotifyWasLostIsSettledByThePollsQuery() {
        HubHttp http = new HubHttp(port);
        LedgerRows rows = new LedgerRows(jdbc);
        for (String orderNo : new String[] {"FPLOST1", "FPNEVERPAID1"}) {
            assertThat(http.post("/api/v1/payments", "application/json", """
                    {"provider":"flashpay","merchant":"shop-flashpay","orderNo":"%s","amount":{"value":"640","currency":"TWD"},
                     "description":"Lost notify"}""".formatted(orderNo)).statusCode()).isEqualTo(200);
        }
        assertThat(http.postForm("/sandbox/flashpay/control/pay-silently",
                Map.of("mid", "HT00000002", "ord_no", "FPLOST1", "amt", "640")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> "AUTHORIZED".equals(rows.orderStatus("FPLOST1")));
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = 'FPLOST1' and source = 'QUERY'",
                Integer.class)).as("one QUERY fact, however often the poll ran").isEqualTo(1);
        assertThat(rows.orderStatus("FPNEVERPAID1")).isEqualTo("PENDING");
    }
}
