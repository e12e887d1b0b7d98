package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.CreatePaymentCommand;
import tw.twpay.hub.api.ProviderFields;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Pay by Prime ({@code POST /api/v1/payments} with {@code "provider":"tappay"}). Every check is made before the call;
 * the order is claimed with its deterministic {@code bank_transaction_id} and journalled PENDING before TapPay is
 * asked, so a lost answer is found again by Record instead of paying twice. 3-D Secure and wallets answer a
 * REDIRECT to TapPay's {@code payment_url}; the order stays PENDING until TapPay confirms.
 */
@Component("tapPayPrimePayments")
public class TapPayPrimePayments implements GatewayOperation<CreatePaymentCommand> {

    private final TapPayMerchants merchants;
    private final TapPayOrderClaims claims;
    private final TapPayCallbackUrls callbackUrls;
    private final TapPayCardVault vault;
    private final TapPayPaymentAnswers answers;

    public TapPayPrimePayments(TapPayMerchants merchants, TapPayOrderClaims claims, TapPayCallbackUrls callbackUrls,
                               TapPayCardVault vault, TapPayPaymentAnswers answers) {
        this.merchants = merchants;
        this.claims = claims;
        this.callbackUrls = callbackUrls;
        this.vault = vault;
        this.answers = answers;
    }

    /** What the request remembers for reading the answer. */
    record Attempt(CreatePaymentCommand command, TapPayTrades.Trade trade, long wireAmount, int delayCaptureInDays,
                   boolean remember) {
    }

    @Override
    public GatewayRequest request(CreatePaymentCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        ProviderFields fields = command.fields();
        TapPayOrders.requireOrderNo(command.orderNo());
        refuseWhatTapPayHasNoPlaceFor(command);
        Money amount = command.amount();
        TapPayOrders.requireCurrency(merchant, amount);
        long wireAmount = TapPayAmounts.toWire(amount);
        String prime = fields.requiredText("prime");
        if (prime.length() > 128 || !prime.matches("[A-Za-z0-9_]+")) {
            throw RejectedRequestException.badRequest("prime must be the string TapPay's front-end SDK returned");
        }
        String details = TapPayOrders.details(fields, command.description());
        ObjectNode cardholder = cardholder(fields.object("cardholder"));
        int delay = TapPayOrders.captureDelay(fields.text("capture"));
        boolean threeDS = fields.bool("threeDS").orElse(false);
        boolean remember = fields.bool("remember").orElse(false);
        // "installments", as for the other providers; "instalment", its name before, is still read
        if (fields.has("installments") && fields.has("instalment")) {
            throw RejectedRequestException.badRequest("give installments only (instalment is its deprecated name)");
        }
        String instalmentField = fields.has("instalment") ? "instalment" : "installments";
        Integer instalment = fields.integer(instalmentField).orElse(null);
        if (instalment != null && (instalment < 0 || instalment > 36)) {
            throw RejectedRequestException.badRequest(instalmentField + " must be 0 to 36");
        }
        String returnUrl = fields.text("returnUrl");
        TapPayRequests.ResultUrl resultUrl = null;
        if (threeDS || returnUrl != null) {
            if (!merchant.backendNotify()) {
                throw RejectedRequestException.badRequest("TapPay merchant '" + merchant.alias()
                        + "' is not set up for redirect flows (backend-notify); threeDS and returnUrl need it");
            }
            // TapPay's frontend_redirect_url "must start with https": anything else would be refused by TapPay
            // after the order number is spent
            if (returnUrl == null || !returnUrl.matches("https://\\S{1,500}") || !isWebAddress(returnUrl)) {
                throw RejectedRequestException.badRequest("returnUrl (where TapPay sends the customer after 3-D"
                        + " Secure or a wallet) must be an https:// URL: TapPay takes no other");
            }
            String goBackUrl = fields.text("goBackUrl");
            if (goBackUrl != null && (!goBackUrl.matches("https?://\\S{1,500}") || !isWebAddress(goBackUrl))) {
                throw RejectedRequestException.badRequest("goBackUrl must be an http(s) URL");
            }
            resultUrl = new TapPayRequests.ResultUrl(returnUrl, callbackUrls.backendNotify(merchant), goBackUrl);
        }
        if (remember) {
            vault.requireAvailable();
        }
        TapPayTrades.Trade trade = claims.claim(merchant, command.orderNo());

        ObjectNode body = TapPayRequests.payByPrime(new TapPayRequests.PrimePayment(prime, merchant.merchantId(),
                merchant.merchantGroupId(), wireAmount, amount.currency(), command.orderNo(),
                trade.bankTransactionId(), details, cardholder, instalment, delay, remember ? Boolean.TRUE : null,
                threeDS ? Boolean.TRUE : null, resultUrl), merchant.partnerKey());
        LedgerFact intent = answers.intent(merchant, command.orderNo(), amount, trade, "Pay by Prime");
        return TapPayRequests.call(merchant, TapPayPaths.PAY_BY_PRIME, body,
                        new Attempt(command, trade, wireAmount, delay, remember))
                .withIntent(List.of(intent));
    }

