package tw.twpay.hub.api;

import static tw.twpay.hub.api.BodyField.array;
import static tw.twpay.hub.api.BodyField.money;
import static tw.twpay.hub.api.BodyField.object;
import static tw.twpay.hub.api.BodyField.text;

import java.util.List;
import tw.twpay.hub.provider.CommandKind;

/**
 * The ERP API's request bodies and their canonical fields: what the API reads whatever the provider. A provider adds
 * the fields only it reads through its {@link ProviderRequestFields}; anything else in a body is refused (400).
 */
public enum CommandBody {
    CREATE_PAYMENT(CommandKind.CREATE_PAYMENT, "create-payment", provider(), merchant(), orderNo(),
            money("amount", "the amount to pay; currency defaults only for a merchant that takes one currency")
                    .asRequired(),
            description(), email(),
            array("methods", "payment methods to offer, provider codes such as CREDIT, VACC, CVS; the provider's"
                    + " default when absent"),
            text("tokenTerm", "remember the card for later token charges under this cardholder reference")),
    PAY_BY_BARCODE(CommandKind.PAY_BY_BARCODE, "pay-by-barcode", provider(), merchant(), orderNo(),
            money("amount", "the amount to pay; currency defaults only for a merchant that takes one currency")
                    .asRequired(),
            description()),
    QUERY(CommandKind.QUERY_PAYMENT, "query"),
    CANCEL(CommandKind.PAYMENT_OPERATION, "cancel",
            operationAmount("the order amount, if given: an authorisation is cancelled whole")),
    CAPTURE(CommandKind.PAYMENT_OPERATION, "capture",
            operationAmount("the amount to capture; the order amount when absent")),
    CANCEL_CAPTURE(CommandKind.PAYMENT_OPERATION, "cancel-capture",
            operationAmount("the capture to withdraw; the capture waiting when absent")),
    REFUND(CommandKind.PAYMENT_OPERATION, "refund", operationAmount("the amount to refund; when absent the whole"
            + " (the order amount, or what is left to refund where the provider says so)")),
    CANCEL_REFUND(CommandKind.PAYMENT_OPERATION, "cancel-refund",
            operationAmount("the refund to withdraw; the refund waiting when absent")),
    CREATE_SUBSCRIPTION(CommandKind.CREATE_SUBSCRIPTION, "create-subscription", provider(), merchant(), orderNo(),
            money("amount", "charged each period; currency defaults only for a merchant that takes one currency")
                    .asRequired(),
            description(), email()),
    /** suspend, terminate, restart */
    ALTER_SUBSCRIPTION(CommandKind.ALTER_SUBSCRIPTION, "suspend, terminate or restart", mandateId()),
    AMEND_SUBSCRIPTION(CommandKind.ALTER_SUBSCRIPTION, "amend", mandateId(),
            money("amount", "the new amount per period; the mandate's currency when absent").asRequired()),
    CHARGE_CARD(CommandKind.CHARGE_CARD, "charge-card", provider(), merchant(), orderNo(),
            money("amount", "the amount to charge; currency defaults only for a merchant that takes one currency")
                    .asRequired(),
            description(), email(),
            text("tokenTerm", "the cardholder reference the token is bound under").asRequired(),
            text("tokenValue", "the token of an earlier charge (or a stored card's cardRef); instead of card"),
            object("card", "the card, for a first charge that binds it; passed on encrypted, never stored",
                    text("number", "13 to 19 digits").asRequired(), text("expiry", "YYYY-MM").asRequired(),
                    text("cvc", "3 or 4 digits").asRequired()),
            object("cardholder", "required by merchants whose cardholder authentication needs it (Passkey)",
                    text("phone", "E.164, e.g. +886912345678"), text("lastName", ""), text("firstName", ""))),
    BIND_CARD(CommandKind.BIND_CARD, "bind-card", provider(), merchant()),
    PUSH_TOKEN(CommandKind.PUSH_TOKEN, "push-token", provider(), merchant()),
    REMOVE_CARD(CommandKind.REMOVE_CARD, "remove-card"),
    CARD_METADATA(CommandKind.CARD_METADATA, "get-card-metadata"),
    UPDATE_CARDHOLDER(CommandKind.UPDATE_CARDHOLDER, "update-cardholder"),
    CHECK_AFFILIATE_CODE(CommandKind.CHECK_AFFILIATE_CODE, "check-affiliate-code"),
    GET_BARCODE(CommandKind.GET_BARCODE, "get-barcode");

    private final CommandKind kind;
    private final String requestName;
    private final List<BodyField> canonicalFields;

    CommandBody(CommandKind kind, String requestName, BodyField... canonicalFields) {
        this.kind = kind;
        this.requestName = requestName;
        this.canonicalFields = List.of(canonicalFields);
    }

    /** The command a provider offers by having its route. */
    public CommandKind kind() {
        return kind;
    }

    /** As the ERP names the request: {@code refund}, {@code create-payment}. */
    public String requestName() {
        return requestName;
    }

    public List<BodyField> canonicalFields() {
        return canonicalFields;
    }

    public static CommandBody of(PaymentOperation operation) {
        return switch (operation) {
            case QUERY -> QUERY;
            case CANCEL -> CANCEL;
            case CAPTURE -> CAPTURE;
            case CANCEL_CAPTURE -> CANCEL_CAPTURE;
            case REFUND -> REFUND;
            case CANCEL_REFUND -> CANCEL_REFUND;
        };
    }

    private static BodyField provider() {
        return text("provider", "newebpay, tappay or flashpay (any case)").asRequired();
    }

    private static BodyField merchant() {
        return text("merchant", "the hub's merchant alias").asRequired();
    }

    private static BodyField orderNo() {
        return text("orderNo", "the merchant order number").asRequired();
    }

    private static BodyField description() {
        return text("description", "what is bought; a card number in it is masked").asRequired();
    }

    private static BodyField email() {
        return text("email", "the payer's e-mail address");
    }

    private static BodyField mandateId() {
        return text("mandateId", "the mandate as the provider knows it (its mandate-creation result)").asRequired();
    }

    /** The amount of an operation on an order; without a currency, in the order's. */
    private static BodyField operationAmount(String description) {
        return money("amount", description);
    }
}
