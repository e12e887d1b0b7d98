package tw.twpay.hub.delivery;

/**
 * Exchange properties carried through the delivery routes. Properties rather than headers, so they are never sent
 * to the ERP endpoint along with the event.
 */
public final class DeliveryExchange {

    public static final String OUTBOX_ID = "twpayOutboxId";
    public static final String EVENT_ID = "twpayEventId";
    public static final String CLAIMED_UNTIL = "twpayClaimedUntil";

    private DeliveryExchange() {
    }
}
