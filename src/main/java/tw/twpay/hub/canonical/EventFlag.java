package tw.twpay.hub.canonical;

/** Something about a fact that an ERP or an operator should look at, although the fact itself was accepted. */
public enum EventFlag {
    /** The provider reported on an order the hub never created (no command, no earlier fact). */
    UNKNOWN_ORDER
}
