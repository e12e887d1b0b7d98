package tw.twpay.hub.ledger;

/** What storing a fact did. */
public enum StoreOutcome {
    /** Journalled, state moved forward (or a new order/token was recorded), event queued for the ERP. */
    APPLIED,
    /** Journalled; the order already had this status, so no state change and no event. */
    UNCHANGED,
    /** Journalled; the status would move the order back (e.g. AUTHORIZED after CAPTURED), so it was ignored. */
    REGRESSION,
    /**
     * Journalled and delivered with a flag (e.g. AMOUNT_MISMATCH), but the order's state did not move: the fact is
     * what the provider reported, and someone must look at it.
     */
    FLAGGED,
    /** The same fact was stored before: nothing changed. */
    DUPLICATE;

    public boolean queuedEvent() {
        return this == APPLIED || this == FLAGGED;
    }
}
