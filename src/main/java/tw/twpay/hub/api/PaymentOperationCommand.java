package tw.twpay.hub.api;

import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.provider.ProviderId;

/**
 * An operation on an existing payment, e.g. {@code POST /api/v1/payments/newebpay/shop/ORDER1/refund}.
 *
 * @param amount the amount to capture or refund; null means the whole (remaining) amount
 * @param fields the request body as sent, for fields only the named provider reads (e.g. which refund to withdraw)
 */
public record PaymentOperationCommand(
        ProviderId provider,
        String merchant,
        String orderNo,
        PaymentOperation operation,
        Money amount,
        ProviderFields fields) {

    public PaymentOperationCommand {
        fields = fields == null ? ProviderFields.none() : fields;
    }

    public PaymentOperationCommand(ProviderId provider, String merchant, String orderNo, PaymentOperation operation,
                                   Money amount) {
        this(provider, merchant, orderNo, operation, amount, ProviderFields.none());
    }
}
