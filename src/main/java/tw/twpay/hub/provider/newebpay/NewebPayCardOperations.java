package tw.twpay.hub.provider.newebpay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.ledger.JournalEntry;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.OrderHistory;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.ledger.RefundableBalance;
import tw.twpay.hub.ledger.StoreOutcome;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Credit-card operations on an NDNF order: cancel the authorisation (NPA-B01, {@code /API/CreditCard/Cancel}),
 * request or withdraw a capture or refund (NPA-B031..B034, {@code /API/CreditCard/Close}, CloseType 1 = capture,
 * 2 = refund, Cancel=1 withdraws). The order's state in the ledger decides what is allowed before anything is sent;
 * the gateway's own checks (e.g. the refundable balance) still apply after.
 */
@Component("newebPayCardOperations")
public class NewebPayCardOperations implements GatewayOperation<PaymentOperationCommand> {

    private static final String CANCEL_VERSION = "1.0";
    private static final String CLOSE_VERSION = "1.1";
    /** 金融機構取消授權批次處理中: the cancel is accepted and the bank voids the authorisation in its batch. */
    static final String CANCEL_IN_BANK_BATCH = "TRA20001";
    private static final Set<PaymentStatus> REFUNDABLE =
            EnumSet.of(PaymentStatus.CAPTURE_REQUESTED, PaymentStatus.CAPTURED, PaymentStatus.PARTIALLY_REFUNDED);

    private final NewebPayMerchants merchants;
    private final CommandLedger ledger;
    private final Clock clock;

    public NewebPayCardOperations(NewebPayMerchants merchants, CommandLedger ledger, Clock clock) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * What a request remembers for reading the answer; wallet = refunded through the e-wallet API.
     *
     * @param requestId unique to this request, and so its fact's key: two operations of the same kind and amount
     *                  within one TimeStamp second (capture, cancel-capture, capture again) are two facts, not one
     */
    record Pending(PaymentOperationCommand command, Money amount, String timeStamp, boolean wallet, String requestId) {

        Pending(PaymentOperationCommand command, Money amount, String timeStamp, boolean wallet) {
            this(command, amount, timeStamp, wallet, UUID.randomUUID().toString());
        }
    }

    @Override
    public GatewayRequest request(PaymentOperationCommand command) {
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNF);
        OrderHistory history = ledger.history(command.provider(), merchant.alias(), command.orderNo());
        OrderState order = history.order();
        Money amount = checkedAmount(command, history);
        String timeStamp = Long.toString(clock.instant().getEpochSecond());
        if (!NewebPayStatusMapping.isCardPayment(order.method())) {
            if (command.operation() != PaymentOperation.REFUND || !NewebPayStatusMapping.isWallet(order.method())) {
                throw RejectedRequestException.badRequest("order " + command.orderNo() + " was paid by "
                        + order.method() + ": NewebPay offers no API to " + command.operation().pathSegment()
                        + " it" + (command.operation() == PaymentOperation.REFUND
                        ? " (ATM and convenience-store payments are refunded outside the gateway's API)" : ""));
            }
            return NewebPayWalletRefunds.request(merchant, command.orderNo(),
                    amount.value().toBigIntegerExact().toString(), order.method().toUpperCase(java.util.Locale.ROOT),
                    timeStamp, new Pending(command, amount, timeStamp, true));
        }

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RespondType", "JSON");
        fields.put("Version", command.operation() == PaymentOperation.CANCEL ? CANCEL_VERSION : CLOSE_VERSION);
        fields.put("Amt", amount.value().toBigIntegerExact());
        fields.put("MerchantOrderNo", command.orderNo());
        fields.put("IndexType", 1);
        fields.put("TimeStamp", timeStamp);
        String path = "/API/CreditCard/Close";
        switch (command.operation()) {
            case CANCEL -> path = "/API/CreditCard/Cancel";
            case CAPTURE -> fields.put("CloseType", 1);
            case CANCEL_CAPTURE -> {
                fields.put("CloseType", 1);
                fields.put("Cancel", 1);
            }
            case REFUND -> fields.put("CloseType", 2);
            case CANCEL_REFUND -> {
                fields.put("CloseType", 2);
                fields.put("Cancel", 1);
            }
            default -> throw RejectedRequestException.badRequest(command.operation() + " is not a card operation");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MerchantID_", merchant.merchantId());
        form.put("PostData_", merchant.codec().encrypt(fields));
        return GatewayRequest.form(merchant.gatewayUrl(path), form, new Pending(command, amount, timeStamp, false))
                .withTimeout(NewebPay.CALL_TIMEOUT);
    }

