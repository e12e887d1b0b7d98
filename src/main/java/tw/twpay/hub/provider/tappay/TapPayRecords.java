package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayRequest;

/**
 * The Record API ({@code /tpc/transaction/query}) as the hub uses it: one trade, looked up by its
 * {@code rec_trade_id} or, when the payment's answer was lost, by the {@code bank_transaction_id} the hub chose —
 * always ids the hub holds, never one only a callback names. The record found must be of the merchant and name its
 * currency; its amount and currency are then reported as they are and the ledger checks them against the order. It
 * is what settles queries, backend notifies and the missed-notify poll.
 */
final class TapPayRecords {

    /** A trade has one record; a few spare lines catch a filter TapPay matched more loosely than asked. */
    private static final int RECORDS_PER_PAGE = 10;

    private TapPayRecords() {
    }

    /** Record of the trade by the hub's own ids: the rec_trade_id TapPay gave it, else its bank_transaction_id. */
    static GatewayRequest request(TapPayMerchant merchant, TapPayTrades.Trade trade, Object context) {
        return TapPayRequests.call(merchant, TapPayPaths.RECORD, TapPayRequests.record(trade.recTradeId(),
                trade.bankTransactionId(), 0, RECORDS_PER_PAGE, merchant.partnerKey()), context);
    }

