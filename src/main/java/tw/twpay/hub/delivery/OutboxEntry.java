package tw.twpay.hub.delivery;

import java.time.OffsetDateTime;

/**
 * A queued canonical event claimed by this node; {@code payload} is the CloudEvent JSON and {@code claimedUntil}
 * the end of this node's lease on it as of the claim.
 */
public record OutboxEntry(long id, String eventId, String eventType, String payload, OffsetDateTime claimedUntil) {
}
