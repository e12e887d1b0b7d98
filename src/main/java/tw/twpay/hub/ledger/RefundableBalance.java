package tw.twpay.hub.ledger;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentStatus;

/**
 * What of an order can still be refunded, read from its applied journal facts: the amount of the capture the hub
 * requested (or the order amount when the gateway captured by itself), less the refunds requested since and not
 * withdrawn. Provider-neutral: every gateway's refund check starts here, and the gateway's own balance check still
 * applies after.
 *
 * @param captured the captured amount the balance starts from
 * @param refunded refunds requested since that capture and still standing
 */
public record RefundableBalance(BigDecimal captured, BigDecimal refunded) {

    /** One applied fact of the order, oldest first. */
    record Move(PaymentStatus status, BigDecimal amount, EventSource source) {
    }

    /** Never below zero, whatever the journal holds. */
    public BigDecimal remaining() {
        return captured.subtract(refunded).max(BigDecimal.ZERO);
    }

    static RefundableBalance of(List<Move> moves, BigDecimal orderAmount) {
        BigDecimal captured = null;
        Deque<BigDecimal> refunds = new ArrayDeque<>();
        PaymentStatus previous = null;
        for (Move move : moves) {
            boolean command = move.source() == EventSource.COMMAND;
            PaymentStatus status = move.status();
            boolean refundDone = status == PaymentStatus.PARTIALLY_REFUNDED || status == PaymentStatus.REFUNDED;
            if (previous == PaymentStatus.REFUND_REQUESTED && status != PaymentStatus.REFUND_REQUESTED
                    && (command || !refundDone || refundedLessThanStanding(move, refunds))) {
                // the only command that leaves REFUND_REQUESTED is withdrawing that refund (cancel refund); a query
                // or callback leaving it reports the refund done, which keeps it standing, or failed at the bank
                // (a compensating transition back to where the order was, or to partly refunded when a query's
                // refunded total leaves it out), which does not
                if (!refunds.isEmpty()) {
                    refunds.pop();
                }
            } else if (command && previous == PaymentStatus.CAPTURE_REQUESTED && status == PaymentStatus.AUTHORIZED) {
                // the only command that takes a capture back to AUTHORIZED is withdrawing it (cancel capture)
                captured = null;
                refunds.clear();
            } else if (command && status == PaymentStatus.CAPTURE_REQUESTED && move.amount() != null) {
                captured = move.amount();
                refunds.clear();
            } else if (command && status == PaymentStatus.REFUND_REQUESTED && move.amount() != null) {
                refunds.push(move.amount());
            }
            previous = status;
        }
        return new RefundableBalance(captured != null ? captured : orderAmount, total(refunds));
    }

    /** A query's refund fact carries what the gateway has refunded in all: less than the refunds standing. */
    private static boolean refundedLessThanStanding(Move move, Deque<BigDecimal> refunds) {
        return move.source() == EventSource.QUERY && move.amount() != null
                && move.amount().compareTo(total(refunds)) < 0;
    }

    private static BigDecimal total(Deque<BigDecimal> refunds) {
        return refunds.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
