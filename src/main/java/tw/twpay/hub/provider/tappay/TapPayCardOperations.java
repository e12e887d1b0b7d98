package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.ledger.RefundableBalance;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Operations on a paid TapPay order: {@code capture} → Cap Today, {@code cancel-capture} → Cap Cancel,
 * {@code refund} → Refund (partial or full; of an uncaptured authorisation it is a void, whole only),
 * {@code cancel} → Refund of the whole authorisation (a void), {@code cancel-refund} → Refund Cancel. The order's
 * state in the ledger decides what may be sent; Cap Cancel and Refund Cancel are compensating transitions back to
 * where the order stood.
 */
@Component("tapPayCardOperations")
public class TapPayCardOperations implements GatewayOperation<PaymentOperationCommand> {

    private static final Set<PaymentStatus> REFUNDABLE = EnumSet.of(PaymentStatus.AUTHORIZED,
            PaymentStatus.CAPTURE_REQUESTED, PaymentStatus.CAPTURED, PaymentStatus.PARTIALLY_REFUNDED);

    private final TapPayMerchants merchants;
    private final TapPayTrades trades;
    private final CommandLedger ledger;
    private final Clock clock;

    public TapPayCardOperations(TapPayMerchants merchants, TapPayTrades trades, CommandLedger ledger, Clock clock) {
        this.merchants = merchants;
        this.trades = trades;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What the request remembers for reading the answer. */
    record Operation(PaymentOperationCommand command, TapPayTrades.Trade trade, PaymentStatus from, Money amount,
                     long requestedAtMillis) {
    }

    @Override
    public GatewayRequest request(PaymentOperationCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        OrderState order = ledger.requireOrder(command.provider(), merchant.alias(), command.orderNo());
        TapPayTrades.Trade trade = trades.ofOrder(merchant.alias(), command.orderNo())
                .filter(known -> known.recTradeId() != null)
                .orElseThrow(() -> new RejectedRequestException(409, "TapPay's trade of order " + command.orderNo()
                        + " is not known yet; query the order first"));
        if (order.amount() == null) {
            throw new RejectedRequestException(409, "the amount of order " + command.orderNo() + " is unknown");
        }
        Money orderAmount = order.amount();
        Money requested = command.amount() != null ? command.amount() : null;
        if (requested != null && !requested.currency().equals(orderAmount.currency())) {
            throw RejectedRequestException.badRequest("order " + command.orderNo() + " is in "
                    + orderAmount.currency() + ", not " + requested.currency());
        }
        PaymentStatus status = order.status();
        String key = merchant.partnerKey();
        String recTradeId = trade.recTradeId();
        switch (command.operation()) {
            case CAPTURE -> {
                requireStatus(command, status, EnumSet.of(PaymentStatus.AUTHORIZED));
                requireWhole(requested, orderAmount, "Cap Today captures the whole authorisation");
                return call(merchant, TapPayPaths.CAP_TODAY, TapPayRequests.trade(recTradeId, key),
                        new Operation(command, trade, status, orderAmount, clock.millis()));
            }
            case CANCEL_CAPTURE -> {
                requireStatus(command, status, EnumSet.of(PaymentStatus.CAPTURE_REQUESTED));
                requireNoAmount(requested, "Cap Cancel withdraws the whole capture request");
                return call(merchant, TapPayPaths.CAP_CANCEL, TapPayRequests.trade(recTradeId, key),
                        new Operation(command, trade, status, orderAmount, clock.millis()));
            }
            case CANCEL -> {
                requireStatus(command, status, EnumSet.of(PaymentStatus.AUTHORIZED));
                requireWhole(requested, orderAmount, "an authorisation is cancelled whole");
                return call(merchant, TapPayPaths.REFUND, TapPayRequests.refund(recTradeId, null, null, key),
                        new Operation(command, trade, status, orderAmount, clock.millis()));
            }
            case REFUND -> {
                requireStatus(command, status, REFUNDABLE);
                Money amount = requested != null ? requested : remaining(order);
                if (status == PaymentStatus.AUTHORIZED) {
                    // TapPay voids an uncaptured authorisation, and only whole (10024)
                    requireWhole(requested, orderAmount, "a refund before capture voids the whole authorisation");
                    return call(merchant, TapPayPaths.REFUND, TapPayRequests.refund(recTradeId, null, null, key),
                            new Operation(command, trade, status, orderAmount, clock.millis()));
                }
                RefundableBalance balance = ledger.refundableBalance(order);
                if (amount.value().compareTo(balance.remaining()) > 0) {
                    throw RejectedRequestException.badRequest("cannot refund " + amount.text() + ": order "
                            + command.orderNo() + " can still be refunded "
                            + new Money(balance.remaining(), orderAmount.currency()).text() + " "
                            + orderAmount.currency());
                }
                return call(merchant, TapPayPaths.REFUND, TapPayRequests.refund(recTradeId,
                                TapPayAmounts.toWire(amount), null, key),
                        new Operation(command, trade, status, amount, clock.millis()));
            }
            case CANCEL_REFUND -> {
                requireStatus(command, status, EnumSet.of(PaymentStatus.REFUND_REQUESTED));
                requireNoAmount(requested, "Refund Cancel withdraws a whole refund, chosen by refundId");
                String refundId = command.fields().text("refundId") != null ? command.fields().text("refundId")
                        : trade.lastRefundId();
                if (refundId == null) {
                    throw new RejectedRequestException(409, "no refund of order " + command.orderNo()
                            + " is known to withdraw; give refundId");
                }
                return call(merchant, TapPayPaths.REFUND_CANCEL, TapPayRequests.refundCancel(recTradeId, refundId,
                        key), new Operation(command, trade, status, null, clock.millis()));
            }
            default -> throw RejectedRequestException.badRequest(command.operation() + " is not a card operation");
        }
    }

    private Money remaining(OrderState order) {
        return new Money(ledger.refundableBalance(order).remaining(), order.amount().currency());
    }

    private static GatewayRequest call(TapPayMerchant merchant, String path, ObjectNode body, Operation operation) {
        return TapPayRequests.call(merchant, path, body, operation);
    }

    private static void requireWhole(Money requested, Money orderAmount, String why) {
        if (requested != null && requested.compareTo(orderAmount) != 0) {
            throw RejectedRequestException.badRequest(why + ": amount must be " + orderAmount.text());
        }
    }

    /** TapPay's withdrawals take no amount: one given would not be honoured, so it is refused, not dropped. */
    private static void requireNoAmount(Money requested, String why) {
        if (requested != null) {
            throw RejectedRequestException.badRequest("leave amount out: " + why);
        }
    }

    private static void requireStatus(PaymentOperationCommand command, PaymentStatus status,
                                      Set<PaymentStatus> allowed) {
        if (!allowed.contains(status)) {
            throw new RejectedRequestException(409, "cannot " + command.operation().pathSegment() + " order "
                    + command.orderNo() + " in status " + status + " (needs " + allowed + ")");
        }
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        Operation operation = call.context(Operation.class);
        PaymentOperationCommand command = operation.command();
        TapPayMerchant merchant = merchants.require(command.merchant());
        TapPayAnswer answer = TapPayAnswer.readKnown(call);
        if (!answer.success()) {
            throw new RejectedRequestException(422, "TapPay refused to " + command.operation().pathSegment() + ": "
                    + answer.describe());
        }
        String recTradeId = operation.trade().recTradeId();
        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentStatus status;
        Money amount = operation.amount();
        boolean reverts = false;
        String detail;
        switch (command.operation()) {
            case CAPTURE -> {
                status = PaymentStatus.CAPTURE_REQUESTED;
                detail = "cap " + answer.path("cap_millis").asLong(0);
            }
            case CANCEL_CAPTURE -> {
                status = PaymentStatus.AUTHORIZED;
                reverts = true;
                detail = "cap cancel";
            }
            case CANCEL, REFUND -> {
                boolean captured = answer.path("is_captured").asBoolean(true);
                status = TapPayStatusMapping.ofRefundAnswer(captured);
                String refundId = answer.text("refund_id");
                trades.recordRefundId(operation.trade(), refundId);
                if (captured && TapPayJson.isAmount(answer.path("refund_amount"))) {
                    amount = TapPayAmounts.fromWire(answer.path("refund_amount").asLong(), amount.currency());
                }
                // a void of a capture TapPay had scheduled but not sent is a step TapPay confirmed
                reverts = status == PaymentStatus.VOIDED && operation.from() == PaymentStatus.CAPTURE_REQUESTED;
                detail = "refund " + (refundId != null ? refundId : now.toInstant().toEpochMilli());
            }
            case CANCEL_REFUND -> {
                JsonNode withdrawn = null;
                for (JsonNode result : answer.path("result")) {
                    if (result.path("success").asBoolean(false)) {
                        withdrawn = result;
                    }
                }
                if (withdrawn == null) {
                    throw new RejectedRequestException(422, "TapPay withdrew no refund: " + answer.describe());
                }
                status = ledger.statusBefore(command.provider(), merchant.alias(), command.orderNo(),
                        PaymentStatus.REFUND_REQUESTED).orElse(PaymentStatus.CAPTURED);
                reverts = true;
                OrderState order = ledger.requireOrder(command.provider(), merchant.alias(), command.orderNo());
                amount = TapPayJson.isAmount(withdrawn.path("amount"))
                        ? TapPayAmounts.fromWire(withdrawn.path("amount").asLong(), order.amount().currency())
                        : order.amount();
                detail = "refund cancel " + TapPayJson.textField(withdrawn, "refund_id");
            }
            default -> throw new IllegalStateException(command.operation().name());
        }
        PaymentEvent event = TapPayEvents.payment(merchant, command.orderNo(), recTradeId, status, amount,
                answer.body(), EventSource.COMMAND, now, Integer.toString(answer.status()), answer.msg());
        // each command is its own fact: capturing again after a Cap Cancel may well get the same cap_millis
        LedgerFact fact = new LedgerFact(LedgerFact.key(TapPay.CODE, merchant.alias(), command.orderNo(), recTradeId,
                command.operation(), amount == null ? null : amount.text(), detail, operation.requestedAtMillis()),
                event,
                TapPayJson.text(answer.body()), reverts);
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(fact), null);
    }
}
