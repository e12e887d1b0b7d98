package tw.twpay.hub.api;

import java.util.List;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.provider.ProviderId;

/**
 * An ERP's request to take a one-off payment ({@code POST /api/v1/payments}).
 *
 * @param merchant  the hub's merchant alias
 * @param methods   payment methods to offer, provider codes such as CREDIT, VACC, CVS; empty means the provider's default
 * @param tokenTerm optional: remember the card for later token payments under this cardholder reference
 * @param fields    the request as sent, for the fields only the named provider reads
 */
public record CreatePaymentCommand(
        ProviderId provider,
        String merchant,
        String orderNo,
        Money amount,
        String description,
        String email,
        List<String> methods,
        String tokenTerm,
        ProviderFields fields) {

    public CreatePaymentCommand {
        methods = methods == null ? List.of() : List.copyOf(methods);
        fields = fields == null ? ProviderFields.none() : fields;
    }
}
