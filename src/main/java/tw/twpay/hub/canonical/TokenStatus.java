package tw.twpay.hub.canonical;

/** The state of a stored-card token (NewebPay TokenValue, TapPay card key) as the provider last reported it. */
public enum TokenStatus {
    ACTIVE,
    SUSPENDED,
    EXPIRED,
    DELETED,
    CARD_NOT_ALLOWED,
    UNKNOWN
}
