package tw.twpay.hub.provider.newebpay;

import java.util.Set;
import java.util.TreeSet;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.ledger.JournalEntry;
import tw.twpay.hub.ledger.OrderHistory;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The trades NewebPay captures or refunds only for their whole amount, refused with a 400 before anything is sent
 * (NDNF-1.1.9 §4.5 Amt, §4.6): UnionPay is captured whole (TRA10031) and may be refunded in part; installments and
 * redemption (紅利折抵) are captured and refunded whole (TRA10675); Taiwan Pay is refunded whole. How the trade was
 * paid is what the gateway reported (notify or query), recorded as the order's method by
 * {@link NewebPayStatusMapping#paidAs}; every reported method counts, since a later query does not repeat RedAmt.
 */
final class NewebPayWholeAmountRules {

    private NewebPayWholeAmountRules() {
    }

    static void check(PaymentOperation operation, Money requested, Money orderAmount, OrderHistory history) {
        Set<String> paidAs = reportedMethods(history);
        String orderNo = history.order().orderNo();
        if (operation == PaymentOperation.CAPTURE) {
            for (String method : Set.of(NewebPayStatusMapping.UNIONPAY, NewebPayStatusMapping.INSTALLMENT,
                    NewebPayStatusMapping.REDEEM)) {
                if (paidAs.contains(method)) {
                    requireWhole(requested, orderAmount, orderNo, method, "captured");
                }
            }
        }
        if (operation == PaymentOperation.REFUND) {
            for (String method : Set.of(NewebPayStatusMapping.INSTALLMENT, NewebPayStatusMapping.REDEEM,
                    NewebPayStatusMapping.TAIWANPAY)) {
                if (paidAs.contains(method)) {
                    requireWhole(requested, orderAmount, orderNo, method, "refunded");
                }
            }
        }
    }

    private static void requireWhole(Money requested, Money orderAmount, String orderNo, String method, String done) {
        if (requested.compareTo(orderAmount) != 0) {
            throw RejectedRequestException.badRequest("order " + orderNo + " was paid as " + method
                    + ", which NewebPay has " + done + " only for the whole amount: amount must be " + orderAmount.text());
        }
    }

    /** The methods the gateway reported for the order (callbacks and queries, not the methods the hub offered). */
    private static Set<String> reportedMethods(OrderHistory history) {
        Set<String> methods = new TreeSet<>();
        methods.add(String.valueOf(history.order().method()));
        for (JournalEntry entry : history.journal()) {
            if (EventSource.COMMAND.name().equals(entry.source()) || entry.event() == null) {
                continue;
            }
            String method = entry.event().path("data").path("method").asText(null);
            if (method != null) {
                methods.add(method);
            }
        }
        return methods;
    }
}
