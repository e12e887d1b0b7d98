package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.CallbackAcknowledgement;
import tw.twpay.hub.provider.CallbackChannel;
import tw.twpay.hub.provider.CallbackConfirmation;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.StoredCallback;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * TapPay's backend notify ({@code POST /callbacks/tappay/{merchant}/notify}, JSON, unsigned, no published IP list):
 * only a hint. It must name a trade the hub started (by rec_trade_id or bank_transaction_id, never order_number);
 * the trade is then looked up with Record, checked against the order (merchant, amount, currency), and what Record
 * says is stored — never what the notify claimed. A notify Record does not confirm stores nothing.
 */
@Component("tapPayNotifyChannel")
public class TapPayNotifyChannel implements CallbackChannel {

    private final TapPayMerchants merchants;
    private final TapPayTrades trades;
    private final CommandLedger ledger;
    private final Clock clock;

    public TapPayNotifyChannel(TapPayMerchants merchants, TapPayTrades trades, CommandLedger ledger, Clock clock) {
        this.merchants = merchants;
        this.trades = trades;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The notify's trade as the hub knows it, with TapPay's id from the notify when the hub had none yet. */
    record Notified(TapPayMerchant merchant, TapPayTrades.Trade trade, ObjectNode notice) {
    }

    @Override
    public CallbackFacts decode(CallbackRequest request) {
        TapPayMerchant merchant = merchants.require(request.merchant());
        ObjectNode notify = TapPayJson.parseObject(request.body());
        if (notify == null) {
            throw RejectedRequestException.badRequest("TapPay notify is not a JSON object");
        }
        String recTradeId = TapPayJson.textField(notify, "rec_trade_id");
        String bankTransactionId = TapPayJson.textField(notify, "bank_transaction_id");
        if (recTradeId == null && bankTransactionId == null) {
            throw RejectedRequestException.badRequest("TapPay notify names no rec_trade_id or bank_transaction_id");
        }
        TapPayTrades.Trade trade = trades.byIds(merchant.alias(), recTradeId, bankTransactionId)
                .orElseThrow(() -> RejectedRequestException.badRequest("TapPay notify names no trade the hub started"));
        if (recTradeId != null && trade.recTradeId() != null && !recTradeId.equals(trade.recTradeId())) {
            throw RejectedRequestException.badRequest("TapPay notify's rec_trade_id is not the trade's");
        }
        if (bankTransactionId != null && !bankTransactionId.equals(trade.bankTransactionId())) {
            throw RejectedRequestException.badRequest("TapPay notify's bank_transaction_id is not the trade's");
        }
        if (trade.recTradeId() == null && recTradeId != null) {
            trade = new TapPayTrades.Trade(trade.merchant(), trade.orderNo(), trade.bankTransactionId(), recTradeId,
                    trade.lastRefundId());
        }
        return new CallbackFacts(request, List.of(), new Notified(merchant, trade, notify));
    }

    /** Record, by the trade's rec_trade_id (or the hub's bank_transaction_id when the notify gave no other). */
    @Override
    public GatewayRequest confirmation(CallbackFacts decoded) {
        Notified notified = (Notified) decoded.context();
        return TapPayRecords.request(notified.merchant(), notified.trade(), notified);
    }

    @Override
    public CallbackFacts confirm(CallbackConfirmation confirmation) {
        Notified notified = (Notified) confirmation.decoded().context();
        TapPayAnswer answer = TapPayAnswer.readKnown(confirmation.call());
        JsonNode record = TapPayRecords.find(answer, notified.trade()).orElseThrow(() ->
                RejectedRequestException.badRequest("Record does not know the notified trade "
                        + notified.trade().recTradeId()));
        String bankTransactionId = TapPayJson.textField(record, "bank_transaction_id");
        if (bankTransactionId != null && !bankTransactionId.equals(notified.trade().bankTransactionId())) {
            throw RejectedRequestException.badRequest("Record's trade has another bank_transaction_id than the order");
        }
        TapPayMerchant merchant = notified.merchant();
        OrderState order = ledger.requireOrder(TapPay.ID, merchant.alias(), notified.trade().orderNo());
        LedgerFact fact;
        try {
            fact = TapPayRecords.fact(merchant, order, record, EventSource.CALLBACK, OffsetDateTime.now(clock));
        } catch (tw.twpay.hub.provider.GatewayAnswerException e) {
            throw RejectedRequestException.badRequest("Record disagrees with the order: " + e.getMessage());
        }
        trades.recordRecTradeId(notified.trade(), TapPayJson.textField(record, "rec_trade_id"));
        return new CallbackFacts(confirmation.decoded().request(), List.of(fact), notified);
    }

    /** TapPay's expected reply is unpublished; a 200 after the commit is what every SDK example answers. */
    @Override
    public CallbackAcknowledgement acknowledge(StoredCallback stored) {
        return CallbackAcknowledgement.json("{\"status\":0,\"msg\":\"OK\"}");
    }
}
