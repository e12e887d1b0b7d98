package tw.twpay.hub.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * One journal row as operators and ERPs see it; {@code event} is the CloudEvent as it was queued, {@code issuedBy}
 * the ERP API caller whose command stored it (null for callbacks and scheduled queries).
 */
public record JournalEntry(
        long id,
        String eventId,
        String eventType,
        String status,
        String source,
        StoreOutcome outcome,
        OffsetDateTime occurredAt,
        OffsetDateTime receivedAt,
        OffsetDateTime recordedAt,
        String issuedBy,
        JsonNode event) {
}
