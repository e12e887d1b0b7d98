package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What the start-up check says about the delivery concurrency against the ERP's HTTP connection pool. */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryConfigurationCheckTest {

    private static DeliveryProperties delivering(String uri, int concurrency) {
        return new DeliveryProperties(uri, true, 5, 1000, 2.0, 60000, 500, 50, concurrency, 60000, 10000, Duration.ofDays(30));
    }

    @Test
    void aConcurrencyAboveTheConnectionsPerHostIsSaidAtStartUp(CapturedOutput output) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            new DeliveryConfigurationCheck(delivering("http://erp.example/events?token=abc", 32))
                    .beforeApplicationStart(camel);
        }
        assertThat(output.getAll()).contains("twpay.delivery.concurrency=32 but the ERP's HTTP pool holds 20"
                + " connections").doesNotContain("token=abc");
    }

    @Test
    void aConcurrencyTheConnectionsCoverIsNotMentioned(CapturedOutput output) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            new DeliveryConfigurationCheck(delivering("http://erp.example/events", 8)).beforeApplicationStart(camel);
            // camel.component.http.connections-per-route=64
            camel.getComponent("http", HttpComponent.class).setConnectionsPerRoute(64);
            new DeliveryConfigurationCheck(delivering("http://erp.example/other-events", 32))
                    .beforeApplicationStart(camel);
        }
        assertThat(output.getAll()).doesNotContain("twpay.delivery.concurrency");
    }
}
