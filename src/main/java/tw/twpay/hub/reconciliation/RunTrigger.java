package tw.twpay.hub.reconciliation;

/** What started a run. Only scheduled runs are retried on their own after a failure. */
public enum RunTrigger {
    SCHEDULE,
    API,
    FILE
}
