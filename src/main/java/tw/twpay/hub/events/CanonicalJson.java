package tw.twpay.hub.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON form of canonical data. Kept apart from Spring's mapper so that a change to web settings can never
 * change what ERPs receive: amounts are decimal strings, times ISO-8601 with their offset, nulls left out.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("canonical-money").addSerializer(BigDecimal.class, new PlainDecimalSerializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private CanonicalJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write canonical JSON", e);
        }
    }

    /** The canonical JSON as text (raw payloads for the journal, HTTP answers). */
    public static String toText(Object value) {
        return new String(toBytes(value), StandardCharsets.UTF_8);
    }

    /** Writes JSON member by member; see {@link #write}. */
    @FunctionalInterface
    public interface Writing {
        void writeTo(JsonGenerator json) throws IOException;
    }

    /**
     * JSON written member by member with the canonical mapper's generator (and {@code mapper().writeValue(json, …)}
     * for a nested value), as text: for a shape written on every callback, where going through the mapper's
     * serializers for the whole would cost more. Written as UTF-8 bytes, as {@link #toText} writes, so both escape
     * alike (a character outside the BMP becomes two escaped surrogates).
     */
    public static String write(int expectedBytes, Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(expectedBytes);
        try (JsonGenerator json = MAPPER.createGenerator(bytes, JsonEncoding.UTF8)) {
            writing.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write canonical JSON", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static final class PlainDecimalSerializer extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toPlainString());
        }
    }
}
