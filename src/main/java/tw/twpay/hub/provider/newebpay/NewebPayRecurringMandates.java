package tw.twpay.hub.provider.newebpay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.MandateChange;
import tw.twpay.hub.canonical.MandateEvent;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.command.AlterSubscriptionCommand;
import tw.twpay.hub.command.CommandResult;
import tw.twpay.hub.command.CreateSubscriptionCommand;
import tw.twpay.hub.command.FormPost;
import tw.twpay.hub.command.GatewayAnswerException;
import tw.twpay.hub.command.GatewayRequest;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * NDNP (定期定額) mandates: the signed form for the customer to set one up on {@code /MPG/period}, and changes to a
 * running mandate through {@code /MPG/period/AlterStatus} (suspend, terminate, restart) and {@code /MPG/period/AlterAmt}.
 * The gateway's answers to changes come encrypted in a field {@code period}, padded to 32 bytes; a confirmed change
 * is a mandate event in the ledger and to the ERP.
 */
@Component("newebPayRecurringMandates")
public class NewebPayRecurringMandates {

    private static final String CREATE_VERSION = "1.5";
    private static final String ALTER_STATUS_VERSION = "1.0";
    private static final String ALTER_AMOUNT_VERSION = "1.2";

    private final NewebPayMerchants merchants;
    private final Clock clock;
    private final NewebPayCallbackUrls callbackUrls;

    public NewebPayRecurringMandates(NewebPayMerchants merchants, Clock clock, NewebPayCallbackUrls callbackUrls) {
        this.merchants = merchants;
        this.clock = clock;
        this.callbackUrls = callbackUrls;
    }

