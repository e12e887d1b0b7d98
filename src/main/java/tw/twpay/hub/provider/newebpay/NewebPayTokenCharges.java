package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.CardAction;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.api.ChargeCardCommand;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.UnknownOutcomeException;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Token (約定信用卡) charges through NewebPay's back-end card API ({@code /API/CreditCard}): the first charge carries
 * the card and {@code TokenSwitch=get} and binds it to a token for the cardholder reference (TokenTerm); later
 * charges use {@code TokenSwitch=on} with the token. TokenLife is left empty, as the Card Account Updater document
 * asks for 約定信用卡. Passkey merchants use version 2.5 and must send the cardholder's phone and split name.
 */
@Component("newebPayTokenCharges")
public class NewebPayTokenCharges implements GatewayOperation<ChargeCardCommand> {

    private static final String BACKEND_VERSION = "1.1";
    /** Passkey needs back-end version 2.5 or later (Passkey document, chapter 04). */
    private static final String PASSKEY_BACKEND_VERSION = "2.5";
    
    /** 已存在相同的商店訂單編號: the order was charged before (an earlier call whose answer was lost). */
    static final String ORDER_NO_TAKEN = "MPG03008";

    private final NewebPayMerchants merchants;
    private final CommandLedger ledger;
    private final Clock clock;
    private final NewebPayCallbackUrls callbackUrls;
    private final NewebPayOrderNumbers orderNumbers;

