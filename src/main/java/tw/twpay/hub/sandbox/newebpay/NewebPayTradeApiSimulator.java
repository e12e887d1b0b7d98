package tw.twpay.hub.sandbox.newebpay;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.crypto.ConstantTime;
import tw.twpay.hub.provider.newebpay.NewebPayMerchantKind;

/**
 * The gateway's back-end APIs for card trades, answered as NewebPay answers them (Status/Message/Result JSON, or the
 * flat String form when RespondType asks for it):
 * <ul>
 *   <li>{@code API/QueryTradeInfo} (NPA-B02): CheckValue-signed form, answer with a CheckCode;</li>
 *   <li>{@code API/CreditCard/Cancel} (NPA-B01): cancel an authorisation;</li>
 *   <li>{@code API/CreditCard/Close} (NPA-B031..B034): request a capture (CloseType=1) or refund (CloseType=2),
 *       or cancel one that is still waiting (Cancel=1).</li>
 * </ul>
 * Cancel and Close take {@code MerchantID_} and {@code PostData_} (the encrypted fields). What each request may do
 * to a trade is {@link SimulatedTrade}'s business.
 */
@Component("newebPayTradeApiSimulator")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class NewebPayTradeApiSimulator {

    private static final Logger log = LoggerFactory.getLogger(NewebPayTradeApiSimulator.class);

    static final String UNKNOWN_MERCHANT = "TRA10010";
    static final String BAD_REQUEST = "TRA10001";
    static final String UNDECRYPTABLE = "TRA10002";
    /** 檢查碼CheckValue有錯誤 (NDNF-1.1.9 §5; its TRA10003, used here before, is 金額必須為數字). */
    static final String CHECK_VALUE_MISMATCH = "TRA10054";
    static final String UNKNOWN_TRADE = "TRA10021";
    /** 金額不符 (NDNF-1.1.9 §5): QueryTradeInfo's Amt is not the trade's. */
    static final String AMOUNT_MISMATCH = "TRA10050";

    private static final String QUERY_VERSION = "1.3";
    /** AuthBank of an e-wallet trade (NDNF §4.3.2 註 4). */
    private static final Map<String, String> WALLET_AUTH_BANKS = Map.of("LINEPAY", "Linepay", "ESUNWALLET", "Esun");
    private static final String CANCEL_VERSION = "1.0";
    private static final String CLOSE_VERSION = "1.1";

    private final SandboxMerchants merchants;
    private final SimulatedTrades trades;
    private final Clock clock;

    public NewebPayTradeApiSimulator(SandboxMerchants merchants, SimulatedTrades trades, Clock clock) {
        this.merchants = merchants;
        this.trades = trades;
        this.clock = clock;
    }

    /**
     * QueryTradeInfo. An order the gateway has no trade for is "查無此筆交易" with an empty Result; a trade whose
     * capture or refund is waiting is reported so once and is done from then on (see {@link SimulatedTrade}).
     */
    public String queryTradeInfo(SandboxForm form) {
        String respondType = form.text("RespondType");
        try {
            // NDNP merchants query their mandates' charges the same way
            SandboxMerchant merchant = form.anyMerchant("MerchantID", merchants, UNKNOWN_MERCHANT);
            respondType = GatewayFieldRules.respondType(form, BAD_REQUEST);
            GatewayFieldRules.version(form, QUERY_VERSION, BAD_REQUEST);
            GatewayFieldRules.timeStamp(form, BAD_REQUEST);
            String orderNo = GatewayFieldRules.orderNo(form, "MerchantOrderNo", BAD_REQUEST);
            String amt = form.required("Amt", BAD_REQUEST, "Amt 不可空白 (Amt is missing)");
            requireCheckValue(merchant, form);
            BigDecimal amount = form.wholeAmount("Amt");
            GatewayAnswer answer = trades.byOrderNo(merchant.merchantId(), orderNo, trade -> {
                if (amount == null || trade.amount.compareTo(amount) != 0) {
                    throw new SimulatedGatewayRefusal(AMOUNT_MISMATCH, "金額與交易不符 (Amt " + amt
                            + " is not the amount of order " + orderNo + ")");
                }
                GatewayAnswer found = GatewayAnswer.success("查詢成功", queryResult(merchant, trade));
                trade.completeWaitingRequests(GatewayTime.now(clock).toLocalDate());
                return found;
            }).orElseThrow(() -> new SimulatedGatewayRefusal(UNKNOWN_TRADE, "查無此筆交易"));
            return answer.render(respondType);
        } catch (SimulatedGatewayRefusal refusal) {
            return GatewayAnswer.refused(refusal, Map.of()).render(respondType);
        }
    }

    /** CreditCard/Cancel: 取消授權 of an authorised trade that has no capture, for its whole amount. */
    public String cancelAuthorisation(SandboxForm form) {
        return backEndRequest(form, CANCEL_VERSION, (request) -> {
            GatewayAnswer answer = onTrade(request, trade -> {
                boolean inBankBatch = trade.cancelAuthorisation(request.amount());
                Map<String, Object> result = tradeIdentity(trade, request.amount());
                result.put("CheckCode", trade.checkCode(request.merchant().checkCodes(), request.amount()));
                // NPA-B01: TRA20001 when the cancel must be done by the bank's batch (accepted all the same)
                return inBankBatch
                        ? new GatewayAnswer(SimulatedTrade.CANCEL_IN_BANK_BATCH, "金融機構取消授權批次處理中", result)
                        : GatewayAnswer.success("放棄授權成功", result);
            });
            log.info("NewebPay sandbox: authorisation of order {} cancelled ({})", answer.result().get("MerchantOrderNo"),
                    answer.status());
            return answer;
        });
    }

    /** CreditCard/Close: CloseType 1 capture, 2 refund; Cancel=1 withdraws the waiting one. */
    public String close(SandboxForm form) {
        return backEndRequest(form, CLOSE_VERSION, (request) -> {
            String closeType = request.fields().text("CloseType");
            boolean withdraw = "1".equals(request.fields().text("Cancel"));
            if (!"1".equals(closeType) && !"2".equals(closeType)) {
                throw new SimulatedGatewayRefusal(BAD_REQUEST, "CloseType 設定錯誤 (CloseType must be 1 capture or 2 refund)");
            }
            boolean capture = "1".equals(closeType);
            GatewayAnswer answer = onTrade(request, trade -> {
                String message;
                if (capture && !withdraw) {
                    trade.requestCapture(request.amount());
                    message = "請款資料新增成功";
                } else if (capture) {
                    trade.cancelCapture(request.amount());
                    message = "取消請款成功";
                } else if (!withdraw) {
                    trade.requestRefund(request.amount());
                    message = "退款資料新增成功";
                } else {
                    trade.cancelRefund(request.amount());
                    message = "取消退款成功";
                }
                return GatewayAnswer.success(message, tradeIdentity(trade, request.amount()));
            });
            log.info("NewebPay sandbox: order {}: {}", answer.result().get("MerchantOrderNo"),
                    (withdraw ? "cancel " : "") + (capture ? "capture" : "refund") + " accepted");
            return answer;
        });
    }

    /** Decrypts PostData_, checks the fields every Cancel/Close request carries, and renders the outcome. */
    private String backEndRequest(SandboxForm form, String version, Function<BackEndRequest, GatewayAnswer> action) {
        String respondType = null;
        Map<String, Object> identity = Map.of();
        try {
            SandboxMerchant merchant = form.merchant("MerchantID_", merchants, NewebPayMerchantKind.NDNF, UNKNOWN_MERCHANT);
            SandboxForm fields = form.decrypted("PostData_", merchant, BAD_REQUEST, UNDECRYPTABLE);
            respondType = fields.text("RespondType");
            identity = fields.identity(merchant);
            respondType = GatewayFieldRules.respondType(fields, BAD_REQUEST);
            GatewayFieldRules.version(fields, version, BAD_REQUEST);
            GatewayFieldRules.timeStamp(fields, BAD_REQUEST);
            BigDecimal amount = fields.wholeAmount("Amt");
            if (amount == null) {
                throw new SimulatedGatewayRefusal(BAD_REQUEST, "Amt 設定錯誤 (Amt must be a positive whole number)");
            }
            return action.apply(new BackEndRequest(merchant, fields, amount)).render(respondType);
        } catch (SimulatedGatewayRefusal refusal) {
            log.info("NewebPay sandbox: back-end request refused: {} {}", refusal.status(), refusal.getMessage());
            return GatewayAnswer.refused(refusal, identity).render(respondType);
        }
    }

    /** Finds the trade by IndexType (1 MerchantOrderNo, 2 TradeNo) and acts on it under the store's lock. */
    private GatewayAnswer onTrade(BackEndRequest request, Function<SimulatedTrade, GatewayAnswer> action) {
        String indexType = request.fields().text("IndexType");
        Optional<GatewayAnswer> answer;
        if ("1".equals(indexType)) {
            String orderNo = GatewayFieldRules.orderNo(request.fields(), "MerchantOrderNo", BAD_REQUEST);
            answer = trades.byOrderNo(request.merchant().merchantId(), orderNo, action);
        } else if ("2".equals(indexType)) {
            String tradeNo = request.fields().required("TradeNo", BAD_REQUEST, "TradeNo 不可空白 (TradeNo is missing)");
            answer = trades.byTradeNo(request.merchant().merchantId(), tradeNo, action);
        } else {
            throw new SimulatedGatewayRefusal(BAD_REQUEST,
                    "IndexType 設定錯誤 (IndexType must be 1 MerchantOrderNo or 2 TradeNo)");
        }
        return answer.orElseThrow(() -> new SimulatedGatewayRefusal(UNKNOWN_TRADE, "查無此筆交易"));
    }

    /** CheckValue over Amt, MerchantID and MerchantOrderNo exactly as sent, compared in constant time. */
    private static void requireCheckValue(SandboxMerchant merchant, SandboxForm form) {
        String received = form.required("CheckValue", CHECK_VALUE_MISMATCH, "CheckValue 不可空白 (CheckValue is missing)");
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Amt", form.text("Amt"));
        signed.put("MerchantID", form.text("MerchantID"));
        signed.put("MerchantOrderNo", form.text("MerchantOrderNo"));
        String expected = merchant.checkCodes().checkValue(signed);
        if (!ConstantTime.equals(expected, received.toUpperCase(Locale.ROOT))) {
            throw new SimulatedGatewayRefusal(CHECK_VALUE_MISMATCH, "CheckValue 檢核錯誤 (CheckValue does not match)");
        }
    }

    /**
     * The answer's Result in the order and JSON types of the manual's own example (NDNF §4.3.2): Amt a number,
     * BackBalance and Inst/InstFirst/InstEach strings, ECI and CloseAmt null when there is none.
     */
    private Map<String, Object> queryResult(SandboxMerchant merchant, SimulatedTrade trade) {
        SimulatedIssuer.Authorisation authorisation = trade.authorisation;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("MerchantID", trade.merchantId);
        result.put("Amt", trade.amount);
        result.put("TradeNo", trade.tradeNo);
        result.put("MerchantOrderNo", trade.merchantOrderNo);
        result.put("TradeStatus", trade.status().code);
        result.put("PaymentType", trade.paidWith.paymentType());
        result.put("CreateTime", GatewayTime.dateTime(trade.createTime));
        result.put("PayTime", GatewayTime.dateTime(authorisation.approved() ? trade.createTime : null));
        result.put("FundTime", GatewayTime.date(trade.fundDate()));
        result.put("CheckCode", trade.checkCode(merchant.checkCodes(), trade.amount));
        if (trade.paidWith.wallet()) {
            // 註 4 (e-wallets): CloseStatus/BackStatus 0-4, no BackBalance for LINE Pay; the table types CloseAmt,
            // CloseStatus, BackBalance and BackStatus Int here (String in 註 1 for cards, as the genuine card answer has)
            result.put("RespondCode", authorisation.respondCode());
            result.put("CloseAmt", closeAmount(trade));
            result.put("CloseStatus", Integer.valueOf(trade.capture().code));
            if (!"LINEPAY".equals(trade.paidWith.paymentType())) {
                result.put("BackBalance", trade.backBalance());
            }
            result.put("BackStatus", Integer.valueOf(trade.refund().code));
            if ("LINEPAY".equals(trade.paidWith.paymentType())) {
                // 註 2 (CVS, barcode, LINE Pay, ATM, WebATM; Version 1.3 on): OrderStatus 0 unpaid, 1 paid, 2 failed,
                // 3 cancelled, 6 refunded, 9 paying and awaiting the bank
                result.put("OrderStatus", orderStatus(trade));
            }
            result.put("RespondMsg", authorisation.message());
            result.put("PaymentMethod", trade.paidWith.paymentMethod());
            result.put("AuthBank", WALLET_AUTH_BANKS.getOrDefault(trade.paidWith.paymentType(), ""));
            return result;
        }
        result.put("RespondCode", authorisation.respondCode());
        result.put("Auth", authorisation.authCode());
        result.put("ECI", trade.eci == null || trade.eci.isEmpty() ? null : trade.eci);
        result.put("CloseAmt", closeAmount(trade));
        result.put("CloseStatus", trade.capture().code);
        result.put("BackBalance", trade.backBalance().toPlainString());
        result.put("BackStatus", trade.refund().code);
        result.put("RespondMsg", authorisation.message());
        result.putAll(NewebPayGatewaySimulator.installments(trade));
        result.put("PaymentMethod", trade.paidWith.paymentMethod());
        result.put("Card6No", trade.card.bin6());
        result.put("Card4No", trade.card.last4());
        result.put("AuthBank", NewebPayGatewaySimulator.AUTH_BANK);
        return result;
    }

    /** 註 2's OrderStatus (Int(1)) of a trade as the simulator keeps it; 9 never occurs (the bank answers at once). */
    private static int orderStatus(SimulatedTrade trade) {
        return switch (trade.status()) {
            case PAID -> 1;
            case FAILED -> 2;
            case CANCELLED -> 3;
            case REFUNDED -> 6;
        };
    }

    /** CloseAmt: null while no capture was asked for (the manual's example), else the amount asked for. */
    private static BigDecimal closeAmount(SimulatedTrade trade) {
        return trade.capture() == SimulatedTrade.Request.NONE ? null : trade.captureAmount();
    }

    private static Map<String, Object> tradeIdentity(SimulatedTrade trade, BigDecimal amount) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("MerchantID", trade.merchantId);
        result.put("Amt", amount);
        result.put("TradeNo", trade.tradeNo);
        result.put("MerchantOrderNo", trade.merchantOrderNo);
        return result;
    }

    private record BackEndRequest(SandboxMerchant merchant, SandboxForm fields, BigDecimal amount) {
    }
}
