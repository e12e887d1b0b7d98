package tw.twpay.hub.provider.newebpay;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;
import tw.twpay.hub.canonical.PaymentStatus;

/** NewebPay's words for where a payment stands, in canonical statuses. */
public final class NewebPayStatusMapping {

    /** Inst: a number of instalments above zero */
    private static final Pattern INSTALMENTS = Pattern.compile("0*[1-9]\\d*");

    /** A card trade the gateway reports as UnionPay (PaymentMethod UNIONPAY): captured whole only. */
    public static final String UNIONPAY = "UNIONPAY";
    /** A card trade paid by installments (Inst above 0): captured and refunded whole only. */
    public static final String INSTALLMENT = "CREDIT_INSTALLMENT";
    /** A card trade with bonus-point redemption (紅利折抵, RedAmt present): captured and refunded whole only. */
    public static final String REDEEM = "CREDIT_REDEEM";
    /** Taiwan Pay: refunded whole only (NDNF §4.6). */
    public static final String TAIWANPAY = "TAIWANPAY";

    /** Payment types that authorise a card first and are captured (請款) later; the others settle at once. */
    private static final Set<String> CARD_PAYMENT_TYPES = Set.of(
            "CREDIT", "ANDROIDPAY", "SAMSUNGPAY", "APPLEPAY", "GOOGLEPAY", UNIONPAY, "CREDITAE", "INSTFLAG",
            INSTALLMENT, REDEEM);

    /** E-wallets (NDNF §4.6 PaymentType): refunded through /API/EWallet/refund (NPA-B06), not the card Close API. */
    private static final Set<String> WALLET_PAYMENT_TYPES = Set.of(
            "LINEPAY", "ESUNWALLET", "TAIWANPAY", "TWQR", "EZPALIPAY", "EZPWECHAT");

    /** Paid later with a code the gateway hands out: an ATM account, a convenience-store code, barcodes. */
    private static final Set<String> PAYMENT_CODE_TYPES = Set.of("VACC", "CVS", "BARCODE");

    private NewebPayStatusMapping() {
    }

    public static boolean isWallet(String paymentType) {
        return paymentType != null && WALLET_PAYMENT_TYPES.contains(paymentType.toUpperCase(java.util.Locale.ROOT));
    }

