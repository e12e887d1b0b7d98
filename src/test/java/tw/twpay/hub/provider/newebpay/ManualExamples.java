package tw.twpay.hub.provider.newebpay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tw.twpay.hub.events.CanonicalJson;

/** The NewebPay manuals' own encrypted examples (src/test/resources/vectors/newebpay-manual-examples.json). */
public final class ManualExamples {

    private static final JsonNode DOCUMENT = load();

    public static final String MERCHANT_ID = DOCUMENT.path("merchant").path("MerchantID").asText();
    public static final String HASH_KEY = DOCUMENT.path("merchant").path("HashKey").asText();
    public static final String HASH_IV = DOCUMENT.path("merchant").path("HashIV").asText();

    private ManualExamples() {
    }

    public static JsonNode example(String id) {
        for (JsonNode example : DOCUMENT.path("examples")) {
            if (example.path("id").asText().equals(id)) {
                return example;
            }
        }
        throw new IllegalArgumentException("no manual example " + id);
    }

    public static String cipher(String id) {
        return example(id).path("cipher").asText();
    }

    public static String expected(String id, String field) {
        return example(id).path("expect").path(field).asText();
    }

    public static JsonNode all() {
        return DOCUMENT.path("examples");
    }

    private static JsonNode load() {
        try (InputStream in = ManualExamples.class.getResourceAsStream("/vectors/newebpay-manual-examples.json")) {
            return CanonicalJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
