package tw.twpay.hub.command;

import tw.twpay.hub.canonical.Money;

/**
 * An operation on an existing payment, e.g. {@code POST /api/v1/payments/newebpay/shop/ORDER1/refund}.
 *
 * @param amount the amount to capture or refund; null means the whole (remaining) amount
 */
public record PaymentOperationCommand(
        String provider,
        String merchant,
        String orderNo,
        PaymentOperation operation,
        Money amount) {
}
