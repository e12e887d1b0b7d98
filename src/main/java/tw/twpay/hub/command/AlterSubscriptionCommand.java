package tw.twpay.hub.command;

import tw.twpay.hub.canonical.Money;

/**
 * A change to an existing mandate ({@code POST /api/v1/subscriptions/{provider}/{merchant}/{orderNo}/{action}}).
 *
 * @param action    suspend, terminate, restart, or amend (new amount)
 * @param mandateId the provider's mandate id (NewebPay PeriodNo)
 * @param amount    the new amount per period, for amend
 */
public record AlterSubscriptionCommand(
        String provider,
        String merchant,
        String orderNo,
        String action,
        String mandateId,
        Money amount) {
}
