package tw.twpay.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.openapi.OpenApiRestApiProcessorFactory;
import org.apache.camel.spi.RestApiProcessorFactory;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.stereotype.Component;
import tw.twpay.hub.web.ProblemDocument;

/**
 * The OpenAPI document of {@code /api/v1/openapi.json}: Camel's, from the rest DSL of routes/api.camel.yaml, completed
 * with what the rest DSL cannot say. Every POST gets its request body, written from the fields the parsers accept
 * ({@link CommandBodies}: canonical fields and each provider's own), with examples; the public operations (the
 * schemas, see ApiSecurityConfiguration) get an empty {@code security}, overriding the document-wide bearer. Every
 * operation gets its responses ({@link OpenApiResponses}): its success status and the errors it can answer, as
 * problem documents (Camel's own is a lone {@code default} without a description).
 * Camel finds this factory in the registry before its own, which it wraps.
 */
@Component
public class OpenApiDocument implements RestApiProcessorFactory {

    /** Paths (below the API's context path) anyone may read. */
    static final String PUBLIC_PATH_PREFIX = "/schema/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestApiProcessorFactory camel = new OpenApiRestApiProcessorFactory();
    private final RequestBodySchemas schemas;

    public OpenApiDocument(CommandBodies commandBodies) {
        this.schemas = new RequestBodySchemas(commandBodies);
    }

    @Override
    public Processor createApiProcessor(CamelContext camelContext, String contextPath, RestConfiguration configuration,
                                        Map<String, Object> parameters) throws Exception {
        return new Completing(camel.createApiProcessor(camelContext, contextPath, configuration, parameters));
    }

    /** Camel's processor, then the completion; its lifecycle is Camel's processor's. */
    private final class Completing extends ServiceSupport implements Processor {

        private final Processor generated;

        Completing(Processor generated) {
            this.generated = generated;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            generated.process(exchange);
            String text = exchange.getMessage().getBody(String.class);
            if (text == null || !text.stripLeading().startsWith("{")) {
                return; // the YAML rendering, or nothing: left as Camel made it
            }
            exchange.getMessage().setBody(JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(complete((ObjectNode) JSON.readTree(text))));
            exchange.getMessage().removeHeader(Exchange.CONTENT_LENGTH);
        }

        @Override
        protected void doInit() throws Exception {
            ServiceHelper.initService(generated);
        }

        @Override
        protected void doStart() throws Exception {
            ServiceHelper.startService(generated);
        }

        @Override
        protected void doStop() throws Exception {
            ServiceHelper.stopService(generated);
        }
    }

    ObjectNode complete(ObjectNode document) {
        document.withObject("components").withObject("schemas").set("Money", RequestBodySchemas.money());
        document.withObject("components").withObject("schemas").set("Problem", problem());
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                ObjectNode operation = (ObjectNode) op.getValue();
                boolean isPublic = path.getKey().startsWith(PUBLIC_PATH_PREFIX);
                if (isPublic) {
                    operation.putArray("security");
                }
                boolean isPost = "post".equals(op.getKey());
                String operationId = operation.path("operationId").asText();
                OpenApiBodies.Body body = OpenApiBodies.BODIES.get(operationId);
                if (body != null && isPost) {
                    operation.set("requestBody", requestBody(operationId, body));
                }
                OpenApiResponses.Answers answers = OpenApiResponses.BY_OPERATION.get(operationId);
                if (answers != null) {
                    operation.set("responses", responses(answers, OpenApiResponses.errors(answers, isPublic, isPost)));
                }
            }
        }
        return document;
    }

    /** The success response, then each error as a problem document. */
    private static ObjectNode responses(OpenApiResponses.Answers answers, Iterable<Integer> errors) {
        ObjectNode responses = JSON.createObjectNode();
        responses.putObject(String.valueOf(answers.success())).put("description", answers.description());
        for (int status : errors) {
            ObjectNode error = responses.putObject(String.valueOf(status));
            error.put("description", OpenApiResponses.ERRORS.get(status));
            error.withObject("content").withObject(ProblemDocument.MEDIA_TYPE).withObject("schema")
                    .put("$ref", "#/components/schemas/Problem");
        }
        return responses;
    }

    /** The RFC 9457 problem document every error answer is (web/ProblemDocument). */
    private static ObjectNode problem() {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "object");
        problem.putArray("required").add("type").add("title").add("status").add("detail");
        ObjectNode properties = problem.putObject("properties");
        properties.putObject("type").put("type", "string").put("description", "about:blank: the status says it all");
        properties.putObject("title").put("type", "string").put("description", "the status phrase");
        properties.putObject("status").put("type", "integer").put("description", "the HTTP status");
        properties.putObject("detail").put("type", "string").put("description", "the reason");
        properties.putObject("error").put("type", "string").put("deprecated", true)
                .put("description", "the same reason, for clients written before the problem format");
        return problem;
    }

    private ObjectNode requestBody(String operationId, OpenApiBodies.Body body) {
        ObjectNode requestBody = JSON.createObjectNode();
        requestBody.put("description", body.description());
        if (operationId.equals("import-settlement-file")) {
            requestBody.put("required", true);
            ObjectNode csv = requestBody.withObject("content").withObject("text/csv");
            csv.withObject("schema").put("type", "string");
            csv.put("example", "order_no,trade_no,status,amount,currency,time\n"
                    + "ORDER1,26112510000001,CAPTURED,855,TWD,2026-11-25 10:00:00\n");
            return requestBody;
        }
        ObjectNode schema = !body.requests().isEmpty() ? schemas.of(body.requests())
                : !body.readElsewhere().isEmpty() ? RequestBodySchemas.plain(body.readElsewhere())
                : RequestBodySchemas.noBody();
        requestBody.put("required", !schema.path("required").isEmpty());
        ObjectNode json = requestBody.withObject("content").withObject("application/json");
        json.set("schema", schema);
        if (!body.examples().isEmpty()) {
            ObjectNode examples = json.withObject("examples");
            for (OpenApiBodies.Example example : body.examples()) {
                try {
                    examples.withObject(example.name()).set("value", JSON.readTree(example.json()));
                } catch (IOException e) {
                    throw new IllegalStateException("example " + example.name() + " is not JSON", e);
                }
            }
        }
        return requestBody;
    }
}
