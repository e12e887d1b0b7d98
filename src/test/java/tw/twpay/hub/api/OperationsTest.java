package tw.twpay.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/** What operators and ERP teams rely on: health, metrics, the schema, the OpenAPI document, the sandbox inbox. */
@HubTest
@AutoConfigureObservability
class OperationsTest {

    @LocalServerPort
    int port;

    @Test
    void healthIsUpAndIncludesCamel() throws Exception {
        HttpResponse<String> response = new HubHttp(port).get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = CanonicalJson.mapper().readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("camelHealth").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theActuatorIsReadOnly() throws Exception {
        HubHttp http = new HubHttp(port);
        HttpResponse<String> stop = http.post("/actuator/camelroutes/outbox-poller/stop", "application/json", "{}");

        assertThat(stop.statusCode()).isEqualTo(405);
        assertThat(stop.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(stop.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(CanonicalJson.mapper().readTree(stop.body()).path("detail").asText()).contains("read-only");
        // the container maps an escaped letter (%61 is a) to the actuator all the same
        assertThat(http.post("/%61ctuator/camelroutes/outbox-poller/stop", "application/json", "{}").statusCode())
                .isEqualTo(405);
        JsonNode routes = CanonicalJson.mapper().readTree(http.get("/actuator/camelroutes").body());
        assertThat(routes.findValuesAsText("id")).contains("outbox-poller");
        for (JsonNode route : routes) {
            if (route.path("id").asText().equals("outbox-poller")) {
                assertThat(route.path("status").asText()).isEqualTo("Started");
            }
        }
    }

    @Test
    void prometheusExposesCamelRouteMetrics() {
        HubHttp http = new HubHttp(port);
        http.get("/api/v1/schema/payment-event.json");
        HttpResponse<String> response = http.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("camel_exchanges_total")
                .containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"get-payment-event-schema\"");
    }

    @Test
    void schemaIsServed() throws Exception {
        HttpResponse<String> response = new HubHttp(port).get("/api/v1/schema/payment-event.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode schema = CanonicalJson.mapper().readTree(response.body());
        assertThat(schema.path("$defs").path("payment").path("properties").has("amount")).isTrue();
    }

    @Test
    void noAnswerRepeatsTheCallersCredentials() {
        // the schema route sets only its Content-Type: whatever the request carried is still on the message
        HubHttp http = HubHttp.anonymous(port);
        HttpResponse<String> response = http.send(http.request("/api/v1/schema/payment-event.json")
                .header("authorization", "Bearer " + HubHttp.TEST_KEY).header("proxy-authorization", "Basic eDp5")
                .header("cookie", "session=secret").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).map(String::toLowerCase)
                .doesNotContain("authorization", "proxy-authorization", "cookie");
    }

    @Test
    void openApiDocumentListsTheErpApi() throws Exception {
        HttpResponse<String> response = new HubHttp(port).get("/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = CanonicalJson.mapper().readTree(response.body()).path("paths");
        assertThat(paths.has("/payments/{provider}/{merchant}/{orderNo}")).isTrue();
        assertThat(paths.has("/dead-letters/{id}/redrive")).isTrue();
    }

    @Test
    void sandboxErpInboxIsListable() {
        HttpResponse<String> response = new HubHttp(port).get("/api/v1/sandbox/erp-inbox");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[");
    }
}
