package tw.twpay.hub.canonical;

/** Something about a fact that an ERP or an operator should look at, although the fact itself was accepted. */
public enum EventFlag {
    /** The provider reported on an order the hub never created (no command, no earlier fact). */
    UNKNOWN_ORDER,
    /**
     * The provider reported a payment of another amount than the order's: the event carries the amount actually
     * paid, and the order was not marked paid.
     */
    AMOUNT_MISMATCH,
    /** Like {@link #AMOUNT_MISMATCH} for a payment in another currency than the order's. */
    CURRENCY_MISMATCH
}
