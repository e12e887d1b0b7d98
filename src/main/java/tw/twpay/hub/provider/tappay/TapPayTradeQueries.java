package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * {@code .../query}: where the order's trade stands, by Record (rec_trade_id, or the bank_transaction_id when
 * TapPay's answer to the payment was lost). The record, checked against the order, is journalled as a QUERY fact:
 * it settles unknown outcomes and missed backend notifies.
 */
@Component("tapPayTradeQueries")
public class TapPayTradeQueries implements GatewayOperation<PaymentOperationCommand> {

    private static final Logger log = LoggerFactory.getLogger(TapPayTradeQueries.class);

    private final TapPayMerchants merchants;
    private final TapPayTrades trades;
    private final CommandLedger ledger;
    private final Clock clock;

    public TapPayTradeQueries(TapPayMerchants merchants, TapPayTrades trades, CommandLedger ledger, Clock clock) {
        this.merchants = merchants;
        this.trades = trades;
        this.ledger = ledger;
        this.clock = clock;
    }

    record Lookup(PaymentOperationCommand command, TapPayTrades.Trade trade) {
    }

    @Override
    public GatewayRequest request(PaymentOperationCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        ledger.requireOrder(command.provider(), merchant.alias(), command.orderNo());
        TapPayTrades.Trade trade = trades.ofOrder(merchant.alias(), command.orderNo())
                .orElseThrow(() -> new RejectedRequestException(409, "order " + command.orderNo()
                        + " was never sent to TapPay"));
        return TapPayRecords.request(merchant, trade, new Lookup(command, trade));
    }

    @Override
    public CommandResult answer(GatewayCall call) {
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
        trades.recordRecTradeId(lookup.trade(), TapPayJson.textField(record.get(), "rec_trade_id"));
        OrderState order = ledger.requireOrder(command.provider(), merchant.alias(), command.orderNo());
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(),
                List.of(TapPayRecords.fact(merchant, order, record.get(), EventSource.QUERY,
                        OffsetDateTime.now(clock))), null);
    }
}
