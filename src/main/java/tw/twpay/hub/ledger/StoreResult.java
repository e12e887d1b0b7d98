package tw.twpay.hub.ledger;

/**
 * @param eventId the deterministic id of the fact's event (also for duplicates)
 */
public record StoreResult(StoreOutcome outcome, String eventId) {
}
