package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.reconciliation.SettlementRecord;

/**
 * TapPay's {@code reconciliation_datas} as settlement records, one per settled operation:
 * <ul>
 *   <li>{@code CAPTURE} → {@code CAPTURED}, for the captured {@code trade_amount};</li>
 *   <li>{@code REFUND} → {@code REFUNDED} when {@code trade_amount} is the whole {@code auth_amount}, otherwise what
 *       Record says of the trade now ({@code record_status} 3 {@code REFUNDED}, else {@code PARTIALLY_REFUNDED}),
 *       for the order's {@code auth_amount};</li>
 *   <li>{@code transaction_result} false: the bank refused the operation, no money moved: no record.</li>
 * </ul>
 * Each is read as one settled operation (a ledger that has moved on from it agrees with it); a refund names what has
 * been refunded of the trade in all (Record's {@code refunded_amount} for a partial one). The order is the hub's
 * trade with that {@code bank_transaction_id}; a trade the hub never started is filed under
 * its {@code order_number} unless that number is another trade's of the hub, else under its {@code rec_trade_id}. A
 * record without {@code bank_transaction_id}, {@code currency} or the amounts is completed by Record; a record of
 * another merchant, an unknown action, or a trade Record does not know fails the run.
 * <p>
 * Aliases sharing the merchant_id each get the merchant_id's records: a record of a trade another alias paid (its
 * bank_transaction_id is that alias's) is left to that alias, and a trade no alias paid is the first alias's in
 * alphabetical order, so that it is filed once.
 */
final class TapPaySettlementRecords {

    static final String CAPTURE = "CAPTURE";
    static final String REFUND = "REFUND";
    private static final int RECORD_REFUNDED = 3;

    private final TapPayMerchant merchant;
    private final List<String> sharingMerchantId;
    private final TapPayTrades trades;
    private final Function<GatewayRequest, GatewayCall> gateway;

    /** @param sharingMerchantId the other aliases of the merchant's merchant_id */
    TapPaySettlementRecords(TapPayMerchant merchant, List<String> sharingMerchantId, TapPayTrades trades,
                            Function<GatewayRequest, GatewayCall> gateway) {
        this.merchant = merchant;
        this.sharingMerchantId = List.copyOf(sharingMerchantId);
        this.trades = trades;
        this.gateway = gateway;
    }

    /** One page's records, the hub's trades of the page looked up in one statement. */
    List<SettlementRecord> of(JsonNode datas) {
        List<Operation> operations = new ArrayList<>(datas.size());
        Set<String> bankTransactionIds = new HashSet<>();
        for (JsonNode data : datas) {
            Operation operation = new Operation(data);
            if (operation.settled()) {
                operations.add(operation);
                if (operation.bankTransactionId() != null) {
                    bankTransactionIds.add(operation.bankTransactionId());
                }
            }
        }
        Map<String, TapPayTrades.Trade> known = trades.byBankTransactionIds(merchant.alias(), bankTransactionIds);
        Map<String, String> paidByAlias = sharingMerchantId.isEmpty() ? Map.of()
                : trades.merchantsOf(bankTransactionIds.stream().filter(id -> !known.containsKey(id)).toList());
        List<SettlementRecord> records = new ArrayList<>(operations.size());
        for (Operation operation : operations) {
            TapPayTrades.Trade trade = known.get(operation.bankTransactionId());
            if (trade != null || isThisAliases(paidByAlias.get(operation.bankTransactionId()))) {
                records.add(operation.record(trade));
            }
        }
        return records;
    }

    /**
     * Whether a trade this alias did not pay is its to judge: not when another alias sharing the merchant_id paid it
     * ({@code paidBy}), nor, for a trade no alias paid, unless this alias is the first of them alphabetically.
     */
    private boolean isThisAliases(String paidBy) {
        if (sharingMerchantId.isEmpty()) {
            return true;
        }
        if (paidBy != null) {
            return paidBy.equals(merchant.alias());
        }
        return sharingMerchantId.stream().allMatch(other -> merchant.alias().compareTo(other) < 0);
    }

