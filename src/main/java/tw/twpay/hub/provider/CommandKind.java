package tw.twpay.hub.provider;

import java.util.Locale;

/**
 * The commands an ERP can give a provider. A provider offers a command by having the route
 * {@code direct:<provider>-<kind>} (e.g. {@code direct:newebpay-create-payment}), normally a filled-in
 * {@code provider-gateway-command} or {@code provider-local-command} template; a provider without it does not offer the
 * command (404). Which commands exist is decided here, which provider offers which in the providers' route files.
 */
public enum CommandKind {
    CREATE_PAYMENT,
    QUERY_PAYMENT,
    /** cancel, capture, cancel-capture, refund, cancel-refund: the operation is in the command */
    PAYMENT_OPERATION,
    CREATE_SUBSCRIPTION,
    ALTER_SUBSCRIPTION,
    CHARGE_CARD,
    CARD_BINDING,
    BIND_CARD,
    REMOVE_CARD,
    CARD_METADATA,
    UPDATE_CARDHOLDER,
    GET_MEMBER_CARD,
    GET_BARCODE,
    PAY_BY_BARCODE,
    CHECK_AFFILIATE_CODE,
    PUSH_TOKEN;

    /** The kebab-case name in route ids and endpoints: {@code create-payment}. */
    public String routeName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The provider's endpoint for this command: {@code direct://newebpay-create-payment}. */
    public String endpointOf(ProviderId provider) {
        return "direct://" + provider.pathSegment() + "-" + routeName();
    }
}