    /** Checks the operation against the order's state and amount; returns the amount to send. */
    private Money checkedAmount(PaymentOperationCommand command, OrderHistory history) {
        OrderState order = history.order();
        if (order.amount() == null) {
            throw new RejectedRequestException(409, "the amount of order " + command.orderNo() + " is unknown");
        }
        RefundableBalance balance = command.operation() == PaymentOperation.REFUND
                ? ledger.refundableBalance(order) : null;
        Money requested = command.amount() != null ? command.amount() : defaultAmount(command, history, balance);
        if (!NewebPayAmounts.isValid(requested)) {
            throw RejectedRequestException.badRequest(NewebPayAmounts.RULE);
        }
        PaymentStatus status = order.status();
        switch (command.operation()) {
            case CANCEL -> {
                requireStatus(command, status, EnumSet.of(PaymentStatus.AUTHORIZED));
                if (requested.compareTo(order.amount()) != 0) {
                    throw RejectedRequestException.badRequest("an authorisation is cancelled whole: amount must be "
                            + order.amount().text());
                }
            }
            case CAPTURE -> requireStatus(command, status, EnumSet.of(PaymentStatus.AUTHORIZED));
            case CANCEL_CAPTURE -> requireStatus(command, status, EnumSet.of(PaymentStatus.CAPTURE_REQUESTED));
            case REFUND -> {
                // A card is refunded through the Close API only once its capture is settled at the bank (CloseStatus
                // 3), else the gateway refuses (尚未請款完成). The ledger's CAPTURED comes only from the gateway's own
                // report of that (a query, a notify, reconciliation), never from the hub's capture request. E-wallets
                // are captured by the gateway itself and refunded through their own API, which has no such rule.
                if (status == PaymentStatus.CAPTURE_REQUESTED && NewebPayStatusMapping.isCardPayment(order.method())) {
                    throw new RejectedRequestException(409, "cannot refund order " + command.orderNo()
                            + " in status CAPTURE_REQUESTED: its capture is not settled at the bank, and NewebPay"
                            + " refunds only a settled capture. Withdraw the capture instead (cancel-capture), or"
                            + " query the order once the bank's batch has settled it (CAPTURED) and refund then");
                }
                requireStatus(command, status, REFUNDABLE);
            }
            case CANCEL_REFUND -> requireStatus(command, status, EnumSet.of(PaymentStatus.REFUND_REQUESTED));
            default -> throw RejectedRequestException.badRequest(command.operation() + " is not a card operation");
        }
        if (requested.compareTo(order.amount()) > 0) {
            String what = command.operation() == PaymentOperation.REFUND ? "refund" : command.operation().pathSegment();
            throw RejectedRequestException.badRequest("cannot " + what + " " + requested.text() + ": order "
                    + command.orderNo() + " is " + order.amount().text() + " " + order.amount().currency());
        }
        NewebPayWholeAmountRules.check(command.operation(), requested, order.amount(), history);
        if (balance != null) {
            if (requested.value().compareTo(balance.remaining()) > 0) {
                String currency = order.amount().currency();
                throw RejectedRequestException.badRequest("cannot refund " + requested.text() + ": order "
                        + command.orderNo() + " can still be refunded " + new Money(balance.remaining(), currency).text()
                        + " " + currency + " (captured " + new Money(balance.captured(), currency).text()
                        + ", refunds standing " + new Money(balance.refunded(), currency).text() + ")");
            }
        }
        return requested;
    }

    /**
     * The amount of an operation the ERP sent without one: what the gateway expects for it (TRA10050 refuses a
     * withdrawal of another amount than the one waiting). A capture or cancel is of the whole order, a refund of
     * what can still be refunded, a withdrawal of the capture or refund the hub requested last.
     */
    private static Money defaultAmount(PaymentOperationCommand command, OrderHistory history,
                                       RefundableBalance balance) {
        Money orderAmount = history.order().amount();
        return switch (command.operation()) {
            case CANCEL_CAPTURE -> lastRequested(history, PaymentStatus.CAPTURE_REQUESTED);
            case CANCEL_REFUND -> lastRequested(history, PaymentStatus.REFUND_REQUESTED);
            case REFUND -> new Money(balance.remaining(), orderAmount.currency());
            default -> orderAmount;
        };
    }

    private static Money lastRequested(OrderHistory history, PaymentStatus status) {
        OrderState order = history.order();
        List<JournalEntry> journal = history.journal();
        for (int i = journal.size() - 1; i >= 0; i--) {
            JournalEntry entry = journal.get(i);
            String value = entry.event() == null ? "" : entry.event().path("data").path("amount").path("value").asText("");
            if (entry.outcome() == StoreOutcome.APPLIED && status.name().equals(entry.status())
                    && EventSource.COMMAND.name().equals(entry.source()) && !value.isEmpty()) {
                return new Money(new BigDecimal(value), order.amount().currency());
            }
        }
        return order.amount();
    }

