package tw.twpay.hub.sandbox.tappay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import tw.twpay.hub.provider.tappay.TapPayJson;

/**
 * One trade as the simulated TapPay keeps it. Amounts are TapPay's numbers (whole TWD, cents otherwise). Mutated
 * only under its own lock (the simulator's calls on one trade are serialised).
 */
final class SimulatedTapPayTrade {

    /** record_status values of the Record API. */
    static final int ERROR = -1;
    static final int AUTH = 0;
    static final int OK = 1;
    static final int PARTIALLY_REFUNDED = 2;
    static final int REFUNDED = 3;
    static final int PENDING = 4;
    static final int CANCEL = 5;

    final String partnerKey;
    final String merchantId;
    final String recTradeId;
    final String bankTransactionId;
    final String orderNumber;
    final long amount;
    final String currency;
    final long time;
    final String frontendRedirectUrl;
    final String backendNotifyUrl;
    int recordStatus;
    String authCode;
    boolean captured;
    long capMillis;
    long refunded;
    /** delay_capture_in_days asked for, applied when a 3-D Secure payment is completed */
    int delayCaptureInDays;
    final List<Refund> refunds = new ArrayList<>();
    final List<ObjectNode> history = new ArrayList<>();

    /** A refund request; cancelled ones stay listed. */
    static final class Refund {
        final String refundId;
        final long amount;
        final long millis;
        boolean cancelled;

        Refund(String refundId, long amount, long millis) {
            this.refundId = refundId;
            this.amount = amount;
            this.millis = millis;
        }
    }

    SimulatedTapPayTrade(String partnerKey, String merchantId, String recTradeId, String bankTransactionId,
                         String orderNumber, long amount, String currency, long time, String frontendRedirectUrl,
                         String backendNotifyUrl) {
        this.partnerKey = partnerKey;
        this.merchantId = merchantId;
        this.recTradeId = recTradeId;
        this.bankTransactionId = bankTransactionId;
        this.orderNumber = orderNumber;
        this.amount = amount;
        this.currency = currency;
        this.time = time;
        this.frontendRedirectUrl = frontendRedirectUrl;
        this.backendNotifyUrl = backendNotifyUrl;
    }

    /** The bank ran its capture batch: a scheduled capture whose time has come is done. */
    void settle(long now) {
        if (recordStatus == AUTH && !captured && capMillis > 0 && capMillis <= now) {
            captured = true;
            recordStatus = OK;
            addHistory(1, amount, capMillis, null);
        }
    }

    void addHistory(int action, long historyAmount, long millis, String refundId) {
        ObjectNode entry = TapPayJson.object();
        entry.put("action", action);
        entry.put("amount", historyAmount);
        entry.put("millis", millis);
        entry.put("success", true);
        entry.put("is_pending", false);
        if (refundId != null) {
            entry.put("refund_id", refundId);
        }
        history.add(entry);
    }

    /** The trade as a Record API trade record. */
    ObjectNode record() {
        ObjectNode record = TapPayJson.object();
        record.put("rec_trade_id", recTradeId);
        record.put("bank_transaction_id", bankTransactionId);
        record.put("order_number", orderNumber == null ? "" : orderNumber);
        record.put("merchant_id", merchantId);
        record.put("amount", amount - refunded);
        record.put("original_amount", amount);
        record.put("refunded_amount", refunded);
        record.put("currency", currency);
        record.put("record_status", recordStatus);
        record.put("is_captured", captured);
        record.put("cap_millis", capMillis);
        record.put("time", time);
        record.put("auth_code", authCode == null ? "" : authCode);
        record.put("bank_result_code", recordStatus == ERROR ? "05" : "00");
        record.put("bank_result_msg", "");
        ObjectNode cardInfo = record.putObject("card_info");
        cardInfo.put("bin_code", "424242");
        cardInfo.put("last_four", "4242");
        cardInfo.put("type", 1);
        cardInfo.put("expiry_date", "203012");
        return record;
    }
}
