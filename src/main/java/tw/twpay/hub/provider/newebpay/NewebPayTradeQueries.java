package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * QueryTradeInfo: asks the gateway where an order stands. The answer counts only when its CheckCode verifies; it is
 * then journalled as a QUERY fact — the fallback when a NotifyURL never came.
 */
@Component("newebPayTradeQueries")
public class NewebPayTradeQueries implements GatewayOperation<PaymentOperationCommand> {

    private static final Logger log = LoggerFactory.getLogger(NewebPayTradeQueries.class);
    static final String QUERY_VERSION = "1.3";
    /** 查無此筆交易: the gateway has no trade for the order (unverified code, see the README). */
    static final String NO_SUCH_TRADE = "TRA10021";
    /** 因查無交易資料次數已達上限: too many TRA10021 within an hour; queries are locked for 4 hours. */
    static final String QUERIES_LOCKED = "TRA10071";

    private final NewebPayMerchants merchants;
    private final CommandLedger ledger;
    private final NewebPayQueryThrottle throttle;
    private final Clock clock;

    public NewebPayTradeQueries(NewebPayMerchants merchants, CommandLedger ledger, NewebPayQueryThrottle throttle,
                                Clock clock) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    public GatewayRequest request(PaymentOperationCommand command) {
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNF);
        OrderState order = ledger.requireOrder(command.provider(), merchant.alias(), command.orderNo());
        if (order.amount() == null) {
            throw new RejectedRequestException(409, "the amount of order " + command.orderNo()
                    + " is unknown, and QueryTradeInfo needs it");
        }
        if (!NewebPayAmounts.isValid(order.amount())) {
            // only a settlement-file repair can record such an order: NewebPay has no trade in it to report
            throw new RejectedRequestException(409, "order " + command.orderNo() + " is " + order.amount().text() + " "
                    + order.amount().currency() + ", and QueryTradeInfo asks by the order's amount, which NewebPay"
                    + " takes as a whole number of TWD (Amt): NewebPay cannot be asked about this order");
        }
        throttle.beforeQuery(merchant.alias(), command.orderNo());
        return queryTradeInfo(merchant, command.orderNo(), order.amount().value().toBigIntegerExact().toString(), clock,
                command);
    }

    /**
     * The QueryTradeInfo request (NPA-B02) for one order and amount, CheckValue-signed with the merchant's keys; the
     * missed-notify poll and the confirmation of unsigned callbacks ask with it.
     */
    static GatewayRequest queryTradeInfo(NewebPayMerchant merchant, String orderNo, String amt, Clock clock,
                                         Object context) {
        Map<String, String> checked = new LinkedHashMap<>();
        checked.put("Amt", amt);
        checked.put("MerchantID", merchant.merchantId());
        checked.put("MerchantOrderNo", orderNo);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MerchantID", merchant.merchantId());
        form.put("Version", QUERY_VERSION);
        form.put("RespondType", "JSON");
        form.put("CheckValue", merchant.checkCodes().checkValue(checked));
        form.put("TimeStamp", Long.toString(clock.instant().getEpochSecond()));
        form.put("MerchantOrderNo", orderNo);
        form.put("Amt", amt);
        if (merchant.composite()) {
            // NDNF-1.1.9 §4.3.1: composite merchants must name their data source, else the plain merchant is asked
            form.put("Gateway", "Composite");
        }
        return GatewayRequest.form(merchant.gatewayUrl("/API/QueryTradeInfo"), form, context)
                .withTimeout(NewebPay.CALL_TIMEOUT);
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        PaymentOperationCommand command = call.context(PaymentOperationCommand.class);
        String answer = call.successBody();
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNF);
        NewebPayPayload payload;
        try {
            payload = NewebPayPayloadParser.parse(answer);
        } catch (NewebPayDecodeException e) {
            throw new GatewayAnswerException("QueryTradeInfo answer is unreadable: " + e.getMessage());
        }
        if (NO_SUCH_TRADE.equals(payload.status())) {
            // the customer never paid: the gateway knows no such trade, the order stays as it is
            log.info("QueryTradeInfo for order {} of {}: {} {}", command.orderNo(), merchant.alias(), payload.status(),
                    payload.message());
            return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(), null);
        }
        if (QUERIES_LOCKED.equals(payload.status())) {
            // "not now", never a state of the order
            throttle.lockedByGateway(merchant.alias());
            throw new RejectedRequestException(429, "NewebPay has locked the queries of merchant " + merchant.alias()
                    + " (" + QUERIES_LOCKED + "); order " + command.orderNo() + " is asked about again later");
        }
        if (!payload.isSuccess()) {
            throw new RejectedRequestException(422, "NewebPay refused the query: " + payload.status() + " "
                    + payload.message());
        }
        try {
            merchant.checkCodes().verifyQueryResponse(payload);
        } catch (NewebPayDecodeException e) {
            throw new GatewayAnswerException("QueryTradeInfo answer failed verification: " + e.getMessage());
        }
        if (!command.orderNo().equals(payload.field("MerchantOrderNo"))) {
            throw new GatewayAnswerException("QueryTradeInfo answered about another order");
        }
        String raw = payload.toJson();
        LedgerFact fact;
        try {
            fact = NewebPayTradeMapper.fromQuery(merchant, payload, OffsetDateTime.now(clock), raw);
        } catch (NewebPayDecodeException | IllegalArgumentException e) {
            // verified, yet not a state the hub can read (a TradeStatus it does not know, an amount that is not one):
            // the gateway failed the hub, and nothing is stored
            throw new GatewayAnswerException("QueryTradeInfo answer cannot be read: " + e.getMessage());
        }
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(fact), null);
    }
}
