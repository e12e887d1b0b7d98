package tw.twpay.hub.canonical;

/** What the ERP has to do after a card lifecycle change. */
public enum CardAction {
    /** Keep charging the token; record the new expiry. */
    UPDATE_EXPIRY,
    /** Stop scheduled charges on this token and ask the cardholder to bind a card again. */
    STOP_CHARGING_AND_REBIND,
    /** Informational; nothing to change. */
    NONE
}
