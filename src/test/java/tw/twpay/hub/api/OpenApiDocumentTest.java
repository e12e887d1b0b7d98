package tw.twpay.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * The OpenAPI document says what the API does: who may call each operation, and what each POST's body may hold —
 * written from, and checked against, the fields the parsers accept.
 */
@HubTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandBodies bodies;

    JsonNode document;

    @BeforeEach
    void setUp() throws Exception {
        document = CanonicalJson.mapper().readTree(HubHttp.anonymous(port).get("/api/v1/openapi.json").body());
    }

    /** Every operation as "method path" with its node. */
    List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op ->
                    operations.add(Map.entry(op.getKey() + " " + path.getKey(), op.getValue())));
        }
        return operations;
    }

    JsonNode operation(String id) {
        return operations().stream().map(Map.Entry::getValue)
                .filter(op -> op.path("operationId").asText().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyPostHasARequestBody() {
        List<String> posts = operations().stream().filter(op -> op.getKey().startsWith("post ")).map(op -> {
            JsonNode body = op.getValue().path("requestBody");
            assertThat(body.path("content").size()).as(op.getKey()).isPositive();
            assertThat(body.path("description").asText()).as(op.getKey()).isNotBlank();
            return op.getKey();
        }).toList();
        assertThat(posts).hasSizeGreaterThan(15).contains("post /payments/{provider}/{merchant}/{orderNo}/{operation}");
    }

    @Test
    void thePublicOperationsCarryNoSecurityAndAreOpenWhileEveryOtherNeedsTheBearer() {
        assertThat(document.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        HubHttp anonymous = HubHttp.anonymous(port);
        int publicOperations = 0;
        for (Map.Entry<String, JsonNode> op : operations()) {
            String path = op.getKey().substring(op.getKey().indexOf(' ') + 1);
            boolean get = op.getKey().startsWith("get ");
            if (op.getValue().has("security")) {
                assertThat(op.getValue().path("security").isArray() && op.getValue().path("security").isEmpty())
                        .as(op.getKey()).isTrue();
                assertThat(get).as(op.getKey()).isTrue();
                assertThat(anonymous.get("/api/v1" + path).statusCode()).as(op.getKey()).isEqualTo(200);
                publicOperations++;
            } else if (get && !path.contains("{")) {
                assertThat(anonymous.get("/api/v1" + path).statusCode()).as(op.getKey()).isEqualTo(401);
            }
        }
        assertThat(publicOperations).isEqualTo(2);
        assertThat(operation("get-payment-event-schema").path("security").isEmpty()).isTrue();
        assertThat(operation("list-dead-letters").has("security")).isFalse();
    }

    @Test
    void everyOperationDocumentsItsSuccessAndTheErrorsItAnswersAsProblems() {
        for (Map.Entry<String, JsonNode> op : operations()) {
            JsonNode responses = op.getValue().path("responses");
            assertThat(responses.has("default")).as(op.getKey() + " " + responses).isFalse();
            List<String> statuses = new ArrayList<>();
            responses.fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as(op.getKey()).filteredOn(status -> status.startsWith("2")).hasSize(1);
            assertThat(statuses).as(op.getKey()).contains("500");
            responses.fields().forEachRemaining(response -> {
                assertThat(response.getValue().path("description").asText()).as(op.getKey() + " " + response.getKey())
                        .isNotBlank();
                if (!response.getKey().startsWith("2")) {
                    assertThat(response.getValue().path("content").path("application/problem+json").path("schema")
                            .path("$ref").asText()).as(op.getKey() + " " + response.getKey())
                            .isEqualTo("#/components/schemas/Problem");
                }
            });
        }
        assertThat(document.path("components").path("schemas").path("Problem").path("required").toString())
                .isEqualTo("[\"type\",\"title\",\"status\",\"detail\"]");
        assertThat(operation("start-reconciliation").path("responses").has("202")).isTrue();
        assertThat(operation("start-reconciliation").path("responses").has("200")).isFalse();
        assertThat(operation("redrive-dead-letter").path("responses").has("404")).isTrue();
        assertThat(operation("redrive-dead-letter").path("responses").has("409")).isTrue();
        assertThat(operation("operate-on-payment").path("responses").fieldNames()).toIterable()
                .contains("200", "400", "401", "403", "404", "409", "422", "502", "503", "504");
        assertThat(operation("get-payment-event-schema").path("responses").has("401")).isFalse();
    }

    /** What the hub answers is what the document says it answers. */
    @Test
    void theErrorsTheHubAnswersAreTheOnesDocumented() {
        HubHttp http = new HubHttp(port);
        assertDocumented("list-dead-letters", http.get("/api/v1/dead-letters?after=last").statusCode());
        assertDocumented("list-dead-letters", HubHttp.anonymous(port).get("/api/v1/dead-letters").statusCode());
        assertDocumented("list-dead-letters",
                HubHttp.withKey(port, HubHttp.READER_KEY).get("/api/v1/dead-letters").statusCode());
        assertDocumented("redrive-dead-letter",
                http.post("/api/v1/dead-letters/999999/redrive", "application/json", "").statusCode());
        assertDocumented("get-reconciliation", http.get("/api/v1/reconciliations/no-such-run").statusCode());
        assertDocumented("create-payment", http.post("/api/v1/payments", "text/plain", "x").statusCode());
    }

    private void assertDocumented(String operationId, int status) {
        assertThat(status).isGreaterThanOrEqualTo(400);
        assertThat(operation(operationId).path("responses").has(String.valueOf(status)))
                .as(operationId + " answered " + status).isTrue();
    }

    @Test
    void theBearerSchemeNamesTheScopeOfEveryPath() {
        String description = document.path("components").path("securitySchemes").path("bearer")
                .path("description").asText();
        assertThat(description).contains("ops (/dead-letters/**, /operations-in-flight/**, /reconciliations/**, /sandbox/**)")
                .contains("cards:write (/cards/**)").contains("payments:read").contains("payments:write");
    }

    @Test
    void theCardBindingQueryListsItsRequiredTokenValue() {
        JsonNode parameters = operation("get-card-binding").path("parameters");
        JsonNode tokenValue = null;
        for (JsonNode parameter : parameters) {
            if (parameter.path("name").asText().equals("tokenValue")) {
                tokenValue = parameter;
            }
        }
        assertThat(tokenValue).isNotNull();
        assertThat(tokenValue.path("in").asText()).isEqualTo("query");
        assertThat(tokenValue.path("required").asBoolean()).isTrue();
    }

    @Test
    void aBodySchemaListsExactlyTheFieldsTheParsersAcceptAndTheMoneyShape() {
        JsonNode schema = operation("create-payment").path("requestBody").path("content").path("application/json")
                .path("schema");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        Set<String> accepted = new TreeSet<>();
        for (ProviderId provider : List.of(ProviderId.NEWEBPAY, ProviderId.TAPPAY, ProviderId.FLASHPAY)) {
            bodies.fields(CommandBody.CREATE_PAYMENT, provider).forEach(field -> accepted.add(field.name()));
        }
        Set<String> documented = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).isEqualTo(accepted).contains("installments", "prime", "phone");
        assertThat(schema.path("required").toString()).isEqualTo(
                "[\"provider\",\"merchant\",\"orderNo\",\"amount\",\"description\"]");
        assertThat(schema.path("properties").path("amount").path("allOf").get(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/Money");
        assertThat(schema.path("properties").path("instalment").path("deprecated").asBoolean()).isTrue();
        assertThat(schema.path("properties").path("prime").path("description").asText())
                .contains("Read only by tappay").contains("required by tappay");

        JsonNode money = document.path("components").path("schemas").path("Money");
        assertThat(money.path("required").toString()).isEqualTo("[\"value\"]");
        assertThat(money.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(money.path("properties").path("value").path("type").asText()).isEqualTo("string");

        JsonNode operations = operation("operate-on-payment").path("requestBody");
        assertThat(operations.path("required").asBoolean(true)).isFalse();
        assertThat(operations.path("content").path("application/json").path("schema").path("properties")
                .path("refundId").path("description").asText()).contains("Read only by tappay cancel-refund");
    }

    @Test
    void everyExampleIsABodyTheParsersAccept() {
        int examples = 0;
        for (OpenApiBodies.Body body : OpenApiBodies.BODIES.values()) {
            for (OpenApiBodies.Example example : body.examples()) {
                List<ProviderId> providers = example.provider() == null
                        ? List.of(ProviderId.NEWEBPAY, ProviderId.TAPPAY, ProviderId.FLASHPAY)
                        : List.of(ProviderId.of(example.provider()));
                for (ProviderId provider : providers) {
                    assertThatCode(() -> bodies.requireKnownFields(RequestJson.object(example.json()),
                            example.request(), provider)).as(example.name() + " at " + provider)
                            .doesNotThrowAnyException();
                }
                examples++;
            }
        }
        assertThat(examples).isGreaterThan(10);
        JsonNode served = operation("create-payment").path("requestBody").path("content").path("application/json")
                .path("examples");
        assertThat(served.path("tappay").path("value").path("installments").asInt()).isEqualTo(3);
    }
}
