package tw.twpay.hub.provider.newebpay;

import java.math.BigDecimal;
import java.util.Set;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Whether QueryTradeInfo's answer confirms a {@code Period} notify: a verified CheckCode, the same order, TradeNo and
 * amount, and a trade state that agrees (paid for a success — or cancelled for the ten-dollar card check — not paid for
 * a failure). Used when the notify comes and by the missed-notify poll for those it could not confirm then.
 */
final class NewebPayPeriodConfirmation {

    /** TradeStatus: 1 paid; 0 unpaid, 2 failed, 3 cancelled (the card check), 6 refunded. */
    private static final String PAID = "1";
    private static final Set<String> NOT_PAID = Set.of("0", "2", "3");

    private NewebPayPeriodConfirmation() {
    }

    /**
     * @param body the query's answer
     * @throws RejectedRequestException 400 when the answer does not confirm the notify
     */
    static void requireConfirmed(NewebPayPeriodNotice notice, String body, NewebPayQueryThrottle throttle) {
        if (body.contains(NewebPayTradeQueries.QUERIES_LOCKED)) {
            throttle.lockedByGateway(notice.merchant().alias());
        }
        NewebPayPayload answer = NewebPayQueryAnswers.verified(notice.merchant(), body);
        String order = notice.tradeOrderNo();
        if (!order.equals(answer.field("MerchantOrderNo"))) {
            throw unconfirmed(notice, "the query answered about another order");
        }
        if (!notice.tradeNo().equals(answer.field("TradeNo"))) {
            throw unconfirmed(notice, "the gateway's trade of the order has another TradeNo");
        }
        if (!sameAmount(notice, answer.field("Amt"))) {
            throw unconfirmed(notice, "the gateway's trade of the order has another amount");
        }
        String tradeStatus = answer.field("TradeStatus");
        boolean agrees = notice.success()
                ? PAID.equals(tradeStatus) || (notice.kind() == NewebPayPeriodNotice.Kind.CARD_CHECK && "3".equals(tradeStatus))
                : NOT_PAID.contains(tradeStatus);
        if (!agrees) {
            throw unconfirmed(notice, "the gateway reports TradeStatus " + tradeStatus + " for a notify of "
                    + notice.payload().status());
        }
    }

    private static boolean sameAmount(NewebPayPeriodNotice notice, String answered) {
        try {
            return answered != null && new BigDecimal(answered.trim()).compareTo(notice.tradeAmount()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static RejectedRequestException unconfirmed(NewebPayPeriodNotice notice, String why) {
        return RejectedRequestException.badRequest("period notify of order " + notice.tradeOrderNo()
                + " not confirmed: " + why);
    }
}
