package tw.twpay.hub.provider.tappay;

import tw.twpay.hub.canonical.PaymentStatus;

/**
 * TapPay's statuses in the canonical model, one table per source (see tappay.md, "Status → canonical"). Outcome
 * unknown statuses are not mapped here: they never become a fact (see {@link TapPayAnswer#outcomeUnknown}).
 */
public final class TapPayStatusMapping {

    /** {@code delay_capture_in_days} of a payment captured only when the hub asks (Cap Today). */
    public static final int CAPTURE_ON_REQUEST = -1;

    private TapPayStatusMapping() {
    }

    /**
     * A Pay by Prime / Pay by Card Token answer whose outcome is known.
     *
     * @param delayCaptureInDays what the request asked for: -1 authorises only, 0 or more schedules the capture
     */
    public static PaymentStatus ofPayAnswer(int status, boolean paymentUrl, int delayCaptureInDays) {
        if (status != TapPayAnswer.SUCCESS) {
            return PaymentStatus.FAILED;
        }
        if (paymentUrl) {
            // 3-D Secure or a wallet: the customer still has to confirm; nothing is paid yet
            return PaymentStatus.PENDING;
        }
        return delayCaptureInDays == CAPTURE_ON_REQUEST ? PaymentStatus.AUTHORIZED : PaymentStatus.CAPTURE_REQUESTED;
    }

    /**
     * A trade record's {@code record_status}.
     *
     * @param captured   the record's {@code is_captured}
     * @param capMillis  the record's {@code cap_millis}: above 0 when a capture is scheduled
     * @param authorised whether the trade was ever authorised (an auth code): a cancelled trade that never was is a
     *                   failed payment, not a voided one
     */
    public static PaymentStatus ofRecord(int recordStatus, boolean captured, long capMillis, boolean authorised) {
        return switch (recordStatus) {
            case -1 -> PaymentStatus.FAILED;
            case 0 -> capMillis > 0 && !captured ? PaymentStatus.CAPTURE_REQUESTED : PaymentStatus.AUTHORIZED;
            case 1 -> PaymentStatus.CAPTURED;
            case 2 -> PaymentStatus.PARTIALLY_REFUNDED;
            case 3 -> captured ? PaymentStatus.REFUNDED : PaymentStatus.VOIDED;
            case 4 -> PaymentStatus.PENDING;
            case 5 -> authorised ? PaymentStatus.VOIDED : PaymentStatus.FAILED;
            default -> throw new IllegalArgumentException("unknown TapPay record_status " + recordStatus);
        };
    }

    /** A Refund answer: a refund of an uncaptured authorisation is a void. */
    public static PaymentStatus ofRefundAnswer(boolean captured) {
        return captured ? PaymentStatus.REFUND_REQUESTED : PaymentStatus.VOIDED;
    }
}
