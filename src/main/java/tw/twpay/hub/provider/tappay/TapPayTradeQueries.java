package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.ledger.JournalEntry;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.OrderHistory;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * {@code .../query} (route {@code tappay-query-payment}): where the order's trade stands. Record by rec_trade_id (or
 * the bank_transaction_id when TapPay's answer to the payment was lost) finds the trade; Trade History of that trade
 * then gives the ERP the trade's operations and settles what the record leaves open ({@link TapPayTradeHistory}).
 * The record, checked against the order, is journalled as a QUERY fact: it settles unknown outcomes and missed
 * backend notifies. Trade History is a complement: when it cannot be had, the record alone is journalled.
 */
@Component("tapPayTradeQueries")
public class TapPayTradeQueries {

    private static final Logger log = LoggerFactory.getLogger(TapPayTradeQueries.class);
    /** The exchange property carrying the trade's operations from the history to the ERP's answer. */
    static final String OPERATIONS = "tapPayTradeOperations";

    private final TapPayMerchants merchants;
    private final TapPayTrades trades;
    private final TapPayCardVault vault;
    private final CommandLedger ledger;
    private final Clock clock;

    public TapPayTradeQueries(TapPayMerchants merchants, TapPayTrades trades, TapPayCardVault vault,
                              CommandLedger ledger, Clock clock) {
        this.merchants = merchants;
        this.trades = trades;
        this.vault = vault;
        this.ledger = ledger;
        this.clock = clock;
    }

    record Lookup(PaymentOperationCommand command, TapPayTrades.Trade trade) {
    }

    /** Record found the trade: Trade History is asked about it. */
    record Found(PaymentOperationCommand command, JsonNode record, String currency) {
    }

    /**
     * The ERP's answer: the order and its journal as for every query, and the operations TapPay lists for the trade
     * (empty when none could be had).
     */
    public record TradeQueryAnswer(OrderState order, List<JournalEntry> journal,
                                   List<TapPayTradeHistory.Operation> operations) {
    }

    /** Record of the order's trade. */
    public GatewayRequest request(PaymentOperationCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        ledger.requireOrder(command.provider(), merchant.alias(), command.orderNo());
        TapPayTrades.Trade trade = trades.ofOrder(merchant.alias(), command.orderNo())
                .orElseThrow(() -> new RejectedRequestException(409, "order " + command.orderNo()
                        + " was never sent to TapPay"));
        return TapPayRecords.request(merchant, trade, new Lookup(command, trade));
    }

    /**
     * Record's answer: no trade → nothing to store (a {@link CommandResult} without facts); the trade → the Trade
     * History request about it.
     */
    public Object afterRecord(GatewayCall call) {
        Lookup lookup = call.context(Lookup.class);
        PaymentOperationCommand command = lookup.command();
        TapPayMerchant merchant = merchants.require(command.merchant());
        TapPayAnswer answer = TapPayAnswer.readKnown(call);
        Optional<JsonNode> record = TapPayRecords.find(answer, lookup.trade());
        if (record.isEmpty()) {
            // TapPay has no such trade (the payment never reached it): the order stays as it is
            log.info("Record knows no trade of order {} of {} ({})", command.orderNo(), merchant.alias(),
                    answer.describe());
            return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(), null);
        }
        String recTradeId = TapPayJson.textField(record.get(), "rec_trade_id");
        trades.recordRecTradeId(lookup.trade(), recTradeId);
        OrderState order = ledger.requireOrder(command.provider(), merchant.alias(), command.orderNo());
        String currency = order.amount() != null ? order.amount().currency() : "TWD";
        if (recTradeId == null) {
            // TapPayRecords.fact refuses such a record; no history to ask for
            return result(merchant, new Found(command, record.get(), currency), null);
        }
        return TapPayRequests.call(merchant, TapPayPaths.TRADE_HISTORY,
                TapPayRequests.trade(recTradeId, merchant.partnerKey()), new Found(command, record.get(), currency));
    }

    /** Trade History's answer, or none to be had: the record's fact, settled by the history when there is one. */
    public CommandResult afterHistory(GatewayCall call, Exchange exchange) {
        Found found = call.context(Found.class);
        TapPayMerchant merchant = merchants.require(found.command().merchant());
        TapPayTradeHistory history = null;
        try {
            history = TapPayTradeHistory.of(TapPayAnswer.readKnown(call));
            exchange.setProperty(OPERATIONS, history.operations(found.currency()));
        } catch (RuntimeException unavailable) {
            log.warn("Trade History of order {} of {} could not be had, the record alone is stored: {}",
                    found.command().orderNo(), merchant.alias(), unavailable.getMessage());
        }
        return result(merchant, found, history);
    }

    /**
     * The record's fact, and the card remembered with the payment if one was: when the ledger write after the pay
     * answer failed, this query is what tells the ERP the card's reference (a duplicate once it is known).
     */
    private CommandResult result(TapPayMerchant merchant, Found found, TapPayTradeHistory history) {
        PaymentOperationCommand command = found.command();
        OrderState order = ledger.requireOrder(command.provider(), merchant.alias(), command.orderNo());
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<LedgerFact> facts = new ArrayList<>();
        try {
            facts.add(TapPayRecords.fact(merchant, order, found.record(), history, EventSource.QUERY, now));
        } catch (IllegalArgumentException e) {
            // not what the hub can hold (an amount of more digits than the ledger keeps): the gateway failed the
            // hub, nothing is stored, and the query may be asked again
            throw new GatewayAnswerException("TapPay's Record of order " + command.orderNo() + " cannot be stored: "
                    + e.getMessage());
        }
        facts.addAll(vault.rememberedWith(merchant, command.orderNo(), EventSource.QUERY, now));
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), facts, null);
    }

    /** The order after the facts were stored, with the trade's operations. */
    public TradeQueryAnswer answer(OrderHistory stored,
                                   @ExchangeProperty(OPERATIONS) List<TapPayTradeHistory.Operation> operations) {
        return new TradeQueryAnswer(stored.order(), stored.journal(), operations == null ? List.of() : operations);
    }
}
