package tw.twpay.hub.api;

import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.provider.ProviderId;

/**
 * An ERP's request to set up a recurring mandate ({@code POST /api/v1/subscriptions}).
 *
 * @param amount charged each period
 * @param fields the request as sent: the schedule ({@code period}) is the provider's to read, in the provider's own
 *               terms (e.g. NewebPay's PeriodType/PeriodPoint/PeriodStartType/PeriodTimes)
 */
public record CreateSubscriptionCommand(
        ProviderId provider,
        String merchant,
        String orderNo,
        Money amount,
        String description,
        String email,
        ProviderFields fields) {
}