    public CommandResult create(@Body CreateSubscriptionCommand command) {
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNP);
        validate(command);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RespondType", "JSON");
        fields.put("TimeStamp", clock.instant().getEpochSecond());
        fields.put("Version", CREATE_VERSION);
        fields.put("LangType", "zh-Tw");
        fields.put("MerOrderNo", command.orderNo());
        fields.put("ProdDesc", command.description());
        fields.put("PeriodAmt", command.amount().value().toBigIntegerExact());
        fields.put("PeriodType", command.periodType());
        fields.put("PeriodPoint", command.periodPoint());
        fields.put("PeriodStartType", command.startType());
        // NE (no end) is what the Card Account Updater needs to keep an open-ended mandate charging
        fields.put("PeriodTimes", command.times() == null ? "NE" : command.times());
        fields.put("PayerEmail", command.email());
        fields.put("PaymentInfo", "Y");
        fields.put("OrderInfo", "N");
        fields.put("EmailModify", 1);
        fields.put("NotifyURL", callbackUrls.periodNotify(merchant));
        fields.put("ReturnURL", callbackUrls.browserReturn(merchant));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MerchantID_", merchant.merchantId());
        form.put("PostData_", merchant.codec().encrypt(fields));

        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentEvent pending = new PaymentEvent(NewebPayTradeMapper.PROVIDER, merchant.alias(), merchant.merchantId(),
                command.orderNo(), null, PaymentStatus.PENDING, command.amount(), "CREDIT", null, null, now, now,
                EventSource.COMMAND, null, null, command.description(), null, null);
        LedgerFact fact = new LedgerFact(LedgerFact.key(NewebPayTradeMapper.PROVIDER, merchant.alias(), command.orderNo(),
                "create-mandate", command.amount().text()), pending, null);
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(fact),
                FormPost.of(merchant.gatewayUrl("/MPG/period"), form));
    }

    private static void validate(CreateSubscriptionCommand command) {
        if (!command.orderNo().matches("[A-Za-z0-9_]{1,30}")) {
            throw RejectedRequestException.badRequest("orderNo must be 1 to 30 letters, digits or '_' (NewebPay MerOrderNo)");
        }
        if (!"TWD".equals(command.amount().currency()) || command.amount().value().signum() <= 0
                || command.amount().value().stripTrailingZeros().scale() > 0) {
            throw RejectedRequestException.badRequest("amount must be a whole number of TWD above zero");
        }
        if (command.email() == null) {
            throw RejectedRequestException.badRequest("email is required for a NewebPay mandate (PayerEmail)");
        }
        String point = command.periodPoint();
        boolean pointFits = switch (command.periodType()) {
            case "D" -> point.matches("\\d{1,3}") && Integer.parseInt(point) >= 2;
            case "W" -> point.matches("[1-7]");
            case "M" -> point.matches("0[1-9]|[12]\\d|3[01]");
            case "Y" -> point.matches("(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])");
            default -> throw RejectedRequestException.badRequest("period.type must be D, W, M or Y");
        };
        if (!pointFits) {
            throw RejectedRequestException.badRequest("period.point '" + point + "' does not fit period.type "
                    + command.periodType() + " (D: 2-999 days, W: 1-7, M: 01-31, Y: MMDD)");
        }
    }

    public GatewayRequest alterRequest(@Body AlterSubscriptionCommand command) {
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNP);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RespondType", "JSON");
        fields.put("TimeStamp", clock.instant().getEpochSecond());
        String path;
        if ("amend".equals(command.action())) {
            if (command.amount().value().signum() <= 0 || command.amount().value().stripTrailingZeros().scale() > 0) {
                throw RejectedRequestException.badRequest("amount must be a whole number of TWD above zero");
            }
            fields.put("Version", ALTER_AMOUNT_VERSION);
            fields.put("MerOrderNo", command.orderNo());
            fields.put("PeriodNo", command.mandateId());
            fields.put("AlterAmt", command.amount().value().toBigIntegerExact());
            path = "/MPG/period/AlterAmt";
        } else {
            fields.put("Version", ALTER_STATUS_VERSION);
            fields.put("MerOrderNo", command.orderNo());
            fields.put("PeriodNo", command.mandateId());
            fields.put("AlterType", command.action());
            path = "/MPG/period/AlterStatus";
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MerchantID_", merchant.merchantId());
        form.put("PostData_", merchant.codec().encrypt(fields));
        return new GatewayRequest(merchant.gatewayUrl(path), form, command);
    }

    /**
     * The answer {"period":"<hex>"} decrypts (pad-to-32 accepted) with the merchant's own keys. A confirmed change is
     * journalled and delivered as a mandate event; the ERP gets the gateway's answer.
     */
    public CommandResult alterAnswer(@Body String answer, @ExchangeProperty("gatewayRequest") GatewayRequest request) {
        AlterSubscriptionCommand command = (AlterSubscriptionCommand) request.context();
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNP);
        NewebPayPayload payload;
        try {
            JsonNode envelope = CanonicalJson.mapper().readTree(answer);
            String period = envelope.path("period").asText(null);
            payload = period != null ? merchant.codec().decode(period) : NewebPayPayloadParser.parse(answer);
        } catch (IOException | NewebPayDecodeException e) {
            throw new GatewayAnswerException("NewebPay period answer is unreadable: " + e.getMessage());
        }
        if (!payload.isSuccess()) {
            throw new RejectedRequestException(422, "NewebPay refused to " + command.action() + " mandate "
                    + command.mandateId() + ": " + payload.status() + " " + payload.message());
        }
        OffsetDateTime receivedAt = OffsetDateTime.now(clock);
        MandateEvent changed = mandateChange(merchant, command, payload, receivedAt);
        LedgerFact fact = new LedgerFact(LedgerFact.key(NewebPayTradeMapper.PROVIDER, merchant.alias(),
                command.orderNo(), command.mandateId(), changed.change(), receivedAt.toInstant()), changed,
                CanonicalJson.toText(payload));

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("provider", NewebPayTradeMapper.PROVIDER);
        response.put("merchant", merchant.alias());
        response.put("orderNo", command.orderNo());
        response.put("mandateId", command.mandateId());
        response.put("action", command.action());
        response.put("change", changed.change());
        response.put("providerStatus", payload.status());
        response.put("providerMessage", payload.message());
        response.put("result", payload.result());
        return new CommandResult(NewebPayTradeMapper.PROVIDER, merchant.alias(), command.orderNo(), List.of(fact),
                response);
    }

    /** What the gateway confirmed: AlterAmt tells the new amount (NewNextAmt), both tell the next charge date. */
    private static MandateEvent mandateChange(NewebPayMerchant merchant, AlterSubscriptionCommand command,
                                              NewebPayPayload payload, OffsetDateTime receivedAt) {
        MandateChange change = switch (command.action()) {
            case "suspend" -> MandateChange.SUSPENDED;
            case "terminate" -> MandateChange.TERMINATED;
            case "restart" -> MandateChange.RESTARTED;
            default -> MandateChange.AMOUNT_CHANGED;
        };
        Money periodAmount = null;
        if (change == MandateChange.AMOUNT_CHANGED) {
            String confirmed = payload.field("NewNextAmt");
            periodAmount = confirmed == null || confirmed.isBlank() ? command.amount() : Money.of(confirmed.trim(), "TWD");
        }
        return new MandateEvent(NewebPayTradeMapper.PROVIDER, merchant.alias(), merchant.merchantId(),
                command.orderNo(), command.mandateId(), change, periodAmount,
                nextChargeDate(payload), receivedAt, receivedAt, EventSource.COMMAND, payload.status(), null,
                payload.message());
    }

    /** The change is already made at the gateway: an unreadable date is left out rather than failing the answer. */
    private static LocalDate nextChargeDate(NewebPayPayload payload) {
        try {
            return NewebPayTradeMapper.taipeiDate(payload.field("NewNextTime"));
        } catch (NewebPayDecodeException e) {
            return null;
        }
    }
}
