package tw.twpay.hub.sandbox.newebpay;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.newebpay.NewebPayDecodeException;
import tw.twpay.hub.provider.newebpay.NewebPayFormEncoding;
import tw.twpay.hub.provider.newebpay.NewebPayMerchantKind;
import tw.twpay.hub.provider.newebpay.SealedTradeInfo;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * {@code MPG/mpg_gateway}: the page the shop's form sends the customer to. The simulated customer pays at once, by
 * card (UnionPay, installments, redemption) or e-wallet as {@link SandboxPaymentChoice} says; the result is posted
 * to the NotifyURL (form Status, MerchantID, Version, TradeInfo, TradeSha, as NewebPay does) and shown to the browser, which carries the same fields on to the ReturnURL.
 *
 * <p>The request must be what the gateway accepts: a sandbox merchant's MerchantID, a TradeSha over the TradeInfo,
 * and inside it the MPG fields (MerchantOrderNo, Amt, ItemDesc, TimeStamp, RespondType, Version 2.x); a form that
 * enables no payment method lets the customer choose among the merchant's (see {@link SandboxPaymentChoice}), as the
 * manual's own example does. RespondType String makes the notify's TradeInfo the flat form text
 * {@code Status=..&Message=..&MerchantID=..}, JSON the JSON envelope. Refused requests get an error page and no notify.
 */