    private static void requireStatus(PaymentOperationCommand command, PaymentStatus status, Set<PaymentStatus> allowed) {
        if (!allowed.contains(status)) {
            throw new RejectedRequestException(409, "cannot " + command.operation().pathSegment() + " order "
                    + command.orderNo() + " in status " + status + " (needs " + allowed + ")");
        }
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        Pending pending = call.context(Pending.class);
        String answer = call.successBody();
        PaymentOperationCommand command = pending.command();
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNF);
        if (pending.wallet()) {
            return walletRefunded(merchant, pending, NewebPayWalletRefunds.accepted(merchant, answer, command.orderNo(),
                    pending.amount().value().toBigIntegerExact().toString()));
        }
        NewebPayPayload payload;
        try {
            payload = NewebPayPayloadParser.parse(answer);
        } catch (NewebPayDecodeException e) {
            throw new GatewayAnswerException("NewebPay answer is unreadable: " + e.getMessage());
        }
        boolean bankBatch = command.operation() == PaymentOperation.CANCEL
                && CANCEL_IN_BANK_BATCH.equals(payload.status());
        if (!payload.isSuccess() && !bankBatch) {
            throw new RejectedRequestException(422, "NewebPay refused to " + command.operation().pathSegment() + ": "
                    + payload.status() + " " + payload.message());
        }
        if (payload.field("CheckCode") != null) {
            try {
                merchant.checkCodes().verifyQueryResponse(payload);
            } catch (NewebPayDecodeException e) {
                throw new GatewayAnswerException("NewebPay answer failed verification: " + e.getMessage());
            }
        }
        String answeredOrder = payload.field("MerchantOrderNo");
        if (answeredOrder != null && !answeredOrder.equals(command.orderNo())) {
            throw new GatewayAnswerException("NewebPay answered about another order");
        }
        // the answer's Amt is the amount the operation was made for: another one leaves what the gateway did unknown
        // (the operation stays in flight until a query settles it)
        String answeredAmount = payload.field("Amt");
        if (answeredAmount != null && !NewebPayAmounts.same(answeredAmount, pending.amount())) {
            throw new GatewayAnswerException("NewebPay answered the " + command.operation().pathSegment() + " of order "
                    + command.orderNo() + " with another amount than the " + pending.amount().text() + " asked for");
        }
        PaymentStatus status = switch (command.operation()) {
            case CANCEL -> PaymentStatus.VOIDED;
            case CAPTURE -> PaymentStatus.CAPTURE_REQUESTED;
            case CANCEL_CAPTURE -> PaymentStatus.AUTHORIZED;
            case REFUND -> PaymentStatus.REFUND_REQUESTED;
            case CANCEL_REFUND -> ledger.statusBefore(command.provider(), merchant.alias(), command.orderNo(),
                    PaymentStatus.REFUND_REQUESTED).orElse(PaymentStatus.CAPTURED);
            default -> throw new IllegalStateException(command.operation().name());
        };
        boolean withdraws = command.operation() == PaymentOperation.CANCEL_CAPTURE
                || command.operation() == PaymentOperation.CANCEL_REFUND;
        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentEvent event = new PaymentEvent(NewebPay.CODE, merchant.alias(), merchant.merchantId(),
                command.orderNo(), payload.field("TradeNo"), status, pending.amount(), null, null, null, now, now,
                EventSource.COMMAND, payload.status(), null, emptyToNull(payload.message()), null, null);
        String raw = payload.toJson();
        LedgerFact fact = new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), command.orderNo(),
                command.operation(), pending.amount().text(), pending.requestId()), event, raw, withdraws);
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(fact), null);
    }

    private CommandResult walletRefunded(NewebPayMerchant merchant, Pending pending, NewebPayPayload payload) {
        PaymentOperationCommand command = pending.command();
        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentEvent event = new PaymentEvent(NewebPay.CODE, merchant.alias(), merchant.merchantId(),
                command.orderNo(), payload.field("TradeNo"), PaymentStatus.REFUND_REQUESTED, pending.amount(), null, null,
                null, now, now, EventSource.COMMAND, firstNonEmpty(payload.status(), NewebPayWalletRefunds.REFUNDED), null,
                firstNonEmpty(payload.message(), payload.field("BankMessage")), null, null);
        LedgerFact fact = new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), command.orderNo(),
                "ewallet-refund", pending.amount().text(), pending.requestId()), event, payload.toJson());
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(fact), null);
    }

    private static String firstNonEmpty(String first, String second) {
        return emptyToNull(first) != null ? first : emptyToNull(second);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
