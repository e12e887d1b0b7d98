package tw.twpay.hub.sandbox.flashpay;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One order as the simulated gateway keeps it, with the amounts FlashPay reports (tot_pay_amt captured, tot_ret_amt
 * refunded). Changed only through its synchronized methods, so a back-office action and a query never see half a
 * change.
 */
final class SimulatedFlashPayTrade {

    private final String merchantId;
    private final String orderNo;
    private final String flashPayOrderNo;
    private final String orderTime;
    private final BigDecimal amount;
    private final String installPeriod;
    private final String authCode;
    private String status;
    private BigDecimal captured = BigDecimal.ZERO;
    private BigDecimal refunded = BigDecimal.ZERO;

    SimulatedFlashPayTrade(String merchantId, String orderNo, String flashPayOrderNo, String orderTime,
                           BigDecimal amount, String installPeriod, String authCode, String status) {
        this.merchantId = merchantId;
        this.orderNo = orderNo;
        this.flashPayOrderNo = flashPayOrderNo;
        this.orderTime = orderTime;
        this.amount = amount;
        this.installPeriod = installPeriod;
        this.authCode = authCode;
        this.status = status;
    }

    String merchantId() {
        return merchantId;
    }

    String orderNo() {
        return orderNo;
    }

    String orderTime() {
        return orderTime;
    }

    String flashPayOrderNo() {
        return flashPayOrderNo;
    }

    String installPeriod() {
        return installPeriod;
    }

    String authCode() {
        return authCode;
    }

    BigDecimal amount() {
        return amount;
    }

    synchronized String status() {
        return status;
    }

    /** Cancel the authorisation (tx_type 8): only an authorised, uncaptured order. */
    synchronized boolean cancel() {
        if (!"02".equals(status)) {
            return false;
        }
        status = "12";
        return true;
    }

    /** Back office: capture (請款), cleared at once (04). */
    synchronized void capture(BigDecimal value) {
        if (!"02".equals(status)) {
            throw new IllegalStateException("order_status " + status + " cannot be captured (needs 02)");
        }
        if (value.signum() <= 0 || value.compareTo(amount) > 0) {
            throw new IllegalStateException("a capture is above zero and at most the order amount " + amount);
        }
        captured = value;
        status = "04";
    }

    /** Back office: refund (退貨), cleared at once (08). */
    synchronized void refund(BigDecimal value) {
        if (!"04".equals(status) && !"08".equals(status)) {
            throw new IllegalStateException("order_status " + status + " cannot be refunded (needs 04 or 08)");
        }
        if (value.signum() <= 0 || refunded.add(value).compareTo(captured) > 0) {
            throw new IllegalStateException("a refund is above zero and at most what is left: "
                    + captured.subtract(refunded));
        }
        refunded = refunded.add(value);
        status = "08";
    }

    synchronized BigDecimal refundable() {
        return captured.subtract(refunded);
    }

    /**
     * The fields every querytrade.php answer about the order carries (manual §7, §8: no auth_id_resp or
     * install_period, which only the notify has), amounts as FlashPay writes them ("855.00").
     */
    synchronized Map<String, Object> reported(int txType) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ver", "1.0.0");
        fields.put("mer_id", merchantId);
        fields.put("tx_type", Integer.toString(txType));
        fields.put("tx_amt", money(amount));
        fields.put("tot_pay_amt", money(captured));
        fields.put("tot_ret_amt", money(refunded));
        fields.put("can_pay_amt", money("02".equals(status) ? amount : BigDecimal.ZERO));
        fields.put("can_ret_amt", money(captured.subtract(refunded)));
        fields.put("order_no", flashPayOrderNo);
        fields.put("ord_no", orderNo);
        fields.put("ord_time", orderTime + "+08");
        fields.put("order_status", status);
        fields.put("pay_type", "1");
        fields.put("service_fee", money(captured.signum() > 0 ? new BigDecimal("15") : BigDecimal.ZERO));
        fields.put("refund_service_fee", "0.00");
        return fields;
    }

    /**
     * An amount FlashPay takes: above zero, yuan with at most two decimals (amt is typed double; answers write two
     * decimals, the manual's 106 example 500.98).
     */
    static boolean isAmount(BigDecimal value) {
        return value.signum() > 0 && value.stripTrailingZeros().scale() <= 2;
    }

    static String money(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
