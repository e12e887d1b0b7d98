package tw.twpay.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;

/** Validates emitted events against the schema the hub ships and serves. */
public final class CanonicalEventSchema {

    private static final JsonSchema SCHEMA = load();

    private CanonicalEventSchema() {
    }

    private static JsonSchema load() {
        InputStream in = CanonicalEventSchema.class.getResourceAsStream("/schema/payment-event.json");
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    }

    public static Set<ValidationMessage> validate(JsonNode event) {
        return SCHEMA.validate(event);
    }

    public static void assertValid(JsonNode event) {
        assertThat(validate(event)).as("schema violations of %s", event).isEmpty();
    }
}