    public NewebPayTokenCharges(NewebPayMerchants merchants, CommandLedger ledger, Clock clock,
                                NewebPayCallbackUrls callbackUrls, NewebPayOrderNumbers orderNumbers) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.clock = clock;
        this.callbackUrls = callbackUrls;
        this.orderNumbers = orderNumbers;
    }

    @Override
    public GatewayRequest request(ChargeCardCommand command) {
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNF);
        if (!command.orderNo().matches("[A-Za-z0-9_]{1,30}")) {
            throw RejectedRequestException.badRequest("orderNo must be 1 to 30 letters, digits or '_'");
        }
        if (!NewebPayAmounts.isValid(command.amount())) {
            throw RejectedRequestException.badRequest(NewebPayAmounts.RULE);
        }
        if (!command.tokenTerm().matches("[A-Za-z0-9_@.-]{1,20}")) {
            throw RejectedRequestException.badRequest("tokenTerm must be 1 to 20 letters, digits or _@.-");
        }
        ledger.findOrder(command.provider(), merchant.alias(), command.orderNo())
                .filter(order -> order.status() != PaymentStatus.PENDING)
                .ifPresent(order -> {
                    throw new RejectedRequestException(409, "order " + command.orderNo() + " was charged already ("
                            + order.status() + ")");
                });
        orderNumbers.requireFreeAtMerchantId(merchant, command.orderNo());
        if (command.card() == null) {
            requireChargeableToken(merchant, command.tokenValue());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("TimeStamp", clock.instant().getEpochSecond());
        fields.put("Version", merchant.passkey() ? PASSKEY_BACKEND_VERSION : BACKEND_VERSION);
        fields.put("MerchantOrderNo", command.orderNo());
        fields.put("Amt", command.amount().value().toBigIntegerExact());
        fields.put("ProdDesc", command.description());
        if (command.email() != null) {
            fields.put("PayerEmail", command.email());
        }
        fields.put("TokenTerm", command.tokenTerm());
        if (command.card() != null) {
            ChargeCardCommand.CardDetails card = command.card();
            fields.put("CardNo", card.number());
            fields.put("Exp", card.expiry().substring(2, 4) + card.expiry().substring(5, 7));
            fields.put("CVC", card.cvc());
            fields.put("TokenSwitch", "get");
            fields.put("TokenLife", "");
        } else {
            fields.put("TokenValue", command.tokenValue());
            fields.put("TokenSwitch", "on");
        }
        if (merchant.passkey()) {
            putPasskeyCardholder(fields, command.cardholder());
            fields.put("P3D", 1);
            fields.put("NotifyURL", callbackUrls.notify(merchant));
            fields.put("ReturnURL", callbackUrls.browserReturn(merchant));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MerchantID_", merchant.merchantId());
        form.put("PostData_", merchant.codec().encrypt(fields));
        form.put("Pos_", "JSON");
        return GatewayRequest.form(merchant.gatewayUrl("/API/CreditCard"), form, command)
                .withTimeout(NewebPay.CALL_TIMEOUT)
                .withIntent(List.of(intent(merchant, command)));
    }

    /**
     * A token the Card Account Updater (or anything else the hub heard) reported as other than ACTIVE is not charged:
     * the CAU document asks the shop to stop charging such a card and have it bound again. A token the hub never
     * heard of (bound before the hub, or outside it) is left to the gateway. The token is the MerchantID's, so what
     * the hub heard of it through any alias of that MerchantID counts (the CAU notify comes to one alias only).
     */
    private void requireChargeableToken(NewebPayMerchant merchant, String tokenValue) {
        List<String> aliases = new ArrayList<>(List.of(merchant.alias()));
        aliases.addAll(merchants.sharingMerchantId(merchant.alias()));
        aliases.stream()
                .flatMap(alias -> ledger.cardTokenStatus(NewebPay.ID, alias, tokenValue).stream())
                .filter(status -> !TokenStatus.ACTIVE.name().equals(status))
                .findFirst()
                .ifPresent(status -> {
                    throw new RejectedRequestException(409, "the card of this tokenValue is " + status
                            + " (Card Account Updater): it is not charged; ask the cardholder to bind a card again");
                });
    }

    /**
     * PENDING before the card is charged: when the answer is lost (timeout, 5xx) or cannot be written, this is what
     * the missed-notify poll finds and settles with QueryTradeInfo. Never a failure: the card may have been charged.
     */
    private LedgerFact intent(NewebPayMerchant merchant, ChargeCardCommand command) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentEvent pending = new PaymentEvent(NewebPay.CODE, merchant.alias(), merchant.merchantId(),
                command.orderNo(), null, PaymentStatus.PENDING, command.amount(), "CREDIT", null, null, now, now,
                EventSource.COMMAND, null, null, command.description(), null, null);
        return new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), command.orderNo(), "token-charge-intent",
                command.amount().text()), pending, null);
    }

    /** Passkey turns the cardholder's phone from optional into required, and the name into last and first name. */
    private static void putPasskeyCardholder(Map<String, Object> fields, ChargeCardCommand.Cardholder cardholder) {
        List<String> missing = new ArrayList<>();
        if (cardholder == null || cardholder.phone() == null) {
            missing.add("cardholder.phone");
        }
        if (cardholder == null || cardholder.lastName() == null) {
            missing.add("cardholder.lastName");
        }
        if (cardholder == null || cardholder.firstName() == null) {
            missing.add("cardholder.firstName");
        }
        if (!missing.isEmpty()) {
            throw RejectedRequestException.badRequest("this merchant uses NewebPay Passkey, which needs "
                    + String.join(", ", missing));
        }
        if (!cardholder.phone().matches("\\+[1-9]\\d{7,14}")) {
            throw RejectedRequestException.badRequest("cardholder.phone must be E.164 with country code, e.g. +886912345678");
        }
        fields.put("CardHolderPhone", cardholder.phone());
        fields.put("CardHolderLastName", cardholder.lastName());
        fields.put("CardHolderFirstName", cardholder.firstName());
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        ChargeCardCommand command = call.context(ChargeCardCommand.class);
        String answer = call.successBody();
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNF);
        String threeDSecure = threeDSecurePage(answer);
        if (threeDSecure != null) {
            // P3D=1: the cardholder must pass 3-D Secure in the browser first; the result comes to the NotifyURL,
            // and the order stays PENDING (journalled before the call) until then
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("action", "HTML");
            response.put("html", threeDSecure);
            response.put("orderNo", command.orderNo());
            response.put("status", PaymentStatus.PENDING);
            return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(), response);
        }
        NewebPayPayload payload = parse(answer);
        if (ORDER_NO_TAKEN.equals(payload.status())) {
            // charged by an earlier call whose answer never arrived: not a failure, the order stays PENDING and a
            // query (the missed-notify poll, or POST .../query) records what the gateway has
            throw new UnknownOutcomeException("NewebPay says order " + command.orderNo() + " was already charged ("
                    + ORDER_NO_TAKEN + "); it stays PENDING until a query settles it");
        }
        if (payload.field("CheckCode") != null) {
            try {
                merchant.checkCodes().verifyQueryResponse(payload);
            } catch (NewebPayDecodeException e) {
                throw new GatewayAnswerException("NewebPay card answer failed verification: " + e.getMessage());
            }
        }
        String answeredOrder = payload.field("MerchantOrderNo");
        if (answeredOrder != null && !answeredOrder.equals(command.orderNo())) {
            // not an answer about this charge: the order stays PENDING (journalled before the call) for a query
            throw new GatewayAnswerException("NewebPay answered the card charge of order " + command.orderNo()
                    + " about another order");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentStatus status = payload.isSuccess() ? PaymentStatus.AUTHORIZED : PaymentStatus.FAILED;
        NewebPayPayload withOrder = answeredOrder != null ? payload : withOrderNo(payload, command);
        // the amount is the answer's Amt: one other than the order's is stored flagged AMOUNT_MISMATCH by the ledger,
        // and does not authorise the order
        PaymentEvent payment;
        try {
            payment = NewebPayTradeMapper.payment(merchant, withOrder, command.orderNo(), status, EventSource.COMMAND,
                    now, null);
        } catch (NewebPayDecodeException | IllegalArgumentException e) {
            throw new GatewayAnswerException("NewebPay card answer cannot be read: " + e.getMessage());
        }
        if (payment.amount() == null) {
            payment = new PaymentEvent(payment.provider(), payment.merchant(), payment.merchantId(), payment.orderNo(),
                    payment.providerTradeId(), payment.status(), command.amount(), payment.method(), payment.card(),
                    payment.authCode(), payment.occurredAt() != null ? payment.occurredAt() : now, now, payment.source(),
                    payment.providerStatus(), payment.providerCode(), payment.providerMessage(), null, null);
        }
        String raw = payload.toJson();
        List<LedgerFact> facts = new ArrayList<>();
        facts.add(new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), command.orderNo(),
                payload.field("TradeNo"), payload.status(), "token-charge"), payment, raw));
        String token = payload.field("TokenValue");
        if (payload.isSuccess() && command.card() != null && token != null) {
            CardLifecycleEvent bound = new CardLifecycleEvent(NewebPay.CODE, merchant.alias(),
                    merchant.merchantId(), token, TokenStatus.ACTIVE, payment.card() == null ? null : payment.card().expiry(),
                    null, null, CardAction.NONE, payment.card(), now, now, EventSource.COMMAND, "TOKEN_BOUND",
                    payload.field("RespondCode"), "card bound for " + command.tokenTerm());
            facts.add(new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), "token", token,
                    "bound", command.orderNo()), bound, null));
        }
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), facts, null);
    }

    /**
     * The 3-D Secure page a Passkey charge (P3D=1) answers with: the whole body as HTML, or a JSON answer whose Result
     * is that HTML as a string; null for an ordinary answer.
     */
    static String threeDSecurePage(String answer) {
        String text = answer == null ? "" : answer.trim();
        if (text.startsWith("<")) {
            return text;
        }
        if (text.startsWith("{")) {
            try {
                com.fasterxml.jackson.databind.JsonNode result = CanonicalJson.mapper().readTree(text).path("Result");
                if (result.isTextual() && result.asText().trim().startsWith("<")) {
                    return result.asText().trim();
                }
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return null;
    }

    private static NewebPayPayload withOrderNo(NewebPayPayload payload, ChargeCardCommand command) {
        Map<String, String> result = new LinkedHashMap<>(payload.result());
        result.put("MerchantOrderNo", command.orderNo());
        return new NewebPayPayload(payload.status(), payload.message(), result);
    }

    static NewebPayPayload parse(String answer) {
        try {
            return NewebPayPayloadParser.parse(answer);
        } catch (NewebPayDecodeException e) {
            throw new GatewayAnswerException("NewebPay answer is unreadable: " + e.getMessage());
        }
    }
}
