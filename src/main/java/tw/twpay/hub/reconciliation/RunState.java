package tw.twpay.hub.reconciliation;

/** Where a reconciliation run stands. */
public enum RunState {
    RUNNING,
    DONE,
    FAILED
}
