package tw.twpay.hub.delivery;

import java.time.OffsetDateTime;

/**
 * A queued canonical event claimed by this node.
 *
 * @param payload      the CloudEvent JSON
 * @param sequenceKey  events with the same key (one order, one card token) are delivered in the order queued
 * @param failures     failed attempts since the event was queued or redriven
 * @param claimedUntil the end of this node's lease on it as of the claim
 * @param batch        what the delivery of the batch it was claimed in has learned so far
 */
public record OutboxEntry(long id, String eventId, String eventType, String payload, String sequenceKey,
                          int failures, OffsetDateTime claimedUntil, DeliveryBatch batch) {
}
