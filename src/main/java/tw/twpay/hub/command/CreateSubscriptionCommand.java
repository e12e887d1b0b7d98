package tw.twpay.hub.command;

import tw.twpay.hub.canonical.Money;

/**
 * An ERP's request to set up a recurring card mandate ({@code POST /api/v1/subscriptions}).
 *
 * @param amount     charged each period
 * @param periodType D (every n days), W (weekly), M (monthly) or Y (yearly)
 * @param periodPoint which day: for D the number of days (2..999), W 1..7, M 01..31, Y MMDD
 * @param startType  1 = verify the card with a 10 TWD authorisation, 2 = charge the first period now,
 *                   3 = no charge until the first period date
 * @param times      how many charges; null for open-ended (NewebPay NE, which the Card Account Updater needs)
 */
public record CreateSubscriptionCommand(
        String provider,
        String merchant,
        String orderNo,
        Money amount,
        String description,
        String email,
        String periodType,
        String periodPoint,
        int startType,
        Integer times) {
}
