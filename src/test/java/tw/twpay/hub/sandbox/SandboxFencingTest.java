package tw.twpay.hub.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tw.twpay.hub.sandbox.newebpay.NewebPayGatewaySimulator;
import tw.twpay.hub.sandbox.newebpay.SandboxMerchants;
import tw.twpay.hub.sandbox.newebpay.SimulatedTrades;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/** With the sandbox off the hub starts without any simulator: no beans, no routes, /sandbox/** is 404. */
@HubTest
@TestPropertySource(properties = {
        "twpay.sandbox.enabled=false",
        "twpay.providers.newebpay.merchants.shop.environment=test",
        "twpay.providers.newebpay.merchants.shop-recurring.environment=test",
        "twpay.providers.flashpay.merchants.shop-flashpay.environment=test",
        "twpay.providers.tappay.merchants.shop-tappay.environment=test",
        "twpay.providers.tappay.merchants.shop-tappay.backend-notify=false"})
class SandboxFencingTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext spring;
    @Autowired
    CamelContext camel;

    @Test
    void noSimulatorBeanExists() {
        assertThat(spring.getBeanNamesForType(NewebPayGatewaySimulator.class)).isEmpty();
        assertThat(spring.getBeanNamesForType(SandboxMerchants.class)).isEmpty();
        assertThat(spring.getBeanNamesForType(SimulatedTrades.class)).isEmpty();
        assertThat(spring.getBeanNamesForType(SandboxErpInbox.class)).isEmpty();
        assertThat(spring.getBeanNamesForType(tw.twpay.hub.sandbox.tappay.TapPayGatewaySimulator.class)).isEmpty();
    }

    @Test
    void noSandboxRouteIsLoaded() {
        assertThat(camel.getRoutes()).extracting(route -> route.getRouteId())
                .isNotEmpty()
                .noneMatch(id -> id.contains("sandbox"));
    }

    @Test
    void sandboxPathsAreNotServed() throws Exception {
        HubHttp http = new HubHttp(port);
        HttpResponse<String> mpg = http.postForm("/sandbox/newebpay/MPG/mpg_gateway", Map.of("MerchantID", "x"));
        HttpResponse<String> query = http.postForm("/sandbox/newebpay/API/QueryTradeInfo", Map.of("MerchantID", "x"));
        HttpResponse<String> inbox = http.get("/api/v1/sandbox/erp-inbox");
        HttpResponse<String> tapPay = http.post("/sandbox/tappay/tpc/transaction/query", "application/json", "{}");

        assertThat(mpg.statusCode()).isEqualTo(404);
        assertThat(query.statusCode()).isEqualTo(404);
        assertThat(inbox.statusCode()).isEqualTo(404);
        assertThat(tapPay.statusCode()).isEqualTo(404);
    }
}
