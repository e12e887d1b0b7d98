package tw.twpay.hub.ledger;

import java.util.List;

/** An order's current state and every fact journalled for it, oldest first. */
public record OrderHistory(OrderState order, List<JournalEntry> journal) {
}