    /** Canonical fields a Pay by Prime cannot carry: refused, so that the ERP does not believe them taken. */
    private static void refuseWhatTapPayHasNoPlaceFor(CreatePaymentCommand command) {
        if (!command.methods().isEmpty()) {
            throw RejectedRequestException.badRequest("methods: a TapPay payment is paid with whatever its prime holds"
                    + " (a card or a wallet); leave methods out");
        }
        if (command.tokenTerm() != null) {
            throw RejectedRequestException.badRequest("tokenTerm: TapPay stores the card with \"remember\":true and"
                    + " answers its cardRef");
        }
        if (command.email() != null) {
            throw RejectedRequestException.badRequest("email: TapPay takes the cardholder's e-mail as cardholder.email");
        }
    }

    /**
     * TapPay's cardholder from the ERP's {@code cardholder}: phone, name and email are required by TapPay; the other
     * fields are sent empty when not given, as TapPay's documents ask.
     */
    static ObjectNode cardholder(ProviderFields holder) {
        ObjectNode cardholder = TapPayJson.object();
        String phone = holder.requiredText("phone");
        if (!phone.matches("(\\+[1-9]\\d{7,14}|09\\d{8})")) {
            throw RejectedRequestException.badRequest("cardholder.phone must be E.164 (+886912345678) or 09xxxxxxxx");
        }
        cardholder.put("phone_number", phone);
        cardholder.put("name", limited(holder, "name", 40, true));
        cardholder.put("email", limited(holder, "email", 40, true));
        cardholder.put("zip_code", limited(holder, "zipCode", 40, false));
        cardholder.put("address", limited(holder, "address", 90, false));
        cardholder.put("national_id", limited(holder, "nationalId", 40, false));
        String memberId = limited(holder, "memberId", 64, false);
        if (!memberId.isEmpty()) {
            cardholder.put("member_id", memberId);
        }
        return cardholder;
    }

    private static String limited(ProviderFields holder, String field, int max, boolean required) {
        String value = required ? holder.requiredText(field) : holder.text(field);
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw RejectedRequestException.badRequest("cardholder." + field + " must be at most " + max + " characters");
        }
        return value;
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        Attempt attempt = call.context(Attempt.class);
        CreatePaymentCommand command = attempt.command();
        return answers.read(merchants.require(command.merchant()), new TapPayPaymentAnswers.Sent(command.orderNo(),
                command.amount(), attempt.trade(), attempt.wireAmount(), attempt.delayCaptureInDays(),
                attempt.remember()), call);
    }


    /**
     * An address a browser can be sent to: a valid URI with a host. An https:// prefix alone let markup, quotes and
     * hostless addresses through to TapPay, which would send the customer nowhere (or refuse the payment after the
     * order number was spent).
     */
    private static boolean isWebAddress(String url) {
        try {
            return new URI(url).getHost() != null;
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }
}
