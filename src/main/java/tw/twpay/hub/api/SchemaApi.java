package tw.twpay.hub.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** Serves the JSON Schema of the canonical events, the contract ERP teams validate against. */
@Component("schemaApi")
public class SchemaApi {

    private final String paymentEventSchema = load("/schema/payment-event.json");

    private final String reconciliationEventSchema = load("/schema/reconciliation-event.json");

    public String paymentEvent() {
        return paymentEventSchema;
    }

    public String reconciliationEvent() {
        return reconciliationEventSchema;
    }

    private static String load(String path) {
        try (InputStream in = SchemaApi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema " + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
