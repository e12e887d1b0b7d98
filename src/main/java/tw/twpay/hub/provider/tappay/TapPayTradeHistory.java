package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import tw.twpay.hub.canonical.Money;

/**
 * A Trade History answer ({@code /tpc/transaction/trade-history}): the operations TapPay made on one trade. The hub
 * relies only on what tappay.md states — {@code action} 3 is a refund, with {@code amount}, {@code success},
 * {@code is_pending} and {@code refund_id} — to settle what Record leaves open: whether the refunds Record counts
 * have gone through or are still pending at the bank, and how much was refunded when the record does not say.
 * Other action codes are passed on to the ERP by number (with the usual reading as a name), never interpreted.
 */
record TapPayTradeHistory(List<JsonNode> entries) {

    static final int REFUND = 3;
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    /**
     * One operation on the trade as the ERP sees it.
     *
     * @param action     REFUND (3), or by the usual reading of TapPay's codes AUTHORIZATION (0) and CAPTURE (1);
     *                   ACTION_n for any other code
     * @param actionCode TapPay's number, as sent
     * @param success    null when TapPay did not say
     * @param pending    true while the bank has not yet done it
     */
    public record Operation(String action, int actionCode, Money amount, OffsetDateTime at, Boolean success,
                            boolean pending, String refundId) {
    }

    /** The history of an answer; TapPay's refusal or an answer without a list is not a history. */
    static TapPayTradeHistory of(TapPayAnswer answer) {
        if (!answer.success() || !answer.path("trade_history").isArray()) {
            throw new IllegalArgumentException("Trade History refused: " + answer.describe());
        }
        List<JsonNode> entries = new ArrayList<>();
        answer.path("trade_history").forEach(entries::add);
        return new TapPayTradeHistory(List.copyOf(entries));
    }

    private static boolean isRefund(JsonNode entry) {
        return entry.path("action").asInt(-1) == REFUND && entry.path("success").asBoolean(true);
    }

    /** Refunds TapPay made and the bank has done, in TapPay's amount units. */
    long refundedAmount() {
        return refunds(false);
    }

    /** Refunds still pending at the bank, in TapPay's amount units. */
    long pendingRefundAmount() {
        return refunds(true);
    }

    private long refunds(boolean pending) {
        return entries.stream().filter(TapPayTradeHistory::isRefund)
                .filter(entry -> entry.path("is_pending").asBoolean(false) == pending)
                .mapToLong(entry -> TapPayJson.isAmount(entry.path("amount")) ? entry.path("amount").asLong() : 0)
                .sum();
    }

    /** There are refunds and every one is still pending at the bank: refund requested, nothing returned yet. */
    boolean refundsAllPending() {
        List<JsonNode> refunds = entries.stream().filter(TapPayTradeHistory::isRefund).toList();
        return !refunds.isEmpty() && refunds.stream().allMatch(entry -> entry.path("is_pending").asBoolean(false));
    }

    List<Operation> operations(String currency) {
        return entries.stream().map(entry -> {
            int code = entry.path("action").asInt(-1);
            String action = switch (code) {
                case 0 -> "AUTHORIZATION";
                case 1 -> "CAPTURE";
                case REFUND -> "REFUND";
                default -> "ACTION_" + code;
            };
            Money amount = TapPayJson.isAmount(entry.path("amount"))
                    ? TapPayAmounts.fromWire(entry.path("amount").asLong(), currency) : null;
            OffsetDateTime at = entry.path("millis").canConvertToLong()
                    ? Instant.ofEpochMilli(entry.path("millis").asLong()).atZone(TAIPEI).toOffsetDateTime() : null;
            Boolean success = entry.path("success").isBoolean() ? entry.path("success").asBoolean() : null;
            return new Operation(action, code, amount, at, success, entry.path("is_pending").asBoolean(false),
                    TapPayJson.textField(entry, "refund_id"));
        }).toList();
    }
}
