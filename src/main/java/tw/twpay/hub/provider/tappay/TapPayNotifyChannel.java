package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.CallbackAcknowledgement;
import tw.twpay.hub.provider.CallbackChannel;
import tw.twpay.hub.provider.CallbackConfirmation;
import tw.twpay.hub.provider.CallbackConfirmationCap;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.StoredCallback;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * TapPay's backend notify ({@code POST /callbacks/tappay/{merchant}/notify}, JSON, unsigned, no published IP list):
 * only a hint. It must name a trade the hub started, never by order_number: by the rec_trade_id TapPay gave the
 * trade, or by its bank_transaction_id only while the hub holds no rec_trade_id (the pay answer was lost) —
 * bank_transaction_id is computed from the merchant alias and the order number, which anyone may know or guess, so
 * once TapPay has named the trade a notify without its id gets the answer of an unknown order and TapPay is not asked.
 * The trade is then looked up with Record by the ids the hub holds (never an id only the notify names), at most
 * {@code notify-confirmations-per-hour} times an hour per order ({@link CallbackConfirmationCap}); the record must
 * name the trade by both ids and be of the merchant, and what Record says is stored — never what the notify claimed;
 * the ledger checks its amount and currency against the order. A notify Record does not confirm, or beyond the cap,
 * stores nothing and gets the uniform refusal; the missed-notify poll settles the order all the same.
 */
@Component("tapPayNotifyChannel")
public class TapPayNotifyChannel implements CallbackChannel {

    private final TapPayMerchants merchants;
    private final TapPayTrades trades;
    private final TapPayCardVault vault;
    private final CommandLedger ledger;
    private final CallbackConfirmationCap confirmationCap;
    private final int confirmationsPerHour;
    private final Clock clock;

    public TapPayNotifyChannel(TapPayMerchants merchants, TapPayTrades trades, TapPayCardVault vault,
                               CommandLedger ledger, CallbackConfirmationCap confirmationCap,
                               @Value("${twpay.providers.tappay.notify-confirmations-per-hour:5}")
                               int confirmationsPerHour, Clock clock) {
        this.merchants = merchants;
        this.trades = trades;
        this.vault = vault;
        this.ledger = ledger;
        this.confirmationCap = confirmationCap;
        this.confirmationsPerHour = confirmationsPerHour;
        this.clock = clock;
    }

    /** The notify's trade as the hub stored it, and the notify itself (which only names it). */
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
        if (trade.recTradeId() != null && !trade.recTradeId().equals(recTradeId)) {
            throw RejectedRequestException.badRequest("TapPay notify does not name the rec_trade_id TapPay gave the "
                    + "trade");
        }
        if (bankTransactionId != null && !bankTransactionId.equals(trade.bankTransactionId())) {
            throw RejectedRequestException.badRequest("TapPay notify's bank_transaction_id is not the trade's");
        }
        return new CallbackFacts(request, List.of(), new Notified(merchant, trade, notify));
    }

    /**
     * Record, by the rec_trade_id TapPay gave the hub, or by the hub's own bank_transaction_id when the pay answer was
     * lost: a rec_trade_id only the notify names would let the notify choose the record that confirms it. Counted
     * against the order's confirmations of the hour, and refused beyond them before TapPay is asked.
     */
    @Override
    public GatewayRequest confirmation(CallbackFacts decoded) {
        Notified notified = (Notified) decoded.context();
        confirmationCap.take(TapPay.ID, notified.merchant().alias(), notified.trade().orderNo(),
                confirmationsPerHour);
        return TapPayRecords.request(notified.merchant(), notified.trade(), notified);
    }

    @Override
    public CallbackFacts confirm(CallbackConfirmation confirmation) {
        Notified notified = (Notified) confirmation.decoded().context();
        TapPayTrades.Trade trade = notified.trade();
        TapPayAnswer answer = TapPayAnswer.readKnown(confirmation.call());
        JsonNode record = TapPayRecords.find(answer, trade).orElseThrow(() ->
                RejectedRequestException.badRequest("Record does not know the notified trade of bank_transaction_id "
                        + trade.bankTransactionId()));
        // the record must name the order's trade by both ids: one without bank_transaction_id could be any trade
        if (!trade.bankTransactionId().equals(TapPayJson.textField(record, "bank_transaction_id"))) {
            throw RejectedRequestException.badRequest("Record's trade does not name the order's bank_transaction_id");
        }
        String recTradeId = TapPayJson.textField(record, "rec_trade_id");
        String notifiedRecTradeId = TapPayJson.textField(notified.notice(), "rec_trade_id");
        if (notifiedRecTradeId != null && !notifiedRecTradeId.equals(recTradeId)) {
            throw RejectedRequestException.badRequest("TapPay notify's rec_trade_id is not the one Record gives the "
                    + "order's trade");
        }
        TapPayMerchant merchant = notified.merchant();
        OrderState order = ledger.requireOrder(TapPay.ID, merchant.alias(), trade.orderNo());
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<LedgerFact> facts = new ArrayList<>();
        try {
            facts.add(TapPayRecords.fact(merchant, order, record, EventSource.CALLBACK, now));
        } catch (tw.twpay.hub.provider.GatewayAnswerException e) {
            throw RejectedRequestException.badRequest("Record disagrees with the order: " + e.getMessage());
        }
        // the trade row as read from the database keeps the first id TapPay gave it
        if (!trades.recordRecTradeId(trade, recTradeId)) {
            throw RejectedRequestException.badRequest("Record's rec_trade_id is not the one the hub holds for the "
                    + "trade");
        }
        facts.addAll(vault.rememberedWith(merchant, trade.orderNo(), EventSource.CALLBACK, now));
        return new CallbackFacts(confirmation.decoded().request(), facts, notified);
    }

    /** TapPay's expected reply is unpublished; a 200 after the commit is what every SDK example answers. */
    @Override
    public CallbackAcknowledgement acknowledge(StoredCallback stored) {
        return CallbackAcknowledgement.json("{\"status\":0,\"msg\":\"OK\"}");
    }
}
