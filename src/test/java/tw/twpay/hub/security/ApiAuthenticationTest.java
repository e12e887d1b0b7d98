package tw.twpay.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/** Every ERP API operation needs a known caller with the operation's scope; callbacks and public documents do not. */
@HubTest
@AutoConfigureObservability
class ApiAuthenticationTest {

    private static final String PAYMENT = """
            {"provider":"newebpay","merchant":"shop","orderNo":"%s","amount":{"value":"855","currency":"TWD"},
             "description":"auth test","email":"buyer@example.com"}""";

    /** Every operation of routes/api.camel.yaml and routes/sandbox.camel.yaml, with a body where it takes one. */
    private static final List<Operation> OPERATIONS = List.of(
            new Operation("POST", "/api/v1/payments", PAYMENT.formatted("AUTH_ANON_1"), "payments:write"),
            new Operation("GET", "/api/v1/payments/newebpay/shop/AUTH_X", null, "payments:read"),
            new Operation("POST", "/api/v1/payments/newebpay/shop/AUTH_X/query", null, "payments:read"),
            new Operation("POST", "/api/v1/payments/newebpay/shop/AUTH_X/capture", null, "payments:write"),
            new Operation("POST", "/api/v1/payments/newebpay/shop/AUTH_X/cancel", null, "payments:write"),
            new Operation("POST", "/api/v1/payments/newebpay/shop/AUTH_X/refund",
                    "{\"amount\":{\"value\":\"1\"}}", "payments:write"),
            new Operation("POST", "/api/v1/subscriptions", "{}", "payments:write"),
            new Operation("POST", "/api/v1/subscriptions/newebpay/shop-recurring/AUTH_X/amend",
                    "{\"mandateId\":\"P1\",\"amount\":{\"value\":\"1\"}}", "payments:write"),
            new Operation("POST", "/api/v1/cards/charges", "{}", "cards:write"),
            new Operation("GET", "/api/v1/cards/newebpay/shop/m1/binding?tokenValue=x", null, "cards:write"),
            new Operation("GET", "/api/v1/dead-letters", null, "ops"),
            new Operation("POST", "/api/v1/dead-letters/1/redrive", null, "ops"),
            new Operation("POST", "/api/v1/dead-letters/redrive", null, "ops"),
            new Operation("GET", "/api/v1/sandbox/erp-inbox", null, "ops"));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyOperationRefusesAnonymousCallersWith401AndStoresNothing() throws Exception {
        HubHttp anonymous = HubHttp.anonymous(port);
        int journalBefore = new LedgerRows(jdbc).allJournal();
        for (Operation operation : OPERATIONS) {
            HttpResponse<String> response = operation.send(anonymous);
            assertThat(response.statusCode()).as(operation.toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            JsonNode problem = CanonicalJson.mapper().readTree(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(401);
            assertThat(problem.path("title").asText()).isEqualTo("Unauthorized");
            assertThat(problem.path("error").asText()).contains("Bearer");
        }
        assertThat(new LedgerRows(jdbc).allJournal()).isEqualTo(journalBefore);
    }

    @Test
    void anUnknownKeyIsRefusedLikeNoKey() {
        HttpResponse<String> response = HubHttp.withKey(port, "not-a-configured-key").get("/api/v1/dead-letters");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("not valid");
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
    }

    @Test
    void aKnownCallerWithoutTheScopeGets403NamingIt() throws Exception {
        HubHttp reader = HubHttp.withKey(port, HubHttp.READER_KEY);
        HubHttp ops = HubHttp.withKey(port, HubHttp.OPS_KEY);
        int journalBefore = new LedgerRows(jdbc).allJournal();
        for (Operation operation : OPERATIONS) {
            HubHttp caller = operation.scope().equals("payments:read") ? ops : reader;
            HttpResponse<String> response = operation.send(caller);
            assertThat(response.statusCode()).as(operation.toString()).isEqualTo(403);
            JsonNode problem = CanonicalJson.mapper().readTree(response.body());
            assertThat(problem.path("detail").asText()).as(operation.toString()).contains(operation.scope());
        }
        assertThat(new LedgerRows(jdbc).allJournal()).isEqualTo(journalBefore);
    }

    @Test
    void aCallerWithTheScopeGetsThrough() {
        assertThat(HubHttp.withKey(port, HubHttp.READER_KEY).get("/api/v1/payments/newebpay/shop/AUTH_NONE")
                .statusCode()).isEqualTo(404);
        assertThat(HubHttp.withKey(port, HubHttp.OPS_KEY).get("/api/v1/dead-letters").statusCode()).isEqualTo(200);
        assertThat(HubHttp.withKey(port, HubHttp.OPS_KEY).get("/api/v1/sandbox/erp-inbox").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theSandboxClientOfTheEmbeddedDefaultWorks() {
        assertThat(HubHttp.withKey(port, "twpay-sandbox-key-not-for-production").get("/api/v1/dead-letters")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theCredentialIsOnlyTakenFromTheAuthorizationHeader() {
        HubHttp anonymous = HubHttp.anonymous(port);
        assertThat(anonymous.get("/api/v1/dead-letters?access_token=" + HubHttp.TEST_KEY).statusCode())
                .isEqualTo(401);
        assertThat(anonymous.send(anonymous.request("/api/v1/dead-letters")
                .header("Cookie", "access_token=" + HubHttp.TEST_KEY + "; SESSION=" + HubHttp.TEST_KEY).GET())
                .statusCode()).isEqualTo(401);
        HttpResponse<String> withKey = new HubHttp(port).get("/api/v1/dead-letters");
        assertThat(withKey.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theCallerIsJournalledWithTheCommandItIssued() {
        HttpResponse<String> created = new HubHttp(port).post("/api/v1/payments", "application/json",
                PAYMENT.formatted("AUTH_WHO_1"));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForList("select issued_by from ledger_journal where subject = ?", String.class,
                "AUTH_WHO_1")).containsExactly("test-erp");
    }

    @Test
    void schemaOpenApiAndBareHealthArePublic() throws Exception {
        HubHttp anonymous = HubHttp.anonymous(port);
        assertThat(anonymous.get("/api/v1/schema/payment-event.json").statusCode()).isEqualTo(200);
        HttpResponse<String> openApi = anonymous.get("/api/v1/openapi.json");
        assertThat(openApi.statusCode()).isEqualTo(200);
        JsonNode document = CanonicalJson.mapper().readTree(openApi.body());
        JsonNode scheme = document.path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(document.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");

        HttpResponse<String> health = anonymous.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode status = CanonicalJson.mapper().readTree(health.body());
        assertThat(status.path("status").asText()).isEqualTo("UP");
        assertThat(status.has("components")).isFalse();
    }

    @Test
    void theRestOfTheActuatorNeedsOps() {
        assertThat(HubHttp.anonymous(port).get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(HubHttp.withKey(port, HubHttp.READER_KEY).get("/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(HubHttp.withKey(port, HubHttp.OPS_KEY).get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(HubHttp.withKey(port, HubHttp.OPS_KEY).get("/actuator/health").body()).contains("components");
    }

    @Test
    void providerCallbacksAndTheSimulatorNeedNoCredential() {
        HubHttp anonymous = HubHttp.anonymous(port);
        HttpResponse<String> callback = anonymous.postForm("/callbacks/newebpay/shop/notify",
                java.util.Map.of("MerchantID", "x", "TradeInfo", "00", "TradeSha", "0"));
        assertThat(callback.statusCode()).isEqualTo(400);
        assertThat(anonymous.get("/callbacks/newebpay/shop/return").statusCode()).isEqualTo(200);
    }

    private record Operation(String method, String path, String body, String scope) {

        HttpResponse<String> send(HubHttp http) {
            HttpRequest.Builder request = http.request(path);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            return http.send(request);
        }
    }
}
