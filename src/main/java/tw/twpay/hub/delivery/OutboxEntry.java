package tw.twpay.hub.delivery;

/** A queued canonical event; {@code payload} is the CloudEvent JSON. */
public record OutboxEntry(long id, String eventId, String eventType, String payload) {
}
