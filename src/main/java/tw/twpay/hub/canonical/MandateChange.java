package tw.twpay.hub.canonical;

/** A change made to a running recurring mandate, as the provider confirmed it. */
public enum MandateChange {
    /** The mandate was set up and is active: charges follow its schedule from the next charge date. */
    CREATED,
    /** Charges stop until the mandate is restarted. */
    SUSPENDED,
    /** The mandate ends; no further charges. */
    TERMINATED,
    /** A suspended mandate charges again from its next charge date. */
    RESTARTED,
    /** The amount per period changed. */
    AMOUNT_CHANGED
}
