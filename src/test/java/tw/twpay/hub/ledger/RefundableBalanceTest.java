package tw.twpay.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.twpay.hub.canonical.EventSource.CALLBACK;
import static tw.twpay.hub.canonical.EventSource.COMMAND;
import static tw.twpay.hub.canonical.EventSource.QUERY;
import static tw.twpay.hub.canonical.EventSource.RECONCILIATION;
import static tw.twpay.hub.canonical.PaymentStatus.AUTHORIZED;
import static tw.twpay.hub.canonical.PaymentStatus.CAPTURED;
import static tw.twpay.hub.canonical.PaymentStatus.CAPTURE_REQUESTED;
import static tw.twpay.hub.canonical.PaymentStatus.PARTIALLY_REFUNDED;
import static tw.twpay.hub.canonical.PaymentStatus.PENDING;
import static tw.twpay.hub.canonical.PaymentStatus.REFUNDED;
import static tw.twpay.hub.canonical.PaymentStatus.REFUND_REQUESTED;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.RefundableBalance.Move;

class RefundableBalanceTest {

    private static final BigDecimal ORDER = new BigDecimal("1000");

    private static Move move(PaymentStatus status, long amount, EventSource source) {
        return new Move(status, BigDecimal.valueOf(amount), source);
    }

    private static BigDecimal remaining(List<Move> moves) {
        return RefundableBalance.of(moves, ORDER).remaining();
    }

    @Test
    void capturedByTheGatewayItselfTheWholeOrderIsRefundable() {
        RefundableBalance balance = RefundableBalance.of(List.of(
                move(PENDING, 1000, COMMAND), move(CAPTURED, 1000, CALLBACK)), ORDER);
        assertThat(balance.remaining()).isEqualByComparingTo("1000");
    }

    @Test
    void partialCaptureBoundsTheRefundsAndEachStandingRefundIsTakenOff() {
        RefundableBalance balance = RefundableBalance.of(List.of(
                move(PENDING, 1000, COMMAND), move(AUTHORIZED, 1000, CALLBACK),
                move(CAPTURE_REQUESTED, 600, COMMAND), move(CAPTURED, 1000, QUERY),
                move(REFUND_REQUESTED, 250, COMMAND),
                // the gateway reports the refund done: the refunded total, 250
                move(PARTIALLY_REFUNDED, 250, QUERY)), ORDER);
        assertThat(balance.captured()).isEqualByComparingTo("600");
        assertThat(balance.refunded()).isEqualByComparingTo("250");
        assertThat(balance.remaining()).isEqualByComparingTo("350");
    }

    @Test
    void withdrawnRefundIsRefundableAgain() {
        RefundableBalance balance = RefundableBalance.of(List.of(
                move(AUTHORIZED, 1000, CALLBACK), move(CAPTURE_REQUESTED, 600, COMMAND),
                move(REFUND_REQUESTED, 400, COMMAND),
                // cancel refund: back to the status before it
                move(CAPTURE_REQUESTED, 400, COMMAND)), ORDER);
        assertThat(balance.remaining()).isEqualByComparingTo("600");
    }

    @Test
    void aRefundTheBankFailedIsRefundableAgain() {
        RefundableBalance balance = RefundableBalance.of(List.of(
                move(CAPTURED, 1000, CALLBACK), move(REFUND_REQUESTED, 300, COMMAND),
                // the query reports BackStatus 4: back where the order was, the refund does not stand
                move(CAPTURED, 1000, QUERY)), ORDER);
        assertThat(balance.remaining()).isEqualByComparingTo("1000");
    }

    /** A query's refund fact carries what the gateway has refunded in all: whether a second refund stands. */
    @Test
    void aSecondRefundStandsWhenTheQuerysRefundedTotalCountsIt() {
        List<Move> secondRefundAsked = List.of(move(CAPTURED, 1000, CALLBACK), move(REFUND_REQUESTED, 300, COMMAND),
                move(PARTIALLY_REFUNDED, 300, QUERY), move(REFUND_REQUESTED, 200, COMMAND));
        List<Move> done = new java.util.ArrayList<>(secondRefundAsked);
        done.add(move(PARTIALLY_REFUNDED, 500, QUERY));
        assertThat(RefundableBalance.of(done, ORDER).remaining()).isEqualByComparingTo("500");

        // NewebPay BackStatus 4 with BackBalance 700: partly refunded, 300 in all; the 200 failed at the bank
        List<Move> failed = new java.util.ArrayList<>(secondRefundAsked);
        failed.add(move(PARTIALLY_REFUNDED, 300, QUERY));
        RefundableBalance balance = RefundableBalance.of(failed, ORDER);
        assertThat(balance.refunded()).isEqualByComparingTo("300");
        assertThat(balance.remaining()).isEqualByComparingTo("700");
    }

