package tw.twpay.hub.ledger;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentStatus;

/**
 * What of an order can still be refunded, read from its applied journal facts: the amount of the capture the hub
 * requested (or the order amount when the gateway captured by itself), less what is refunded — the refunded total the
 * gateway last reported (a query or callback: TapPay refunded_amount, FlashPay tot_ret_amt, NewebPay CloseAmt less
 * BackBalance) plus the refunds the hub requested since and did not withdraw. A refund learned only from the gateway
 * (one whose answer was lost, settled by a query; one made in the gateway's portal) is so counted as well as the
 * hub's own. Provider-neutral: every gateway's refund check starts here, and the gateway's own balance check still
 * applies after.
 *
 * @param captured the captured amount the balance starts from
 * @param refunded the refunded total the gateway last reported and the hub's refund requests since, still standing
 */
public record RefundableBalance(BigDecimal captured, BigDecimal refunded) {

    /** One applied fact of the order, oldest first. */
    record Move(PaymentStatus status, BigDecimal amount, EventSource source) {

        boolean isRefund() {
            return status == PaymentStatus.REFUND_REQUESTED || status == PaymentStatus.PARTIALLY_REFUNDED
                    || status == PaymentStatus.REFUNDED;
        }

        /**
         * Whether the gateway reports the refunded total, from capture up to {@code captured}: a query's or
         * callback's refund fact names it. A command's refund fact names only its own refund (or the one it
         * withdraws). A partial refund's total is below the capture: a fact naming the capture or more names the
         * trade's amount instead (a reconciliation record, see SettlementRecord; NewebPay's Amt), and tells nothing
         * of what was refunded.
         */
        boolean reportsRefundedTotal(BigDecimal captured) {
            return isRefund() && amount != null && source != EventSource.COMMAND
                    && (status != PaymentStatus.PARTIALLY_REFUNDED || amount.compareTo(captured) < 0);
        }
    }

    /** Never below zero, whatever the journal holds. */
    public BigDecimal remaining() {
        return captured.subtract(refunded).max(BigDecimal.ZERO);
    }

    static RefundableBalance of(List<Move> moves, BigDecimal orderAmount) {
        BigDecimal captured = null;
        BigDecimal reported = BigDecimal.ZERO;
        Deque<BigDecimal> requestedSince = new ArrayDeque<>();
        PaymentStatus previous = null;
        for (Move move : moves) {
            boolean command = move.source() == EventSource.COMMAND;
            PaymentStatus status = move.status();
            if (previous == PaymentStatus.CAPTURE_REQUESTED && status == PaymentStatus.AUTHORIZED) {
                // only withdrawing the capture takes it back to AUTHORIZED (cancel capture, answered or queried)
                captured = null;
                reported = BigDecimal.ZERO;
                requestedSince.clear();
            } else if (command && previous == PaymentStatus.REFUND_REQUESTED
                    && status != PaymentStatus.REFUND_REQUESTED) {
                // the only command that leaves REFUND_REQUESTED is withdrawing that refund (cancel refund): the hub's
                // own request, else one the gateway reported (its answer was lost), which leaves the reported total
                if (!requestedSince.isEmpty()) {
                    requestedSince.pop();
                } else {
                    reported = move.isRefund() && move.amount() != null
                            ? reported.subtract(move.amount()).max(BigDecimal.ZERO) : BigDecimal.ZERO;
                }
            } else if (command && status == PaymentStatus.CAPTURE_REQUESTED && move.amount() != null) {
                captured = move.amount();
                reported = BigDecimal.ZERO;
                requestedSince.clear();
            } else if (command && status == PaymentStatus.REFUND_REQUESTED && move.amount() != null) {
                requestedSince.push(move.amount());
            } else if (move.reportsRefundedTotal(captured != null ? captured : orderAmount)) {
                // the gateway's total counts the hub's refunds requested before it
                reported = move.amount();
                requestedSince.clear();
            } else if (!command && !move.isRefund()) {
                // the gateway reports the order unrefunded (e.g. CAPTURED after a refund the bank failed)
                reported = BigDecimal.ZERO;
                requestedSince.clear();
            }
            previous = status;
        }
        BigDecimal refunded = requestedSince.stream().reduce(reported, BigDecimal::add);
        return new RefundableBalance(captured != null ? captured : orderAmount, refunded);
    }
}
