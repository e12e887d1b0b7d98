package tw.twpay.hub.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Locale;
import tw.twpay.hub.canonical.CanonicalEvent;

/** Wraps a canonical event in a CloudEvents 1.0 structured-mode JSON envelope. */
public final class CloudEventEnvelope {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final URI DATA_SCHEMA = URI.create("/api/v1/schema/payment-event.json");

    private static final EventFormat FORMAT = new JsonFormat();

    private CloudEventEnvelope() {
    }

    /**
     * @param eventId deterministic id of the fact (see {@link EventIds})
     * @return the structured-mode JSON text of the CloudEvent
     */
    public static String toJson(String eventId, CanonicalEvent event) {
        OffsetDateTime time = event.occurredAt() != null ? event.occurredAt() : event.receivedAt();
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(eventId)
                .withSource(source(event.provider(), event.merchant()))
                .withType(event.eventType())
                .withSubject(event.subject())
                .withTime(time)
                .withDataSchema(URI.create(event.dataSchema()))
                .withData("application/json", CanonicalJson.toBytes(event))
                .build();
        return new String(FORMAT.serialize(cloudEvent), StandardCharsets.UTF_8);
    }

    public static URI source(String provider, String merchant) {
        return URI.create("/twpay-hub/" + provider.toLowerCase(Locale.ROOT) + "/" + merchant);
    }
}
