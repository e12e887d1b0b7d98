package tw.twpay.hub.sandbox.flashpay;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tw.twpay.hub.TwpayHubApplication;
import tw.twpay.hub.provider.flashpay.FlashPayMerchants;

/** With twpay.sandbox.enabled=false the FlashPay simulator has no beans and its routes do not run. */
class FlashPaySandboxFenceTest {

    @Test
    void noSimulatorWithoutTheSandbox() {
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(TwpayHubApplication.class).run(
                "--server.port=0", "--spring.datasource.url=jdbc:h2:mem:flashpay-fence-" + System.nanoTime()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--twpay.sandbox.enabled=false", "--camel.main.name=flashpay-fence",
                "--twpay.providers.newebpay.merchants.shop.environment=test",
                "--twpay.providers.newebpay.merchants.shop-recurring.environment=test",
                "--twpay.providers.flashpay.merchants.shop-flashpay.environment=test",
                "--twpay.providers.tappay.merchants.shop-tappay.environment=test",
                "--twpay.providers.tappay.merchants.shop-tappay.backend-notify=false")) {
            assertThat(hub.getBeanNamesForType(FlashPayTradePageSimulator.class)).isEmpty();
            assertThat(hub.getBeanNamesForType(SimulatedFlashPayTrades.class)).isEmpty();
            assertThat(hub.getBean(FlashPayMerchants.class).require("shop-flashpay").tradeUrl())
                    .isEqualTo("https://demo.flashpayvpn.xyz/trade.php");
            CamelContext camel = hub.getBean(CamelContext.class);
            assertThat(camel.getRouteController().getRouteStatus("flashpay-sandbox-trade"))
                    .isNotEqualTo(ServiceStatus.Started);
            assertThat(camel.getRouteController().getRouteStatus("flashpay-notify-callback")).isEqualTo(ServiceStatus.Started);
        }
    }
}
