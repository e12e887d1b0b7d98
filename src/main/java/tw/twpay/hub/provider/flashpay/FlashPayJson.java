package tw.twpay.hub.provider.flashpay;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Reads a decrypted FlashPay JSON object into a flat {@link FlashPayPayload} with Jackson's streaming parser (the
 * notify path parses every request; a tree costs ~1.5x the time, BENCHMARKS.md (a)). Numbers keep their written text
 * ("855.00" stays "855.00"), so amounts are parsed with BigDecimal where they are used, never through a double.
 */
final class FlashPayJson {

    // Source excerpts in Jackson's error locations would put decrypted payment data into logs.
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private FlashPayJson() {
    }

    /** @throws FlashPayDecodeException when the bytes are not one well-formed JSON object */
    static FlashPayPayload parse(byte[] utf8, int offset, int length, String what) {
        Map<String, String> fields = new LinkedHashMap<>(32);
        try (JsonParser parser = JSON.createParser(utf8, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw FlashPayDecodeException.notJson(what);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (value) {
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                            fields.put(name, parser.getText());
                    case START_OBJECT, START_ARRAY -> parser.skipChildren();
                    default -> {
                        // null: left out, as if absent
                    }
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw FlashPayDecodeException.notJson(what);
            }
        } catch (IOException e) {
            throw FlashPayDecodeException.notJson(what);
        }
        return new FlashPayPayload(fields);
    }
}