    @Test
    void withdrawnCaptureFallsBackToTheOrderAmountUntilTheNextCapture() {
        List<Move> withdrawn = List.of(move(AUTHORIZED, 1000, CALLBACK), move(CAPTURE_REQUESTED, 600, COMMAND),
                move(AUTHORIZED, 600, COMMAND));
        assertThat(RefundableBalance.of(withdrawn, ORDER).remaining()).isEqualByComparingTo("1000");

        List<Move> recaptured = new java.util.ArrayList<>(withdrawn);
        recaptured.add(move(CAPTURE_REQUESTED, 300, COMMAND));
        assertThat(RefundableBalance.of(recaptured, ORDER).remaining()).isEqualByComparingTo("300");
    }
    @Test
    void aRefundLearnedOnlyFromTheGatewayIsTakenOff() {
        // a refund whose answer was lost, settled by the query; or a refund made in the gateway's portal
        RefundableBalance balance = RefundableBalance.of(List.of(
                move(AUTHORIZED, 1000, CALLBACK), move(CAPTURE_REQUESTED, 1000, COMMAND), move(CAPTURED, 1000, QUERY),
                move(PARTIALLY_REFUNDED, 300, QUERY)), ORDER);
        assertThat(balance.refunded()).isEqualByComparingTo("300");
        assertThat(balance.remaining()).isEqualByComparingTo("700");
    }

    @Test
    void theHubsRefundsAfterTheGatewaysLastReportAddToTheRefundedTotalItReported() {
        List<Move> moves = new java.util.ArrayList<>(List.of(
                move(CAPTURED, 1000, CALLBACK), move(REFUND_REQUESTED, 300, COMMAND),
                move(PARTIALLY_REFUNDED, 300, QUERY),
                move(REFUND_REQUESTED, 200, COMMAND)));
        assertThat(remaining(moves)).isEqualByComparingTo("500");

        // the next report counts the hub's 200 and 100 refunded in the portal: it replaces what was counted
        moves.add(move(PARTIALLY_REFUNDED, 600, CALLBACK));
        assertThat(remaining(moves)).isEqualByComparingTo("400");
    }

    @Test
    void aPartialRefundReportedForTheWholeTradeTellsNothingOfWhatWasRefunded() {
        // a reconciliation record names the trade's amount, not the refunded total
        List<Move> moves = new java.util.ArrayList<>(List.of(
                move(CAPTURED, 1000, CALLBACK), move(REFUND_REQUESTED, 300, COMMAND),
                move(PARTIALLY_REFUNDED, 1000, RECONCILIATION)));
        assertThat(remaining(moves)).isEqualByComparingTo("700");

        // a whole refund is the whole trade, whoever reports it
        moves.add(move(REFUNDED, 1000, RECONCILIATION));
        assertThat(remaining(moves)).isEqualByComparingTo("0");
    }

    @Test
    void aWithdrawnCaptureLearnedByQueryFallsBackToTheOrderAmount() {
        // cancel-capture with an unknown outcome, settled by the query's reverting fact
        assertThat(remaining(List.of(move(AUTHORIZED, 1000, CALLBACK), move(CAPTURE_REQUESTED, 600, COMMAND),
                move(AUTHORIZED, 1000, QUERY)))).isEqualByComparingTo("1000");
    }

    @Test
    void withdrawingARefundTheGatewayReportedTakesItOffTheReportedTotal() {
        // the refund's answer was lost and the query reported it pending (refunded total 500); then it is withdrawn
        assertThat(remaining(List.of(move(CAPTURED, 1000, CALLBACK), move(PARTIALLY_REFUNDED, 300, QUERY),
                move(REFUND_REQUESTED, 500, QUERY), move(PARTIALLY_REFUNDED, 200, COMMAND))))
                .isEqualByComparingTo("700");
    }
}
