package tw.twpay.hub.canonical;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a payment stands. Status only moves forward: {@link #canAdvanceTo} decides whether a newly learned
 * fact may replace the current state, so a late or replayed callback can never move an order back.
 */
public enum PaymentStatus {
    PENDING,
    FAILED,
    AUTHORIZED,
    CAPTURE_REQUESTED,
    CAPTURED,
    REFUND_REQUESTED,
    PARTIALLY_REFUNDED,
    REFUNDED,
    VOIDED;

    private Set<PaymentStatus> successors() {
        return switch (this) {
            case PENDING -> EnumSet.complementOf(EnumSet.of(PENDING));
            // a failed attempt may be followed by a successful one on the same order (customer retries the form)
            case FAILED -> EnumSet.of(AUTHORIZED, CAPTURE_REQUESTED, CAPTURED);
            case AUTHORIZED -> EnumSet.of(CAPTURE_REQUESTED, CAPTURED, VOIDED,
                    REFUND_REQUESTED, PARTIALLY_REFUNDED, REFUNDED);
            case CAPTURE_REQUESTED -> EnumSet.of(CAPTURED, REFUND_REQUESTED, PARTIALLY_REFUNDED, REFUNDED);
            case CAPTURED -> EnumSet.of(REFUND_REQUESTED, PARTIALLY_REFUNDED, REFUNDED);
            case REFUND_REQUESTED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            // each further partial refund is a new fact that moves the refunded amount on
            case PARTIALLY_REFUNDED -> EnumSet.of(REFUND_REQUESTED, PARTIALLY_REFUNDED, REFUNDED);
            case REFUNDED, VOIDED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }

    public boolean canAdvanceTo(PaymentStatus next) {
        return successors().contains(next);
    }

    public boolean isTerminal() {
        return successors().isEmpty();
    }

    /**
     * A request the gateway has taken but not yet carried out (a capture or refund waiting for the bank): the one
     * kind of status a withdrawal the gateway confirms may take an order back from.
     */
    public boolean isStandingRequest() {
        return this == CAPTURE_REQUESTED || this == REFUND_REQUESTED;
    }
}
