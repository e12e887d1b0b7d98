package tw.twpay.hub.provider.flashpay;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.CreatePaymentCommand;
import tw.twpay.hub.api.ProviderFields;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.SharedGatewayMerchants;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.FormPost;
import tw.twpay.hub.provider.LocalOperation;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * One-off card payments through FlashPay's page: the sealed form (ver, mid, dat, key, chk) the customer's browser
 * posts to {@code trade.php} (tx_type 101, pay_type 1 = card, cur NTD), and the PENDING fact journalled for it. The
 * result comes to the notify (return_url); the browser is sent on to client_url, which never changes state.
 *
 * <p>FlashPay-only request fields, read from the request body: {@code installments} (0, 3, 6, 12, 18, 24),
 * {@code redeem} (true: pay with bank reward points), {@code phone} (the cardholder's mobile, 10 digits) and
 * {@code returnUrl} (the ERP's page the browser returns to; default the hub's thank-you page).
 */
@Component("flashPayPayments")
public class FlashPayPayments implements LocalOperation<CreatePaymentCommand> {

    static final int TX_TYPE_TRADE = 101;
    static final int PAY_TYPE_CARD = 1;
    static final String CURRENCY = "NTD";
    static final String METHOD = "CREDIT";
    private static final Set<Integer> INSTALMENTS = Set.of(0, 3, 6, 12, 18, 24);
    private static final DateTimeFormatter ORDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final FlashPayMerchants merchants;
    private final CommandLedger ledger;
    private final Clock clock;
    private final FlashPayCallbackUrls callbackUrls;
    private final SharedGatewayMerchants sharedMerchants;

    public FlashPayPayments(FlashPayMerchants merchants, CommandLedger ledger, Clock clock,
                            FlashPayCallbackUrls callbackUrls, SharedGatewayMerchants sharedMerchants) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.clock = clock;
        this.callbackUrls = callbackUrls;
        this.sharedMerchants = sharedMerchants;
    }

    @Override
    public CommandResult prepare(CreatePaymentCommand command) {
        FlashPayMerchant merchant = merchants.require(command.merchant());
        validate(command);
        ProviderFields fields = command.fields();
        int instalments = fields.integer("installments").orElse(0);
        if (!INSTALMENTS.contains(instalments)) {
            throw RejectedRequestException.badRequest("installments must be one of 0, 3, 6, 12, 18, 24 (FlashPay install_period)");
        }
        boolean redeem = fields.bool("redeem").orElse(false);
        String phone = fields.text("phone");
        if (phone != null && !phone.matches("09\\d{8}")) {
            throw RejectedRequestException.badRequest("phone must be a Taiwan mobile number of 10 digits, 09xxxxxxxx");
        }
        String clientUrl = fields.text("returnUrl");
        if (clientUrl == null) {
            clientUrl = callbackUrls.browserReturn(merchant);
        } else {
            requireWebUrl(clientUrl);
        }
        ledger.requireNewOrSamePendingOrder(command.provider(), merchant.alias(), command.orderNo(),
                command.amount());
        // another store of the mer_id with this ord_no: FlashPay would refuse this trade, and 107 report that one
        sharedMerchants.requireNumberFree(command.provider(), merchants.sharingMerId(merchant.alias()),
                command.orderNo(), "the same FlashPay merchant (mer_id " + merchant.merchantId()
                        + "), which takes one order per ord_no");

        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, Object> trade = new LinkedHashMap<>();
        trade.put("mer_id", merchant.merchantId());
        trade.put("stage_id", "");
        trade.put("sto_id", merchant.stoId());
        trade.put("ord_no", command.orderNo());
        trade.put("ord_time", now.atZoneSameInstant(FlashPay.TAIPEI).format(ORDER_TIME));
        trade.put("tx_type", TX_TYPE_TRADE);
        trade.put("pay_type", PAY_TYPE_CARD);
        trade.put("amt", command.amount().value().toBigIntegerExact());
        trade.put("cur", CURRENCY);
        trade.put("order_desc", command.description());
        if (instalments > 0) {
            trade.put("install_period", instalments);
        }
        if (redeem) {
            trade.put("use_redeem", "1");
        }
        if (phone != null) {
            trade.put("cell_phone_no", phone);
        }
        trade.put("return_url", callbackUrls.notify(merchant));
        trade.put("client_url", clientUrl);
        FormPost form = FormPost.of(merchant.tradeUrl(),
                FlashPayRequests.envelope(merchant, FlashPayRequests.json(trade)));

        PaymentEvent pending = new PaymentEvent(FlashPay.CODE, merchant.alias(), merchant.merchantId(),
                command.orderNo(), null, PaymentStatus.PENDING, command.amount(), METHOD, null, null, now, now,
                EventSource.COMMAND, null, null, command.description(), null, null);
        LedgerFact fact = new LedgerFact(LedgerFact.key(FlashPay.CODE, merchant.alias(), command.orderNo(), "create",
                command.amount().text()), pending, null);
        return new CommandResult(command.provider(), merchant.alias(), command.orderNo(), List.of(fact), form);
    }

    private static void validate(CreatePaymentCommand command) {
        if (!FlashPay.isOrderNo(command.orderNo())) {
            throw RejectedRequestException.badRequest(
                    "orderNo must be 1 to 32 letters or digits, no symbols (FlashPay ord_no)");
        }
        if (!"TWD".equals(command.amount().currency())) {
            throw RejectedRequestException.badRequest("FlashPay takes TWD (NTD) only");
        }
        BigDecimal value = command.amount().value();
        if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0) {
            throw RejectedRequestException.badRequest("amount must be a whole number of TWD above zero");
        }
        if (command.description().length() > 256) {
            throw RejectedRequestException.badRequest("description must be at most 256 characters (FlashPay order_desc)");
        }
        if (command.description().indexOf('<') >= 0 || command.description().indexOf('>') >= 0) {
            throw RejectedRequestException.badRequest("description must not contain HTML (FlashPay order_desc)");
        }
        if (!command.methods().isEmpty() && !command.methods().equals(List.of(METHOD))) {
            throw RejectedRequestException.badRequest("FlashPay offers method CREDIT only");
        }
        if (command.tokenTerm() != null) {
            throw RejectedRequestException.badRequest("tokenTerm: FlashPay does not store cards");
        }
    }

    private static void requireWebUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || url.length() > 256) {
                throw RejectedRequestException.badRequest("returnUrl must be an absolute http(s) URL of at most 256 characters");
            }
        } catch (URISyntaxException e) {
            throw RejectedRequestException.badRequest("returnUrl is not a URL");
        }
    }
}
