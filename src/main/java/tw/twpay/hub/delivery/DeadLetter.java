package tw.twpay.hub.delivery;

import java.time.OffsetDateTime;

/** An event that failed delivery after every attempt; {@code redrivenAt} is set once an operator redrove it. */
public record DeadLetter(
        long id,
        long outboxId,
        String eventId,
        String eventType,
        int attempts,
        String lastError,
        OffsetDateTime deadAt,
        OffsetDateTime redrivenAt) {
}