    /** One reconciliation record, completed by Record on first need. */
    private final class Operation {

        private final JsonNode data;
        private final String recTradeId;
        private JsonNode details;
        private String bankTransactionId;

        Operation(JsonNode data) {
            this.data = data;
            this.recTradeId = TapPayJson.textField(data, "rec_trade_id");
            if (recTradeId == null) {
                throw new GatewayAnswerException("TapPay's Reconciliation answer has a record without rec_trade_id");
            }
            String merchantId = TapPayJson.textField(data, "merchant_id");
            if (merchantId != null && !merchantId.equals(merchant.merchantId())) {
                throw new GatewayAnswerException("TapPay's Reconciliation answer lists trade " + recTradeId
                        + " of another merchant");
            }
        }

        boolean settled() {
            return data.path("transaction_result").asBoolean(true);
        }

        String bankTransactionId() {
            if (bankTransactionId == null) {
                bankTransactionId = TapPayJson.textField(data, "bank_transaction_id");
                if (bankTransactionId == null) {
                    bankTransactionId = TapPayJson.textField(details(), "bank_transaction_id");
                }
            }
            return bankTransactionId;
        }

        SettlementRecord record(TapPayTrades.Trade trade) {
            String action = TapPayJson.textField(data, "transaction_action");
            String currency = text("currency");
            PaymentStatus status;
            long wireAmount;
            if (CAPTURE.equals(action)) {
                status = PaymentStatus.CAPTURED;
                wireAmount = number("trade_amount", "original_amount");
            } else if (REFUND.equals(action)) {
                wireAmount = number("auth_amount", "original_amount");
                JsonNode refundedNow = data.path("trade_amount");
                status = TapPayJson.isAmount(refundedNow) && refundedNow.asLong() >= wireAmount
                        ? PaymentStatus.REFUNDED : refundedByRecord();
            } else {
                throw new GatewayAnswerException("TapPay's Reconciliation answer: trade " + recTradeId
                        + " has transaction_action " + (action == null ? "(none)" : "not CAPTURE or REFUND"));
            }
            return SettlementRecord.reported(recTradeId, orderNo(trade), status, money(wireAmount, currency),
                    occurredAt(), merchant.merchantId(), action, TapPayJson.text(data)).asSettledOperation()
                    .withRefunded(status == PaymentStatus.PARTIALLY_REFUNDED ? refunded(details(), currency)
                            : status == PaymentStatus.REFUNDED ? money(wireAmount, currency) : null);
        }

        private String orderNo(TapPayTrades.Trade trade) {
            if (trade != null) {
                return trade.orderNo();
            }
            String orderNumber = TapPayJson.textField(data, "order_number");
            // TapPay lets order_number repeat: the hub's order of that number is another trade (its own
            // bank_transaction_id), so this one is filed under TapPay's id
            return orderNumber != null && trades.ofOrder(merchant.alias(), orderNumber).isEmpty() ? orderNumber : null;
        }

        private PaymentStatus refundedByRecord() {
            return details().path("record_status").asInt(-1) == RECORD_REFUNDED ? PaymentStatus.REFUNDED
                    : PaymentStatus.PARTIALLY_REFUNDED;
        }

