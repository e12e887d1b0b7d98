package tw.twpay.hub.canonical;

import java.time.OffsetDateTime;

/** Common face of everything the hub tells an ERP. */
public sealed interface CanonicalEvent permits PaymentEvent, CardLifecycleEvent, MandateEvent,
        ReconciliationEvent {

    String provider();

    String merchant();

    OffsetDateTime occurredAt();

    OffsetDateTime receivedAt();

    EventSource source();

    /** The CloudEvents {@code type} the event is published under. */
    String eventType();

    /** The CloudEvents {@code subject}: the order number or token reference the event is about. */
    String subject();

    /**
     * Where the JSON Schema of this event's data is served, below the hub's public address: the CloudEvents
     * {@code dataschema} is that address and this path.
     */
    default String dataSchemaPath() {
        return "/api/v1/schema/payment-event.json";
    }
}