@Component("newebPayGatewaySimulator")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class NewebPayGatewaySimulator {

    private static final Logger log = LoggerFactory.getLogger(NewebPayGatewaySimulator.class);

    /** The Version of the notify form. */
    static final String NOTIFY_VERSION = "2.0";
    static final String ESCROW_BANK = "HNCB";
    static final String AUTH_BANK = "KGI";
    static final String CREDIT = "CREDIT";
    /** 驗證資料錯誤: fields that are there but do not fit together. */
    private static final String INVALID_DATA = "MPG02005";
    /** The IP the gateway reports the customer paid from. */
    private static final String CUSTOMER_IP = "127.0.0.1";

    private final SandboxMerchants merchants;
    private final SimulatedTrades trades;
    private final SimulatedCallbackSender callbacks;
    private final Clock clock;

    public NewebPayGatewaySimulator(SandboxMerchants merchants, SimulatedTrades trades,
                                    SimulatedCallbackSender callbacks, Clock clock) {
        this.merchants = merchants;
        this.trades = trades;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /** The MPG form post: pays, notifies, and answers the browser with the result page. */
    public String mpgGateway(SandboxForm form) {
        try {
            SandboxMerchant merchant = merchantOf(form.required("MerchantID", "MPG01009",
                    "商店代號不可空白 (MerchantID is missing)"));
            SandboxForm request = decrypt(merchant, form);
            SandboxCard card = SandboxCard.chosenIn(form, GatewayTime.now(clock).toLocalDate(), INVALID_DATA);
            MpgPayment payment = pay(merchant, form, request, card);
            return resultPage(payment);
        } catch (SimulatedGatewayRefusal refusal) {
            log.info("NewebPay sandbox: MPG request refused: {} {}", refusal.status(), refusal.getMessage());
            return SandboxResultPage.error(refusal.status(), refusal.getMessage());
        }
    }

    /**
     * Records a paid card trade without posting a notify, as when the gateway's NotifyURL call is lost: only
     * QueryTradeInfo (the hub's missed-notify job) can then learn about it.
     *
     * @param merchantId the sandbox merchant's MerchantID (not the hub's alias)
     * @return the trade's TradeNo
     * @throws RejectedRequestException 404 when no sandbox NDNF merchant has the MerchantID, 409 when the order was
     *                                  paid already, 400 when the order number or amount is not one the gateway takes
     */
    public String payWithoutNotify(String merchantId, String orderNo, BigDecimal amount) {
        SandboxMerchant merchant = merchants.find(merchantId, NewebPayMerchantKind.NDNF)
                .orElseThrow(() -> RejectedRequestException.notFound("no sandbox NDNF merchant has MerchantID " + merchantId));
        if (orderNo == null || !orderNo.matches("[A-Za-z0-9_]{1,30}")) {
            throw RejectedRequestException.badRequest("orderNo allows at most 30 letters, digits and underscores");
        }
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 0) {
            throw RejectedRequestException.badRequest("amt must be a positive whole number of TWD");
        }
        LocalDateTime now = GatewayTime.now(clock);
        SimulatedTrade trade = new SimulatedTrade(merchant.merchantId(), orderNo, SimulatedReferenceNumbers.tradeNo(now),
                amount.setScale(0), SandboxCard.chosenIn(new SandboxForm(Map.of()), now.toLocalDate(), INVALID_DATA),
                new SimulatedIssuer.Authorisation(true, GatewayAnswer.SUCCESS, "授權成功", "00",
                        SimulatedReferenceNumbers.authCode()), "", null, now);
        try {
            trades.record(trade);
        } catch (SimulatedGatewayRefusal refusal) {
            throw new RejectedRequestException(409, refusal.getMessage());
        }
        log.info("NewebPay sandbox: order {} of {} paid without notify (trade {})", orderNo, merchant.alias(), trade.tradeNo);
        return trade.tradeNo;
    }

    /** {@code control/pay-silently}: {@link #payWithoutNotify} over HTTP, form merchantId, orderNo, amt. */
    public String paySilently(SandboxForm form) {
        String merchantId = form.text("merchantId");
        String orderNo = form.text("orderNo");
        BigDecimal amount = form.wholeAmount("amt");
        if (merchantId == null || orderNo == null || amount == null) {
            throw RejectedRequestException.badRequest(
                    "form fields merchantId, orderNo and amt (a positive whole number) are required");
        }
        String tradeNo = payWithoutNotify(merchantId, orderNo, amount);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("merchantId", merchantId);
        answer.put("orderNo", orderNo);
        answer.put("tradeNo", tradeNo);
        answer.put("amt", amount);
        answer.put("tradeStatus", SimulatedTrade.TradeStatus.PAID.code);
        answer.put("notified", false);
        return GatewayAnswer.write(answer);
    }

    private SandboxMerchant merchantOf(String merchantId) {
        return merchants.find(merchantId, NewebPayMerchantKind.NDNF)
                .orElseThrow(() -> new SimulatedGatewayRefusal("MPG03007",
                        "查無此商店代號 (no sandbox NDNF merchant has this MerchantID)"));
    }

    /** Verifies TradeSha first, as the gateway does, then decrypts the URL-encoded MPG fields. */
    private static SandboxForm decrypt(SandboxMerchant merchant, SandboxForm form) {
        String tradeInfo = form.required("TradeInfo", "MPG01016", "TradeInfo 不可空白 (TradeInfo is missing)");
        String tradeSha = form.required("TradeSha", "MPG01016", "TradeSha 不可空白 (TradeSha is missing)");
        if (!merchant.codec().tradeShaMatches(tradeInfo, tradeSha)) {
            throw new SimulatedGatewayRefusal("MPG02001", "檢查碼錯誤 (TradeSha does not match TradeInfo)");
        }
        requireMpgVersion(form);
        SandboxForm request;
        try {
            request = new SandboxForm(NewebPayFormEncoding.decode(merchant.codec().decryptText(tradeInfo)));
        } catch (NewebPayDecodeException e) {
            throw new SimulatedGatewayRefusal("MPG03001", "TradeInfo 解密失敗 (" + e.getMessage() + ")");
        }
        if (!merchant.merchantId().equals(request.text("MerchantID"))) {
            throw new SimulatedGatewayRefusal(INVALID_DATA,
                    "TradeInfo 的商店代號與表單不符 (MerchantID inside TradeInfo is not the form's MerchantID)");
        }
        requireMpgVersion(request);
        return request;
    }

    private static void requireMpgVersion(SandboxForm fields) {
        String version = fields.text("Version");
        if (version == null || !version.matches("2\\.\\d")) {
            throw new SimulatedGatewayRefusal("MPG01010", "程式版本設定錯誤 (Version must be 2.x, e.g. 2.0)");
        }
    }

    private MpgPayment pay(SandboxMerchant merchant, SandboxForm form, SandboxForm request, SandboxCard card) {
        String respondType = GatewayFieldRules.respondType(request, "MPG01011");
        GatewayFieldRules.timeStamp(request, "MPG01002");
        String orderNo = GatewayFieldRules.orderNo(request, "MerchantOrderNo", "MPG01012");
        BigDecimal amount = request.wholeAmount("Amt");
        if (amount == null) {
            throw new SimulatedGatewayRefusal("MPG01015", "訂單金額設定錯誤 (Amt must be a positive whole number)");
        }
        request.required("ItemDesc", "MPG01017", "商品資訊不可空白 (ItemDesc is missing)");
        String email = request.text("Email");
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new SimulatedGatewayRefusal("MPG01013", "付款人電子信箱設定錯誤 (Email is not an e-mail address)");
        }
        URI notifyUrl = GatewayFieldRules.optionalUrl(request, "NotifyURL", "MPG01014");
        URI returnUrl = GatewayFieldRules.optionalUrl(request, "ReturnURL", "MPG01014");
        SimulatedPayment paidWith = SandboxPaymentChoice.chosenIn(form, request);

        LocalDateTime now = GatewayTime.now(clock);
        SimulatedIssuer.Authorisation authorisation = paidWith.wallet()
                ? SimulatedIssuer.payByWallet(amount) : SimulatedIssuer.authorise(amount, card, true);
        boolean byCard = !paidWith.wallet();
        // a token for back-end charges only with CREDITAGREEMENT=1 and a TokenTerm; TokenTerm alone is quick checkout
        boolean bindsToken = byCard && authorisation.approved() && request.text("TokenTerm") != null
                && "1".equals(request.text("CREDITAGREEMENT"));
        boolean quickCheckout = byCard && authorisation.approved() && request.text("TokenTerm") != null;
        // P3D=1 asks for 3-D Secure: a Visa card then authenticates with ECI 05
        String eci = byCard && authorisation.approved() && "1".equals(request.text("P3D")) ? "05" : "";
        SimulatedTrade trade = new SimulatedTrade(merchant.merchantId(), orderNo, SimulatedReferenceNumbers.tradeNo(now),
                amount, card, authorisation, eci, bindsToken ? SimulatedReferenceNumbers.tokenValue() : null, now,
                paidWith);
        trades.record(trade);

        GatewayAnswer result = notifyResult(trade, respondType, quickCheckout);
        SealedTradeInfo sealed = merchant.codec().sealText(result.render(respondType));
        Map<String, String> notifyForm = new LinkedHashMap<>();
        notifyForm.put("Status", result.status());
        notifyForm.put("MerchantID", merchant.merchantId());
        notifyForm.put("Version", NOTIFY_VERSION);
        notifyForm.put("TradeInfo", sealed.tradeInfo());
        notifyForm.put("TradeSha", sealed.tradeSha());
        log.info("NewebPay sandbox: order {} of {} {} (trade {}, {})", orderNo, merchant.alias(),
                authorisation.approved() ? "authorised" : "refused", trade.tradeNo, authorisation.status());
        if (notifyUrl != null) {
            // the notify is delivered before the browser gets its page, so a walk-through sees the result at once
            callbacks.post(notifyUrl, notifyForm, "notify of order " + orderNo);
        }
        return new MpgPayment(trade, result, returnUrl, notifyForm);
    }

    /** The NotifyURL/ReturnURL result, field for field as the gateway writes a credit card result. */
    private static GatewayAnswer notifyResult(SimulatedTrade trade, String respondType, boolean quickCheckout) {
        SimulatedIssuer.Authorisation authorisation = trade.authorisation;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("MerchantID", trade.merchantId);
        result.put("Amt", trade.amount);
        result.put("TradeNo", trade.tradeNo);
        result.put("MerchantOrderNo", trade.merchantOrderNo);
        result.put("RespondType", respondType);
        result.put("IP", CUSTOMER_IP);
        result.put("EscrowBank", ESCROW_BANK);
        result.put("PaymentType", trade.paidWith.paymentType());
        result.put("PayTime", GatewayTime.dateTime(trade.createTime));
        if (trade.paidWith.wallet()) {
            walletResult(trade, result);
            return new GatewayAnswer(authorisation.status(), authorisation.message(), result);
        }
        result.put("RespondCode", authorisation.respondCode());
        result.put("Auth", authorisation.authCode());
        result.put("Card6No", trade.card.bin6());
        result.put("Card4No", trade.card.last4());
        result.put("Exp", trade.card.expiry());
        result.put("AuthBank", AUTH_BANK);
        // quick checkout (快速結帳) set up for the TokenTerm: 1; the sandbox does not simulate its later use (2)
        result.put("TokenUseStatus", quickCheckout ? 1 : 0);
        if (trade.tokenValue != null) {
            result.put("TokenValue", trade.tokenValue);
        }
        result.putAll(installments(trade));
        if (trade.paidWith.redeemed() && authorisation.approved()) {
            // 紅利折抵後實際金額: the simulated bank redeems points worth a tenth of the order
            result.put("RedAmt", trade.amount.subtract(trade.amount.divideToIntegralValue(BigDecimal.TEN)));
        }
        result.put("ECI", trade.eci);
        result.put("PaymentMethod", trade.paidWith.paymentMethod());
        return new GatewayAnswer(authorisation.status(), authorisation.message(), result);
    }

    /**
     * Inst, InstFirst, InstEach as the notify and QueryTradeInfo write them ("0" for a payment in one go): strings,
     * as in the manual's QueryTradeInfo example, the one genuine answer that shows them.
     */
    static Map<String, Object> installments(SimulatedTrade trade) {
        int inst = trade.paidWith.inst();
        BigDecimal each = inst == 0 ? BigDecimal.ZERO : trade.amount.divideToIntegralValue(BigDecimal.valueOf(inst));
        BigDecimal first = inst == 0 ? BigDecimal.ZERO : trade.amount.subtract(each.multiply(BigDecimal.valueOf(inst - 1)));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Inst", Integer.toString(inst));
        fields.put("InstFirst", first.toPlainString());
        fields.put("InstEach", each.toPlainString());
        return fields;
    }

    /** The e-wallet fields of a notify (NDNF §4.2.2): PayAmt for 玉山 Wallet and 台灣 Pay, ChannelID for ezPay/TWQR. */
    private static void walletResult(SimulatedTrade trade, Map<String, Object> result) {
        String type = trade.paidWith.paymentType();
        if (type.equals("ESUNWALLET") || type.equals("TAIWANPAY")) {
            result.put("PayAmt", trade.amount);
        }
        switch (type) {
            case "EZPALIPAY" -> result.put("ChannelID", "ALIPAY");
            case "EZPWECHAT" -> result.put("ChannelID", "WECHATPAY");
            case "TWQR" -> result.put("ChannelID", "TWQR");
            default -> {
            }
        }
        if (result.containsKey("ChannelID")) {
            result.put("ChannelNo", trade.tradeNo);
        }
    }

    private static String resultPage(MpgPayment payment) {
        SimulatedTrade trade = payment.trade();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("MerchantOrderNo", trade.merchantOrderNo);
        details.put("TradeNo", trade.tradeNo);
        details.put("Amt", trade.amount.toPlainString());
        details.put(trade.paidWith.wallet() ? "Wallet" : "Card",
                trade.paidWith.wallet() ? trade.paidWith.paymentType() : trade.card.masked());
        return SandboxResultPage.result(payment.result().isSuccess() ? "付款完成 (paid)" : "付款失敗 (payment failed)",
                payment.result().status(), payment.result().message(), details, payment.returnUrl(), payment.returnForm());
    }

    private record MpgPayment(SimulatedTrade trade, GatewayAnswer result, URI returnUrl, Map<String, String> returnForm) {
    }
}