        private OffsetDateTime occurredAt() {
            for (String field : new String[] {"bank_transaction_millis", "millis"}) {
                JsonNode millis = data.path(field);
                if (millis.canConvertToLong() && millis.asLong() > 0) {
                    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis.asLong()), TapPay.TAIPEI);
                }
            }
            return null;
        }

        /** A text field of the reconciliation record, else of the trade's Record. */
        private String text(String field) {
            String value = TapPayJson.textField(data, field);
            return value != null ? value : TapPayJson.textField(details(), field);
        }

        /** A number of the reconciliation record, else the trade's Record's {@code recordField}. */
        private long number(String field, String recordField) {
            if (TapPayJson.isAmount(data.path(field))) {
                return data.path(field).asLong();
            }
            JsonNode record = details();
            JsonNode value = record.has(recordField) ? record.path(recordField) : record.path("amount");
            if (!TapPayJson.isAmount(value)) {
                throw new GatewayAnswerException("TapPay gave no " + field + " for trade " + recTradeId
                        + ", nor did Record");
            }
            return value.asLong();
        }

        /** The trade's Record, asked once. */
        private JsonNode details() {
            if (details == null) {
                details = recordOf(new TapPayTrades.Trade(merchant.alias(), null, null, recTradeId, null))
                        .orElseThrow(() -> new GatewayAnswerException("TapPay's Record knows no trade " + recTradeId
                                + " its Reconciliation API reported"));
            }
            return details;
        }
    }

    /**
     * Where an order of the window the Reconciliation API did not list stands, by Record: its current state (a
     * capture still to come, a void, an operation of another bank day), so a ledger ahead of it (a capture or refund
     * withdrawn in the portal, or refused by the bank) is a conflict; NOT_AT_GATEWAY when TapPay has no such trade,
     * unanswered when the hub has no id of the trade to ask with.
     */
    SettlementRecord unlisted(TapPayWindowOrders.WindowOrder order) {
        TapPayTrades.Trade trade = trades.ofOrder(merchant.alias(), order.orderNo()).orElse(null);
        if (order.recTradeId() != null && (trade == null || trade.recTradeId() == null)) {
            trade = new TapPayTrades.Trade(merchant.alias(), order.orderNo(), null, order.recTradeId(), null);
        }
        if (trade == null) {
            return SettlementRecord.unanswered(order.orderNo(), "no TapPay trade id to ask Record with");
        }
        JsonNode record = recordOf(trade).orElse(null);
        if (record == null) {
            return SettlementRecord.notAtGateway(order.orderNo(), "Record: no such trade");
        }
        if (!record.path("record_status").canConvertToInt()) {
            throw new GatewayAnswerException("TapPay's Record of order " + order.orderNo() + " has no record_status");
        }
        int recordStatus = record.path("record_status").asInt();
        PaymentStatus status = TapPayStatusMapping.ofRecord(recordStatus, record.path("is_captured").asBoolean(false),
                record.path("cap_millis").asLong(0), TapPayJson.textField(record, "auth_code") != null);
        JsonNode original = record.has("original_amount") ? record.path("original_amount") : record.path("amount");
        String currency = TapPayJson.textField(record, "currency");
        Money amount = TapPayJson.isAmount(original) && currency != null ? money(original.asLong(), currency) : null;
        return SettlementRecord.reported(TapPayJson.textField(record, "rec_trade_id"), order.orderNo(), status,
                amount, TapPayEvents.occurredAt(record, null), merchant.merchantId(), "record_status " + recordStatus,
                TapPayJson.text(record)).withRefunded(currency == null ? null : refunded(record, currency));
    }

    /** Record's {@code refunded_amount}, what has been refunded of the trade in all; null when it names none. */
    private static Money refunded(JsonNode record, String currency) {
        JsonNode refunded = record.path("refunded_amount");
        return TapPayJson.isAmount(refunded) ? money(refunded.asLong(), currency) : null;
    }

    /** The trade's record by Record; empty when TapPay knows no such trade. */
    private Optional<JsonNode> recordOf(TapPayTrades.Trade trade) {
        TapPayAnswer answer = TapPayAnswer.readKnown(gateway.apply(TapPayRecords.request(merchant, trade, trade)));
        return TapPayRecords.find(answer, trade);
    }

    /** TapPay's number in the canonical amount; a currency without a known rule keeps the number as it is. */
    private static Money money(long wire, String currency) {
        if (currency == null) {
            throw new GatewayAnswerException("TapPay gave no currency for a reconciliation record, nor did Record");
        }
        return TapPayAmounts.reported(wire, currency);
    }
}