    /**
     * The trade's record in a Record answer; empty when TapPay knows no such trade. Status 2 ("end of list") is a
     * normal last page and may still carry the record.
     */
    static Optional<JsonNode> find(TapPayAnswer answer, TapPayTrades.Trade trade) {
        if (answer.status() != TapPayAnswer.SUCCESS && answer.status() != TapPayAnswer.END_OF_LIST) {
            throw new GatewayAnswerException("TapPay refused the Record query: " + answer.describe());
        }
        for (JsonNode record : answer.path("trade_records")) {
            String recTradeId = TapPayJson.textField(record, "rec_trade_id");
            String bankTransactionId = TapPayJson.textField(record, "bank_transaction_id");
            boolean sameTrade = trade.recTradeId() != null ? trade.recTradeId().equals(recTradeId)
                    : trade.bankTransactionId().equals(bankTransactionId);
            if (sameTrade) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    /**
     * The record as a fact about the order, after checking it is the order's trade: a record of another merchant,
     * or without the currency to check it by, is not trusted ({@link GatewayAnswerException}). The amount and currency
     * are the record's own: a trade TapPay reports in another amount or currency than the order's is stored as
     * reported, and the ledger flags it (AMOUNT_MISMATCH, CURRENCY_MISMATCH) without moving the order.
     */
    static LedgerFact fact(TapPayMerchant merchant, OrderState order, JsonNode record, EventSource source,
                           OffsetDateTime now) {
        return fact(merchant, order, record, null, source, now);
    }

    /**
     * The same, with the trade's history settling what the record leaves open (null: the record alone): refunds
     * Record counts that are all still pending at the bank are REFUND_REQUESTED, and a record without
     * {@code refunded_amount} is refunded by what the history shows done (see {@link #refunded}; a partial refund
     * none of them tells the amount of is not trusted). A refund's fact carries what has been refunded. A void of a
     * trade whose scheduled capture the order waits for takes the order back from CAPTURE_REQUESTED (a reverting fact).
     */
    static LedgerFact fact(TapPayMerchant merchant, OrderState order, JsonNode record, TapPayTradeHistory history,
                           EventSource source, OffsetDateTime now) {
        String recTradeId = TapPayJson.textField(record, "rec_trade_id");
        if (recTradeId == null || !record.path("record_status").canConvertToInt()) {
            throw new GatewayAnswerException("TapPay's trade record has no rec_trade_id or record_status");
        }
        String merchantId = TapPayJson.textField(record, "merchant_id");
        if (merchantId != null && merchant.merchantId() != null && !merchantId.equals(merchant.merchantId())) {
            throw new GatewayAnswerException("trade " + recTradeId + " belongs to another TapPay merchant");
        }
        Money orderAmount = order.amount();
        if (orderAmount == null) {
            throw new GatewayAnswerException("order " + order.orderNo() + " has no amount to check trade "
                    + recTradeId + " against");
        }
        String currency = TapPayJson.textField(record, "currency");
        if (currency == null) {
            throw new GatewayAnswerException("TapPay's record of trade " + recTradeId + " names no currency");
        }
        int recordStatus = record.path("record_status").asInt();
        JsonNode original = record.has("original_amount") ? record.path("original_amount")
                : recordStatus == 2 || recordStatus == 3 ? null : record.path("amount");
        if (original != null && !TapPayJson.isAmount(original)) {
            throw new GatewayAnswerException("TapPay's record of trade " + recTradeId + " has no amount");
        }
        // the trade as TapPay reports it; without original_amount a refunded record keeps only the order's amount
        Money traded = original != null ? TapPayAmounts.reported(original.asLong(), currency)
                : currency.equals(orderAmount.currency()) ? orderAmount : null;
        boolean captured = record.path("is_captured").asBoolean(false);
        long capMillis = record.path("cap_millis").asLong(0);
        boolean authorised = TapPayJson.textField(record, "auth_code") != null;
        PaymentStatus status = TapPayStatusMapping.ofRecord(recordStatus, captured, capMillis, authorised);
        boolean ledgerChecksAmount = status == PaymentStatus.AUTHORIZED || status == PaymentStatus.CAPTURE_REQUESTED
                || status == PaymentStatus.CAPTURED;
        if (!ledgerChecksAmount && (!currency.equals(orderAmount.currency())
                || (traded != null && traded.compareTo(orderAmount) != 0))) {
            // the ledger flags a payment reported in another amount or currency; a refund, void or failure of a
            // trade in another amount or currency than the order's is no trade of this order to apply
            throw new GatewayAnswerException("TapPay's record of trade " + recTradeId + " (" + status + ") is of "
                    + (traded != null ? traded.text() + " " : "") + currency + ", order " + order.orderNo() + " of "
                    + orderAmount.text() + " " + orderAmount.currency());
        }
        Money amount = traded;
        long refunded = TapPayJson.isAmount(record.path("refunded_amount")) ? record.path("refunded_amount").asLong()
                : 0;
        boolean refundsPending = false;
        if (status == PaymentStatus.PARTIALLY_REFUNDED || status == PaymentStatus.REFUNDED) {
            if (captured && history != null && history.refundsAllPending()) {
                // Record counts the refund, the bank has not made it yet
                status = PaymentStatus.REFUND_REQUESTED;
                refundsPending = true;
                amount = TapPayAmounts.reported(history.pendingRefundAmount(), currency);
            } else {
                refunded = refunded(record, original, history);
                if (refunded > 0) {
                    amount = TapPayAmounts.reported(refunded, currency);
                } else if (status == PaymentStatus.PARTIALLY_REFUNDED) {
                    throw new GatewayAnswerException("TapPay's record of trade " + recTradeId
                            + " is partly refunded and tells not how much");
                }
            }
        }
        // a void before the capture TapPay had scheduled withdraws the capture request: a step back TapPay made, as
        // its answer to the refund says (TapPayCardOperations); it takes the order back however the hub learns it
        boolean voidsCaptureRequest = status == PaymentStatus.VOIDED && !captured
                && order.status() == PaymentStatus.CAPTURE_REQUESTED;
        PaymentEvent event = TapPayEvents.payment(merchant, order.orderNo(), recTradeId, status, amount, record,
                source, now, "record_status " + recordStatus, null);
        // the same record again is the same fact, with or without a history behind it; each refund moves the amount
        // refunded on (or pending at the bank), and so is a fact of its own
        List<Object> key = new ArrayList<>(List.of(TapPay.CODE, merchant.alias(), order.orderNo(), recTradeId,
                "record", recordStatus, captured, capMillis > 0, refunded));
        if (refundsPending) {
            key.addAll(List.of("refunds-pending", history.pendingRefundAmount()));
        }
        if (voidsCaptureRequest) {
            // an older fact of this record, stored before it could take the order back, must not make it a duplicate
            key.add("voids-capture-request");
        }
        return new LedgerFact(LedgerFact.key(key.toArray()), event, TapPayJson.text(record), voidsCaptureRequest);
    }

    /**
     * What the trade has had refunded, in TapPay's units: the record's {@code refunded_amount}; without it, the refunds
     * the history shows done; without a history (or one showing none done), the record's trade amount less what is
     * left of it ({@code amount}, the remainder on a refunded record) — so a record read with and without its history
     * is refunded by the same amount. 0 when none of them tells.
     */
    private static long refunded(JsonNode record, JsonNode original, TapPayTradeHistory history) {
        if (record.has("refunded_amount")) {
            return TapPayJson.isAmount(record.path("refunded_amount")) ? record.path("refunded_amount").asLong() : 0;
        }
        if (history != null && history.refundedAmount() > 0) {
            return history.refundedAmount();
        }
        if (original != null && TapPayJson.isAmount(record.path("amount"))) {
            return Math.max(0, original.asLong() - record.path("amount").asLong());
        }
        return 0;
    }
}