    public static boolean isCardPayment(String paymentType) {
        return paymentType == null || CARD_PAYMENT_TYPES.contains(paymentType.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * How a trade was paid, as the ledger records it: the PaymentType, made precise for the card trades whose capture
     * and refund rules differ (NDNF §4.5 Amt): UnionPay, installments, redemption.
     */
    public static String paidAs(String paymentType, String paymentMethod, String inst, String redAmt) {
        if (!"CREDIT".equalsIgnoreCase(paymentType) && !UNIONPAY.equalsIgnoreCase(paymentType)) {
            return paymentType;
        }
        if (UNIONPAY.equalsIgnoreCase(paymentType) || UNIONPAY.equalsIgnoreCase(paymentMethod)) {
            return UNIONPAY;
        }
        if (inst != null && INSTALMENTS.matcher(inst.trim()).matches()) {
            return INSTALLMENT;
        }
        if (redAmt != null && !redAmt.isBlank()) {
            return REDEEM;
        }
        return paymentType;
    }

    /**
     * A NotifyURL result: SUCCESS means authorised (cards) or paid (ATM, CVS, wallets) — except a payment code handed
     * out ({@link #isPaymentCodeIssued}), which is money still to come.
     */
    public static PaymentStatus ofNotify(String status, String paymentType, String payTime) {
        if (!NewebPayPayload.SUCCESS.equals(status)) {
            return PaymentStatus.FAILED;
        }
        if (isCardPayment(paymentType)) {
            return PaymentStatus.AUTHORIZED;
        }
        return isPaymentCodeIssued(paymentType, payTime) ? PaymentStatus.PENDING : PaymentStatus.CAPTURED;
    }

    /**
     * 取號成功: for an ATM transfer (VACC), a convenience-store code (CVS) or barcodes (BARCODE) the gateway first hands
     * the customer an account, code or barcodes to pay by ExpireDate — Status SUCCESS, no PayTime — and only later
     * reports the payment itself, with PayTime (vectors/newebpay.json {@code omnipay-atm-barcode-cvs-samples}). The
     * first is not money received.
     */
    public static boolean isPaymentCodeIssued(String paymentType, String payTime) {
        return paymentType != null && PAYMENT_CODE_TYPES.contains(paymentType.toUpperCase(java.util.Locale.ROOT))
                && (payTime == null || payTime.isBlank() || payTime.trim().startsWith("0000"));
    }

    /**
     * A QueryTradeInfo answer's status, read from its fields (see below) — except a payment the bank has yet to confirm
     * ({@link #awaitsBankConfirmation}), which is not money received whatever TradeStatus says.
     */
    public static PaymentStatus ofQuery(NewebPayPayload result) {
        PaymentStatus status = ofQuery(result.field("TradeStatus"), result.field("PaymentType"),
                result.field("CloseStatus"), result.field("BackStatus"), result.field("BackBalance"), captured(result));
        boolean paid = status == PaymentStatus.AUTHORIZED || status == PaymentStatus.CAPTURE_REQUESTED
                || status == PaymentStatus.CAPTURED;
        return paid && awaitsBankConfirmation(result) ? PaymentStatus.PENDING : status;
    }

    /**
     * OrderStatus 9, 付款中，待銀行確認: the NDNF manual's QueryTradeInfo 註2 field for ATM, CVS, barcode, LINE Pay and
     * WebATM trades (Version 1.3 on; 0 unpaid, 1 paid, 2 failed, 3 cancelled, 6 refunded, 9 paying, awaiting the bank).
     */
    public static boolean awaitsBankConfirmation(NewebPayPayload result) {
        String orderStatus = result.field("OrderStatus");
        return orderStatus != null && "9".equals(orderStatus.trim());
    }

    /**
     * A QueryTradeInfo result. TradeStatus: 0 unpaid, 1 paid, 2 failed, 3 cancelled, 6 refunded.
     * CloseStatus (capture): 0 none, 1 waiting, 2 processing, 3 done, 4 failed (e-wallets). BackStatus (refund): the
     * same steps. A failed capture is not CAPTURED; a failed refund leaves the payment as it was: partly refunded
     * when BackBalance says earlier refunds stand.
     *
     * @param captured what was captured: CloseAmt, else Amt (see {@link #refunded})
     */
    public static PaymentStatus ofQuery(String tradeStatus, String paymentType, String closeStatus, String backStatus,
                                        String backBalance, String captured) {
        switch (tradeStatus == null ? "" : tradeStatus) {
            case "0":
                return PaymentStatus.PENDING;
            case "2":
                return PaymentStatus.FAILED;
            case "3":
                return PaymentStatus.VOIDED;
            case "6":
                return PaymentStatus.REFUNDED;
            case "1":
                break;
            default:
                throw new NewebPayDecodeException("unknown TradeStatus " + tradeStatus);
        }
        // BackStatus / CloseStatus: 0 none, 1 waiting, 2 processing, 3 done, 4 failed (e-wallets); a failed refund
        // or capture leaves the payment where it was
        if ("1".equals(backStatus) || "2".equals(backStatus)) {
            return PaymentStatus.REFUND_REQUESTED;
        }
        if ("3".equals(backStatus) || ("4".equals(backStatus) && earlierRefundsStand(captured, backBalance))) {
            // BackBalance is what can still be refunded: anything left means the refund was partial. LINE Pay sends
            // none, so a refund of unknown extent is partial until TradeStatus says 6 (refunded). A failed refund
            // (4) after one that was done leaves that one standing
            if (backBalance == null || backBalance.isBlank()) {
                return PaymentStatus.PARTIALLY_REFUNDED;
            }
            return hasBalanceLeft(backBalance) ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.REFUNDED;
        }
        boolean card = isCardPayment(paymentType);
        String close = closeStatus(paymentType, closeStatus);
        return switch (close == null ? "0" : close) {
            case "1", "2" -> PaymentStatus.CAPTURE_REQUESTED;
            case "3" -> PaymentStatus.CAPTURED;
            case "4" -> PaymentStatus.AUTHORIZED;
            // a card is captured on request; ATM, CVS and wallets are paid when the trade is
            default -> card ? PaymentStatus.AUTHORIZED : PaymentStatus.CAPTURED;
        };
    }

    /**
     * CloseStatus on the common scale (0 none, 1 waiting, 2 processing, 3 done, 4 failed). Fula 付啦 answers its own
     * (NDNF §4.3.2: 0 none, 1 processing, 2 done, 3 failed).
     */
    public static String closeStatus(String paymentType, String closeStatus) {
        if (!"FULA".equalsIgnoreCase(paymentType) || closeStatus == null) {
            return closeStatus;
        }
        return switch (closeStatus.trim()) {
            case "1" -> "2";
            case "2" -> "3";
            case "3" -> "4";
            default -> closeStatus;
        };
    }

    /** What a QueryTradeInfo answer says its trade's refunds add up to (see below). */
    public static BigDecimal refunded(NewebPayPayload result) {
        return refunded(captured(result), result.field("BackBalance"));
    }

    /** What the trade's capture took: CloseAmt, else Amt (a trade the gateway captured whole by itself). */
    private static String captured(NewebPayPayload result) {
        return captured(result.field("CloseAmt"), result.field("Amt"));
    }

    /** What the trade's capture took, from the answer's CloseAmt and Amt. */
    static String captured(String closeAmount, String amount) {
        return closeAmount != null && !closeAmount.isBlank() ? closeAmount : amount;
    }

    /**
     * What the trade's refunds add up to, done or waiting: what was captured (CloseAmt, else Amt) less BackBalance,
     * what can still be refunded. Null when the answer has no BackBalance (LINE Pay) or names no amount.
     */
    public static BigDecimal refunded(String captured, String backBalance) {
        BigDecimal balance = number(backBalance, "BackBalance");
        BigDecimal capturedAmount = number(captured, "CloseAmt/Amt");
        return balance == null || capturedAmount == null ? null : capturedAmount.subtract(balance);
    }

    private static boolean earlierRefundsStand(String captured, String backBalance) {
        BigDecimal refunded = refunded(captured, backBalance);
        return refunded != null && refunded.signum() > 0;
    }

    private static boolean hasBalanceLeft(String backBalance) {
        BigDecimal balance = number(backBalance, "BackBalance");
        return balance != null && balance.signum() > 0;
    }

    private static BigDecimal number(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new NewebPayDecodeException(field + " is not a number");
        }
    }
}
