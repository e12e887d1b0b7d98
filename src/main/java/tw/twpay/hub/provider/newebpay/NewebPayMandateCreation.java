package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.CreateSubscriptionCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.FormPost;
import tw.twpay.hub.provider.LocalOperation;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * NDNP (定期定額) mandate creation: the signed form the customer's browser posts to {@code /MPG/period}, and the
 * PENDING fact for the mandate order. The result arrives at the period NotifyURL.
 */
@Component("newebPayMandateCreation")
public class NewebPayMandateCreation implements LocalOperation<CreateSubscriptionCommand> {

    private static final String CREATE_VERSION = "1.5";

    private final NewebPayMerchants merchants;
    private final Clock clock;
    private final NewebPayCallbackUrls callbackUrls;
    private final NewebPayOrderNumbers orderNumbers;

    public NewebPayMandateCreation(NewebPayMerchants merchants, Clock clock, NewebPayCallbackUrls callbackUrls,
                                   NewebPayOrderNumbers orderNumbers) {
        this.merchants = merchants;
        this.clock = clock;
        this.callbackUrls = callbackUrls;
        this.orderNumbers = orderNumbers;
    }

    @Override
    public CommandResult prepare(CreateSubscriptionCommand command) {
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNP);
        NewebPayPeriodSchedule schedule = NewebPayPeriodSchedule.from(command.fields());
        validate(command);
        orderNumbers.requireFreeAtMerchantId(merchant, command.orderNo());
        orderNumbers.requireNoPeriodChargeClash(merchant, command.orderNo());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RespondType", "JSON");
        fields.put("TimeStamp", clock.instant().getEpochSecond());
        fields.put("Version", CREATE_VERSION);
        fields.put("LangType", "zh-Tw");
        fields.put("MerOrderNo", command.orderNo());
        fields.put("ProdDesc", command.description());
        fields.put("PeriodAmt", command.amount().value().toBigIntegerExact());
        fields.put("PeriodType", schedule.type());
        fields.put("PeriodPoint", schedule.point());
        fields.put("PeriodStartType", schedule.startType());
        // NE (no end) is what the Card Account Updater needs to keep an open-ended mandate charging
        fields.put("PeriodTimes", schedule.times() == null ? "NE" : schedule.times());
        fields.put("PayerEmail", command.email());
        fields.put("PaymentInfo", "Y");
        fields.put("OrderInfo", "N");
        fields.put("EmailModify", 1);
        fields.put("NotifyURL", NewebPayCallbackUrls.accepted(callbackUrls.periodNotify(merchant), 100, merchant,
                "NotifyURL"));
        fields.put("ReturnURL", NewebPayCallbackUrls.accepted(callbackUrls.browserReturn(merchant), 100, merchant,
                "ReturnURL"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MerchantID_", merchant.merchantId());
        form.put("PostData_", merchant.codec().encrypt(fields));

        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentEvent pending = new PaymentEvent(NewebPay.CODE, merchant.alias(), merchant.merchantId(),
                command.orderNo(), null, PaymentStatus.PENDING, command.amount(), "CREDIT", null, null, now, now,
                EventSource.COMMAND, null, null, command.description(), null, null);
        LedgerFact fact = new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), command.orderNo(),
                "create-mandate", command.amount().text()), pending, null);
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(fact),
                FormPost.of(merchant.gatewayUrl("/MPG/period"), form).expiringAt(now.plus(NewebPay.TIMESTAMP_WINDOW)));
    }

    private static void validate(CreateSubscriptionCommand command) {
        if (!command.orderNo().matches("[A-Za-z0-9_]{1,30}")) {
            throw RejectedRequestException.badRequest("orderNo must be 1 to 30 letters, digits or '_' (NewebPay MerOrderNo)");
        }
        if (!NewebPayAmounts.isValid(command.amount())) {
            throw RejectedRequestException.badRequest(NewebPayAmounts.RULE);
        }
        if (command.description() == null
                || !command.description().matches("[\\p{IsHan}A-Za-z0-9 _]{1,100}")) {
            throw RejectedRequestException.badRequest("description must be 1 to 100 Chinese characters, letters, digits,"
                    + " spaces or '_' (NewebPay ProdDesc, PER10028)");
        }
        if (command.email() == null) {
            throw RejectedRequestException.badRequest("email is required for a NewebPay mandate (PayerEmail)");
        }
    }
}
