package tw.twpay.hub.provider.flashpay;

import java.math.BigDecimal;
import tw.twpay.hub.canonical.PaymentStatus;

/**
 * FlashPay's order_status (manual §9) in canonical statuses: one table, every status FlashPay names.
 *
 * <pre>
 * 00 授權中 (授權失敗)  → PENDING   ambiguous: the gateway also reports failed authorisations so; re-queried, and
 *                                 FAILED once older than twpay.providers.flashpay.authorisation-timeout
 * ZP 訂單處理中         → PENDING
 * 02 授權成功           → AUTHORIZED
 * ZF 授權失敗           → FAILED
 * 12 訂單取消           → VOIDED
 * 03 已請款             → CAPTURE_REQUESTED
 * 04 請款已清算         → CAPTURED
 * 06 已退貨             → REFUND_REQUESTED
 * 08 退貨已清算         → REFUNDED, PARTIALLY_REFUNDED when tot_ret_amt is less than tot_pay_amt
 * </pre>
 */
public final class FlashPayStatusMapping {

    /** 授權中 (授權失敗): FlashPay uses it both while a bank is authorising and for some failed authorisations. */
    public static final String AUTHORISING_OR_FAILED = "00";

    private FlashPayStatusMapping() {
    }

    /**
     * @param totPayAmt tot_pay_amt, the captured amount (null when not reported)
     * @param totRetAmt tot_ret_amt, the refunded amount (null when not reported)
     * @throws FlashPayDecodeException for a status the table does not name
     */
    public static PaymentStatus of(String orderStatus, BigDecimal totPayAmt, BigDecimal totRetAmt) {
        return switch (orderStatus == null ? "" : orderStatus) {
            case "00", "ZP" -> PaymentStatus.PENDING;
            case "02" -> PaymentStatus.AUTHORIZED;
            case "ZF" -> PaymentStatus.FAILED;
            case "12" -> PaymentStatus.VOIDED;
            case "03" -> PaymentStatus.CAPTURE_REQUESTED;
            case "04" -> PaymentStatus.CAPTURED;
            case "06" -> PaymentStatus.REFUND_REQUESTED;
            case "08" -> partlyRefunded(totPayAmt, totRetAmt) ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.REFUNDED;
            default -> throw new FlashPayDecodeException("unknown order_status " + safe(orderStatus));
        };
    }

    private static boolean partlyRefunded(BigDecimal totPayAmt, BigDecimal totRetAmt) {
        return totPayAmt != null && totRetAmt != null && totRetAmt.signum() > 0 && totRetAmt.compareTo(totPayAmt) < 0;
    }

    /** A status code is short and not secret, but an unexpected value is not echoed beyond a code's shape. */
    private static String safe(String orderStatus) {
        if (orderStatus == null || orderStatus.isEmpty()) {
            return "(none)";
        }
        return orderStatus.matches("[A-Za-z0-9]{1,4}") ? orderStatus : "(not a status code)";
    }
}
