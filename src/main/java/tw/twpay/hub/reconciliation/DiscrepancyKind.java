package tw.twpay.hub.reconciliation;

/** What the matcher concluded about one gateway record or one ledger order of the window. */
public enum DiscrepancyKind {
    /** gateway and ledger agree */
    MATCHED(false),
    /** the gateway has a trade the ledger never stored: stored as a RECONCILIATION fact (flagged UNKNOWN_ORDER) */
    MISSING_IN_LEDGER(true),
    /**
     * the gateway is ahead of the ledger (e.g. captured, refunded, or partly refunded by more in all than the ledger
     * holds): the gateway's fact is stored
     */
    STATUS_BEHIND(true),
    /** the gateway reports another amount than the ledger: for a human */
    AMOUNT_MISMATCH(false),
    /** the gateway reports another currency than the ledger: for a human */
    CURRENCY_MISMATCH(false),
    /** the ledger has money moving on an order the gateway does not know: for a human */
    MISSING_AT_GATEWAY(false),
    /**
     * the ledger is ahead of the trade's current state (a settled operation it moved on from is MATCHED), or on
     * another branch (voided vs captured): for a human
     */
    STATUS_CONFLICT(false);

    private final boolean repaired;

    DiscrepancyKind(boolean repaired) {
        this.repaired = repaired;
    }

    /** Whether the run repairs the ledger itself; every other kind but MATCHED is listed for a human. */
    public boolean repaired() {
        return repaired;
    }

    public boolean isDiscrepancy() {
        return this != MATCHED;
    }
}
