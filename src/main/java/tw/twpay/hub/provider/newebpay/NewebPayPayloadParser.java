package tw.twpay.hub.provider.newebpay;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Turns a NewebPay answer into a {@link NewebPayPayload}, whichever RespondType the gateway used:
 * <ul>
 *   <li>JSON: {@code {"Status":..,"Message":..,"Result":{...}}}, where some APIs send Result as a JSON string, and
 *       failures send it as {@code null}, {@code ""} or {@code []};</li>
 *   <li>String: {@code Status=SUCCESS&Message=..&MerchantID=..}, flat, or with the Result fields spelled
 *       {@code Result[MerchantID]=..}.</li>
 * </ul>
 * In both forms every field other than Status and Message is Result data; when a field appears both inside Result
 * and at the top level, the one inside Result wins, since the top-level copy describes the envelope (e.g. the
 * platform's MerchantID around a sub-merchant's Result).
 *
 * <p>JSON is read with Jackson's streaming parser: the notify path parses every request, and building a tree first
 * costs ~1.5x the time and twice the allocation (BENCHMARKS.md). Thread-safe (the factory is immutable once built).
 */
public final class NewebPayPayloadParser {

    private static final String STATUS = "Status";
    private static final String MESSAGE = "Message";
    private static final String RESULT = "Result";
    private static final String RESULT_FIELD_PREFIX = "Result[";

    // Source excerpts in Jackson's error locations would put decrypted payment data into logs.
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private NewebPayPayloadParser() {
    }

    /** @throws NewebPayDecodeException when the text is neither well-formed JSON nor form text, or lacks Status */
    public static NewebPayPayload parse(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return parse(utf8, 0, utf8.length);
    }

    /** Parses UTF-8 text held in {@code utf8[offset, offset+length)}, e.g. straight from a decryption buffer. */
    public static NewebPayPayload parse(byte[] utf8, int offset, int length) {
        int first = offset;
        int end = offset + length;
        while (first < end && isJsonWhitespace(utf8[first])) {
            first++;
        }
        if (first < end && utf8[first] == '{') {
            return parseJson(utf8, offset, length);
        }
        return parseForm(new String(utf8, offset, length, StandardCharsets.UTF_8));
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static NewebPayPayload parseJson(byte[] utf8, int offset, int length) {
        String status = null;
        String message = null;
        Map<String, String> result = new NewebPayPayload.ParsedFields();
        Map<String, String> envelopeFields = null;
        try (JsonParser parser = JSON.createParser(utf8, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new NewebPayDecodeException("payload is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case STATUS -> status = valueText(parser, value);
                    case MESSAGE -> message = valueText(parser, value);
                    case RESULT -> readResult(parser, value, result);
                    default -> {
                        String text = valueText(parser, value);
                        if (text != null) {
                            if (envelopeFields == null) {
                                envelopeFields = new LinkedHashMap<>();
                            }
                            envelopeFields.put(name, text);
                        }
                    }
                }
            }
        } catch (IOException malformed) {
            // Not chained: Jackson's message quotes the offending character of the decrypted payload.
            throw new NewebPayDecodeException("payload is not valid JSON");
        }
        return payload(status, message, result, envelopeFields);
    }

    private static void readResult(JsonParser parser, JsonToken value, Map<String, String> result)
            throws IOException {
        switch (value) {
            case START_OBJECT -> readFlatObject(parser, result);
            case VALUE_NULL -> { }
            case START_ARRAY -> {
                // PHP's json_encode turns an empty Result into [] on failures.
                if (parser.nextToken() != JsonToken.END_ARRAY) {
                    throw new NewebPayDecodeException("Result is a non-empty JSON array");
                }
            }
            case VALUE_STRING -> readResultText(parser.getText(), result);
            default -> throw new NewebPayDecodeException("Result is neither a JSON object nor JSON text");
        }
    }

    /** Some APIs double-encode Result as a JSON string holding an object. */
    private static void readResultText(String text, Map<String, String> result) throws IOException {
        if (text.isBlank()) {
            return;
        }
        try (JsonParser nested = JSON.createParser(text)) {
            if (nested.nextToken() != JsonToken.START_OBJECT) {
                throw new NewebPayDecodeException("Result is text but not a JSON object");
            }
            readFlatObject(nested, result);
        }
    }

    /** Reads the object's members after its START_OBJECT; nested objects/arrays are kept as compact JSON text. */
    private static void readFlatObject(JsonParser parser, Map<String, String> into) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String text = valueText(parser, parser.nextToken());
            if (text != null) {
                into.put(name, text);
            }
        }
    }

    /** Scalars as their plain text (numbers exactly as written), structures as compact JSON, null as null. */
    private static String valueText(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> {
                StringWriter json = new StringWriter();
                try (JsonGenerator generator = JSON.createGenerator(json)) {
                    generator.copyCurrentStructure(parser);
                }
                yield json.toString();
            }
            default -> throw new NewebPayDecodeException("payload has an unexpected JSON token");
        };
    }

    private static NewebPayPayload parseForm(String form) {
        String status = null;
        String message = null;
        Map<String, String> result = new NewebPayPayload.ParsedFields();
        Map<String, String> envelopeFields = null;
        for (Map.Entry<String, String> field : NewebPayFormEncoding.decode(form).entrySet()) {
            String name = field.getKey();
            if (STATUS.equals(name)) {
                status = field.getValue();
            } else if (MESSAGE.equals(name)) {
                message = field.getValue();
            } else if (name.startsWith(RESULT_FIELD_PREFIX) && name.endsWith("]")) {
                result.put(name.substring(RESULT_FIELD_PREFIX.length(), name.length() - 1), field.getValue());
            } else {
                if (envelopeFields == null) {
                    envelopeFields = new LinkedHashMap<>();
                }
                envelopeFields.put(name, field.getValue());
            }
        }
        return payload(status, message, result, envelopeFields);
    }

    private static NewebPayPayload payload(String status, String message, Map<String, String> result,
                                           Map<String, String> envelopeFields) {
        if (status == null) {
            throw new NewebPayDecodeException("payload has no Status");
        }
        if (envelopeFields != null) {
            envelopeFields.forEach(result::putIfAbsent);
        }
        return new NewebPayPayload(status, message, result);
    }
}
