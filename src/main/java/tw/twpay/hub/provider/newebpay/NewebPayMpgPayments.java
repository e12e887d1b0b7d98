package tw.twpay.hub.provider.newebpay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.api.CreatePaymentCommand;
import tw.twpay.hub.provider.FormPost;
import tw.twpay.hub.provider.LocalOperation;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * One-off payments through NewebPay's MPG page: the signed form the customer's browser posts to
 * {@code /MPG/mpg_gateway}, and the PENDING fact journalled for it. The result arrives later at the NotifyURL.
 */
@Component("newebPayMpgPayments")
public class NewebPayMpgPayments implements LocalOperation<CreatePaymentCommand> {

    /** The NDNF-1.1.9 manual's current MPG version. */
    static final String MPG_VERSION = "2.3";
    private static final Set<String> METHODS = Set.of("CREDIT", "ANDROIDPAY", "SAMSUNGPAY", "APPLEPAY", "UNIONPAY",
            "CREDITAE", "WEBATM", "VACC", "CVS", "BARCODE", "LINEPAY", "TAIWANPAY", "ESUNWALLET", "EZPAY", "CVSCOM", "TWQR", "EZPWECHAT", "EZPALIPAY");

    private final NewebPayMerchants merchants;
    private final CommandLedger ledger;
    private final Clock clock;
    private final NewebPayCallbackUrls callbackUrls;
    private final NewebPayOrderNumbers orderNumbers;

    public NewebPayMpgPayments(NewebPayMerchants merchants, CommandLedger ledger, Clock clock,
                               NewebPayCallbackUrls callbackUrls, NewebPayOrderNumbers orderNumbers) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.clock = clock;
        this.callbackUrls = callbackUrls;
        this.orderNumbers = orderNumbers;
    }

    @Override
    public CommandResult prepare(CreatePaymentCommand command) {
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNF);
        validate(command);
        NewebPayCardOptions cardOptions = NewebPayCardOptions.of(command.fields());
        ledger.requireNewOrSamePendingOrder(command.provider(), merchant.alias(), command.orderNo(),
                command.amount());
        orderNumbers.requireFreeAtMerchantId(merchant, command.orderNo());

        Map<String, Object> tradeInfo = new LinkedHashMap<>();
        tradeInfo.put("MerchantID", merchant.merchantId());
        tradeInfo.put("RespondType", "JSON");
        tradeInfo.put("TimeStamp", clock.instant().getEpochSecond());
        tradeInfo.put("Version", MPG_VERSION);
        tradeInfo.put("LangType", "zh-tw");
        tradeInfo.put("MerchantOrderNo", command.orderNo());
        tradeInfo.put("Amt", command.amount().value().toBigIntegerExact());
        tradeInfo.put("ItemDesc", command.description());
        if (command.email() != null) {
            tradeInfo.put("Email", command.email());
        }
        tradeInfo.put("NotifyURL", NewebPayCallbackUrls.accepted(callbackUrls.notify(merchant), 200, merchant, "NotifyURL"));
        tradeInfo.put("ReturnURL", NewebPayCallbackUrls.accepted(callbackUrls.browserReturn(merchant), 200, merchant,
                "ReturnURL"));
        List<String> methods = command.methods().isEmpty() ? List.of("CREDIT") : command.methods();
        methods.forEach(method -> tradeInfo.put(method, 1));
        // installments and redemption are card payment options of their own (MPG InstFlag, CreditRed)
        tradeInfo.putAll(cardOptions.mpgFields());
        if (merchant.passkey()) {
            // Passkey merchants authenticate the cardholder with 3-D Secure (Passkey, falling back to OTP)
            tradeInfo.put("P3D", 1);
        }
        if (command.tokenTerm() != null) {
            // a token for later back-end charges (約定信用卡) needs CREDITAGREEMENT with the TokenTerm; TokenTerm
            // alone only remembers the card for the customer's next checkout (快速結帳, TokenUseStatus)
            tradeInfo.put("CREDITAGREEMENT", 1);
            tradeInfo.put("TokenTerm", command.tokenTerm());
        }
        SealedTradeInfo sealed = merchant.codec().seal(tradeInfo);

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MerchantID", merchant.merchantId());
        fields.put("TradeInfo", sealed.tradeInfo());
        fields.put("TradeSha", sealed.tradeSha());
        fields.put("Version", MPG_VERSION);
        // the TimeStamp inside is good for 120 s: the ERP is told until when the browser must post it
        FormPost form = FormPost.of(merchant.gatewayUrl("/MPG/mpg_gateway"), fields)
                .expiringAt(OffsetDateTime.now(clock).plus(NewebPay.TIMESTAMP_WINDOW));

        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentEvent pending = new PaymentEvent(NewebPay.CODE, merchant.alias(), merchant.merchantId(),
                command.orderNo(), null, PaymentStatus.PENDING, command.amount(), String.join(",", methods), null, null,
                now, now, EventSource.COMMAND, null, null, command.description(), null, null);
        LedgerFact fact = new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), command.orderNo(),
                "create", command.amount().text()), pending, null);
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(fact), form);
    }

    private static void validate(CreatePaymentCommand command) {
        if (!command.orderNo().matches("[A-Za-z0-9_]{1,30}")) {
            throw RejectedRequestException.badRequest(
                    "orderNo must be 1 to 30 letters, digits or '_' (NewebPay MerchantOrderNo)");
        }
        if (!"TWD".equals(command.amount().currency())) {
            throw RejectedRequestException.badRequest("NewebPay takes TWD only");
        }
        if (!NewebPayAmounts.isValid(command.amount())) {
            throw RejectedRequestException.badRequest(NewebPayAmounts.RULE);
        }
        if (command.description().length() > 50) {
            throw RejectedRequestException.badRequest("description must be at most 50 characters (NewebPay ItemDesc)");
        }
        if (command.email() != null && !command.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw RejectedRequestException.badRequest("email is not an e-mail address");
        }
        for (String method : command.methods()) {
            if (!METHODS.contains(method)) {
                throw RejectedRequestException.badRequest("method " + method + " is not a NewebPay MPG method; use "
                        + String.join(", ", new java.util.TreeSet<>(METHODS)));
            }
        }
        if (command.tokenTerm() != null && !command.tokenTerm().matches("[A-Za-z0-9_@.-]{1,20}")) {
            throw RejectedRequestException.badRequest("tokenTerm must be 1 to 20 letters, digits or _@.-");
        }
    }
}
