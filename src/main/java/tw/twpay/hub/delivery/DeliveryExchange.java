package tw.twpay.hub.delivery;

/**
 * Exchange properties carried through the delivery routes. Properties rather than headers, so they are never sent
 * to the ERP endpoint along with the event.
 */
public final class DeliveryExchange {

    /** The {@link OutboxEntry} being delivered. */
    public static final String OUTBOX_ENTRY = "twpayOutboxEntry";

    private DeliveryExchange() {
    }
}
