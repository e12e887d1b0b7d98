package tw.twpay.hub.provider.flashpay;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * 1|OK means stored: a notify FlashPay confirmed but the ledger could not store is answered 503, not 1|OK, so
 * FlashPay sends it again. (This test closes the hub's connection pool: its context is thrown away after.)
 */
@HubTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FlashPayLedgerDownTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.flashpay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    FlashPayMerchants merchants;
    @Autowired
    DataSource dataSource;

    @Test
    void aConfirmedNotifyTheLedgerCannotStoreIsNotAcknowledged() throws java.sql.SQLException {
        HubHttp http = new HubHttp(port);
        FlashPayMerchant shop = merchants.require("shop-flashpay");
        FlashPayGatewayStub flashPay = new FlashPayGatewayStub(gateway);
        assertThat(http.post("/api/v1/payments", "application/json", """
                {"provider":"flashpay","merchant":"shop-flashpay","orderNo":"FPDOWN1","amount":{"value":"855","currency":"TWD"},
                 "description":"Ledger down"}""").statusCode()).isEqualTo(200);
        flashPay.answers(shop, FlashPayGatewayStub.queryAnswer(shop, "FPDOWN1", "02", "855.00", "0.00", "0.00"));
        String notice = """
                {"ver":"1.0.0","tx_type":104,"mer_id":"HT00000002","order_no":"%s","ord_no":"FPDOWN1",\
                "ord_time":"2026-11-26 11:38:38+08","ret_code":"00","auth_id_resp":"952931","amt":"0.00","tx_amt":"855.00"}"""
                .formatted(FlashPayGatewayStub.FLASHPAY_ORDER_NO);

        dataSource.unwrap(HikariDataSource.class).close();
        HttpResponse<String> response = http.postForm("/callbacks/flashpay/shop-flashpay/notify",
                FlashPayGatewayStub.notifyForm(shop, notice));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("1|OK");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(FlashPayGatewayStub.QUERY_PATH)))).hasSize(1);
    }
}
