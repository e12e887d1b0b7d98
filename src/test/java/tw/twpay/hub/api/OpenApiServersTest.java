package tw.twpay.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/** The OpenAPI document tells ERP developers where the API is: the hub's public base URL, not the test's Host. */
@HubTest
@TestPropertySource(properties = "twpay.public-base-url=https://pay.example.com:8443/twpay")
class OpenApiServersTest {

    @LocalServerPort
    int port;

    @Test
    void serversEntryIsThePublicBaseUrl() throws Exception {
        JsonNode openApi = CanonicalJson.mapper().readTree(new HubHttp(port).get("/api/v1/openapi.json").body());
        assertThat(openApi.path("servers")).hasSize(1);
        assertThat(openApi.path("servers").get(0).path("url").asText()).isEqualTo("https://pay.example.com:8443/twpay/api/v1");
    }
}
