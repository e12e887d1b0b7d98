package tw.twpay.hub.command;

import java.util.List;
import tw.twpay.hub.canonical.Money;

/**
 * An ERP's request to take a one-off payment ({@code POST /api/v1/payments}).
 *
 * @param provider    newebpay, tappay or flashpay (lower case, as in the API paths)
 * @param merchant    the hub's merchant alias
 * @param methods     payment methods to offer, provider codes such as CREDIT, VACC, CVS; empty means CREDIT
 * @param tokenTerm   optional: remember the card for later token payments under this cardholder reference
 */
public record CreatePaymentCommand(
        String provider,
        String merchant,
        String orderNo,
        Money amount,
        String description,
        String email,
        List<String> methods,
        String tokenTerm) {

    public CreatePaymentCommand {
        methods = methods == null ? List.of() : List.copyOf(methods);
    }
}
