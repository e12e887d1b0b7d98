package tw.twpay.hub.provider.flashpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;

/**
 * tx_type 107: asks FlashPay where one order stands. The answer is verified (chk) and decrypted, must name this
 * merchant and order, and is journalled as a QUERY fact — how the hub learns what was done in FlashPay's back office
 * (captures, refunds) and the result of a notify that never came. An answer that reports money moved but names no
 * amount is refused (the order stays as it was until an answer does), as the notify's confirmation refuses it.
 */
@Component("flashPayTradeQueries")
public class FlashPayTradeQueries implements GatewayOperation<PaymentOperationCommand> {

    private static final Logger log = LoggerFactory.getLogger(FlashPayTradeQueries.class);
    static final int TX_TYPE_QUERY = 107;
    static final String WHAT = "107 query";

    private final FlashPayMerchants merchants;
    private final FlashPayProperties properties;
    private final CommandLedger ledger;
    private final Clock clock;

    public FlashPayTradeQueries(FlashPayMerchants merchants, FlashPayProperties properties, CommandLedger ledger,
                                Clock clock) {
        this.merchants = merchants;
        this.properties = properties;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What a query remembers for reading its answer. */
    record Pending(PaymentOperationCommand command, OrderState order) {
    }

    /** The 107 request of one order, also the notify's confirmation. */
    static GatewayRequest request(FlashPayMerchant merchant, String orderNo, Object context) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("mer_id", merchant.merchantId());
        query.put("ord_no", orderNo);
        query.put("tx_type", TX_TYPE_QUERY);
        return FlashPayRequests.queryTrade(merchant, query, context);
    }

    /**
     * The verified 107 answer about this order of this merchant, ret_code "00"; a refusal is a 422, an answer about
     * another merchant or order a 502.
     */
    static FlashPayPayload confirmedAnswer(FlashPayMerchant merchant, GatewayCall call, String orderNo) {
        FlashPayPayload answer = FlashPayAnswers.requireSuccess(FlashPayAnswers.read(merchant, call, WHAT), WHAT);
        if (!merchant.merchantId().equals(answer.field("mer_id"))) {
            throw new GatewayAnswerException("FlashPay's " + WHAT + " answer names another merchant");
        }
        if (!orderNo.equals(answer.field("ord_no"))) {
            throw new GatewayAnswerException("FlashPay's " + WHAT + " answer is about another order");
        }
        return answer;
    }

    @Override
    public GatewayRequest request(PaymentOperationCommand command) {
        FlashPayMerchant merchant = merchants.require(command.merchant());
        OrderState order = ledger.requireOrder(command.provider(), merchant.alias(), command.orderNo());
        return request(merchant, command.orderNo(), new Pending(command, order));
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        Pending pending = call.context(Pending.class);
        PaymentOperationCommand command = pending.command();
        FlashPayMerchant merchant = merchants.require(command.merchant());
        FlashPayPayload answer = confirmedAnswer(merchant, call, command.orderNo());
        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentStatus status;
        try {
            status = FlashPayStatusMapping.of(answer.field("order_status"),
                    FlashPayTradeMapper.decimal(answer, "tot_pay_amt"), FlashPayTradeMapper.decimal(answer, "tot_ret_amt"));
        } catch (FlashPayDecodeException e) {
            throw new GatewayAnswerException("FlashPay's " + WHAT + " answer: " + e.getMessage());
        }
        if (FlashPayStatusMapping.AUTHORISING_OR_FAILED.equals(answer.field("order_status"))
                && pending.order().createdAt() != null
                && pending.order().createdAt().isBefore(now.minus(properties.authorisationTimeout()))) {
            // 00 this long after the order was created is the failed authorisation the status also stands for
            log.info("FlashPay order {} of {} still reports 00 after {}: recorded FAILED", command.orderNo(),
                    merchant.alias(), properties.authorisationTimeout());
            status = PaymentStatus.FAILED;
        }
        String raw = CanonicalJson.toText(answer.fields());
        try {
            return new CommandResult(command.provider(), merchant.alias(), command.orderNo(),
                    List.of(FlashPayTradeMapper.fromQuery(merchant, answer, status, EventSource.QUERY, now, raw)), null);
        } catch (FlashPayDecodeException | IllegalArgumentException e) {
            // verified, yet not what the hub can hold (an amount in tenths of a cent or of more digits than the
            // ledger keeps): the gateway failed the hub, nothing is stored, and the query may be asked again
            throw new GatewayAnswerException("FlashPay's " + WHAT + " answer: " + e.getMessage());
        }
    }
}
