package tw.twpay.hub.provider.flashpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Operations on a FlashPay order. FlashPay's API can only cancel an authorisation (tx_type 8, before capture; the
 * answer's order_status 12 = cancelled → VOIDED). Captures and refunds, and withdrawing either, have no API: they are
 * done in FlashPay's back office, and the hub learns the result from 107/106 queries (the missed-notify poll,
 * reconciliation, or {@code .../query}).
 */
@Component("flashPayPaymentOperations")
public class FlashPayPaymentOperations implements GatewayOperation<PaymentOperationCommand> {

    static final int TX_TYPE_CANCEL = 8;
    static final String CANCELLED = "12";
    static final String WHAT = "cancel (tx_type 8)";

    private final FlashPayMerchants merchants;
    private final CommandLedger ledger;
    private final Clock clock;

    public FlashPayPaymentOperations(FlashPayMerchants merchants, CommandLedger ledger, Clock clock) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.clock = clock;
    }

    record Pending(PaymentOperationCommand command, Money amount) {
    }

    @Override
    public GatewayRequest request(PaymentOperationCommand command) {
        if (command.operation() != PaymentOperation.CANCEL) {
            throw new RejectedRequestException(422, command.operation().pathSegment() + " is not offered by FlashPay; "
                    + "done in the FlashPay back office (the hub learns the result from queries)");
        }
        FlashPayMerchant merchant = merchants.require(command.merchant());
        OrderState order = ledger.requireOrder(command.provider(), merchant.alias(), command.orderNo());
        if (order.status() != PaymentStatus.AUTHORIZED) {
            throw new RejectedRequestException(409, "cannot cancel order " + command.orderNo() + " in status "
                    + order.status() + ": FlashPay cancels an authorisation only before capture (needs AUTHORIZED)");
        }
        if (order.amount() == null) {
            throw new RejectedRequestException(409, "the amount of order " + command.orderNo() + " is unknown");
        }
        if (command.amount() != null && command.amount().compareTo(order.amount()) != 0) {
            throw RejectedRequestException.badRequest("an authorisation is cancelled whole: amount must be "
                    + order.amount().text());
        }
        Map<String, Object> cancel = new LinkedHashMap<>();
        cancel.put("mer_id", merchant.merchantId());
        cancel.put("ord_no", command.orderNo());
        cancel.put("tx_type", TX_TYPE_CANCEL);
        // amt is typed double (manual §7): an order FlashPay reported in yuan and cents is cancelled in them
        cancel.put("amt", FlashPayRequests.amount(order.amount().value()));
        return FlashPayRequests.queryTrade(merchant, cancel, new Pending(command, order.amount()));
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        Pending pending = call.context(Pending.class);
        PaymentOperationCommand command = pending.command();
        FlashPayMerchant merchant = merchants.require(command.merchant());
        FlashPayPayload answer = FlashPayAnswers.requireSuccess(FlashPayAnswers.read(merchant, call, WHAT), WHAT);
        if (answer.field("mer_id") != null && !merchant.merchantId().equals(answer.field("mer_id"))) {
            throw new GatewayAnswerException("FlashPay's " + WHAT + " answer names another merchant");
        }
        if (!command.orderNo().equals(answer.field("ord_no"))) {
            throw new GatewayAnswerException("FlashPay's " + WHAT + " answer is about another order");
        }
        if (!CANCELLED.equals(answer.field("order_status"))) {
            throw new RejectedRequestException(422, "FlashPay did not cancel order " + command.orderNo()
                    + ": its order_status is " + answer.field("order_status") + ", not 12");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentEvent event;
        try {
            event = FlashPayTradeMapper.payment(merchant, answer, command.orderNo(), PaymentStatus.VOIDED,
                    EventSource.COMMAND, now);
        } catch (FlashPayDecodeException e) {
            throw new GatewayAnswerException("FlashPay's " + WHAT + " answer: " + e.getMessage());
        }
        if (event.amount() == null) {
            event = new PaymentEvent(event.provider(), event.merchant(), event.merchantId(), event.orderNo(),
                    event.providerTradeId(), event.status(), pending.amount(), event.method(), event.card(),
                    event.authCode(), event.occurredAt(), event.receivedAt(), event.source(), event.providerStatus(),
                    event.providerCode(), event.providerMessage(), null, null);
        }
        LedgerFact fact = new LedgerFact(LedgerFact.key(FlashPay.CODE, merchant.alias(), command.orderNo(), "cancel",
                pending.amount().text()), event, CanonicalJson.toText(answer.fields()));
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(fact), null);
    }
}
