package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The query an HTTP webhook gets: the ERP's own parameters as configured, never the Camel options among them. */
class WebhookQueryTest {

    private static String erpQueryOf(String uri) {
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            return new WebhookQuery(properties(uri)).rawQuery(camel);
        } finally {
            camel.stop();
        }
    }

    private static DeliveryProperties properties(String uri) {
        return new DeliveryProperties(uri, true, 2, 50, 2.0, 200, 50, 50, 4, 10_000, 1000,
                java.time.Duration.ofHours(1));
    }

    @Test
    void camelOptionsAreLeftOutAndTheErpsParametersKeepTheirOrderAndEncoding() {
        assertThat(erpQueryOf("http://erp.example/hook?token=a%20b&connectionsPerRoute=30&authPassword=x"))
                .isEqualTo("token=a%20b");
        assertThat(erpQueryOf("https://erp.example/hook?z=1&httpMethod=POST&a=b+c&a=d&authUsername=erp"
                + "&authPassword=RAW(p&ss=w)&sig=%2Fx"))
                .isEqualTo("z=1&a=b+c&a=d&sig=%2Fx");
    }

    @Test
    void onlyCamelOptionsOrNoQueryAtAllMeanNoQuery() {
        assertThat(erpQueryOf("http://erp.example/hook?connectionsPerRoute=30")).isNull();
        assertThat(erpQueryOf("http://erp.example/hook")).isNull();
        assertThat(erpQueryOf("direct:erp")).isNull();
    }
}
