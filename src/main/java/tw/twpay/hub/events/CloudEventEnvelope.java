package tw.twpay.hub.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.CanonicalEvent;
import tw.twpay.hub.config.InvalidConfigurationException;

/**
 * Wraps a canonical event in a CloudEvents 1.0 structured-mode JSON envelope (the JSON event format: the context
 * attributes as members, the canonical event as the {@code data} member).
 * <p>
 * Written in one pass, the canonical event straight into the envelope, as the CloudEvents SDK's JSON format writes
 * it (the same members in the same order, the time as ISO-8601 with its offset; a test compares the two): the SDK
 * wrote the event to bytes, decoded them and copied them into the envelope, once per stored fact.
 * <p>
 * The {@code dataschema} is an absolute URI ({@code twpay.public-base-url} and the schema's path), as CloudEvents 1.0
 * types it ({@code source} alone may be a relative reference). The envelope is written once, when the fact is
 * stored, and delivered as stored: events stored before carry the path alone, and keep it on every redelivery.
 */
@Component
public final class CloudEventEnvelope {

    static final String SPEC_VERSION = "1.0";
    static final String DATA_CONTENT_TYPE = "application/json";

    private final String publicBaseUrl;

    public CloudEventEnvelope(@Value("${twpay.public-base-url}") String publicBaseUrl) {
        URI base;
        try {
            base = URI.create(publicBaseUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("twpay.public-base-url", "not a valid address");
        }
        if (!base.isAbsolute() || base.getRawAuthority() == null) {
            throw new InvalidConfigurationException("twpay.public-base-url",
                    "must be an absolute address like https://pay.example.com (the events' dataschema is built on it)");
        }
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    /**
     * @param eventId deterministic id of the fact (see {@link EventIds})
     * @return the structured-mode JSON text of the CloudEvent
     */
    public String toJson(String eventId, CanonicalEvent event) {
        OffsetDateTime time = event.occurredAt() != null ? event.occurredAt() : event.receivedAt();
        return CanonicalJson.write(1024, json -> {
            json.writeStartObject();
            json.writeStringField("specversion", SPEC_VERSION);
            json.writeStringField("id", eventId);
            json.writeStringField("source", source(event.provider(), event.merchant()));
            json.writeStringField("type", event.eventType());
            json.writeStringField("datacontenttype", DATA_CONTENT_TYPE);
            json.writeStringField("dataschema", dataSchema(event));
            if (event.subject() != null) {
                json.writeStringField("subject", event.subject());
            }
            if (time != null) {
                json.writeStringField("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
            }
            json.writeFieldName("data");
            CanonicalJson.mapper().writeValue(json, event);
            json.writeEndObject();
        });
    }

    /** The CloudEvent's dataschema: the absolute URI the JSON Schema of the event's data is served at. */
    String dataSchema(CanonicalEvent event) {
        return publicBaseUrl + event.dataSchemaPath();
    }

    /** The CloudEvent's source: a URI reference naming the hub, the provider and the merchant's alias. */
    static String source(String provider, String merchant) {
        return "/twpay-hub/" + provider.toLowerCase(Locale.ROOT) + "/" + merchant;
    }
}
