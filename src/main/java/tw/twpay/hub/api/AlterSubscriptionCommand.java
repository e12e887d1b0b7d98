package tw.twpay.hub.api;

import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.provider.ProviderId;

/**
 * A change to an existing mandate ({@code POST /api/v1/subscriptions/{provider}/{merchant}/{orderNo}/{action}}).
 *
 * @param action    suspend, terminate, restart, or amend (new amount)
 * @param mandateId the mandate as the provider knows it (the id its mandate-creation result gave)
 * @param amount    the new amount per period, for amend
 */
public record AlterSubscriptionCommand(
        ProviderId provider,
        String merchant,
        String orderNo,
        String action,
        String mandateId,
        Money amount) {
}
