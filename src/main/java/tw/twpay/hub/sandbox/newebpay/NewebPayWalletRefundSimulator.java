package tw.twpay.hub.sandbox.newebpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.newebpay.NewebPayDecodeException;
import tw.twpay.hub.provider.newebpay.NewebPayMerchantKind;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * {@code API/EWallet/refund} (NPA-B06, NDNF §4.6): refunds of e-wallet trades (LINE Pay, 玉山 Wallet, 台灣 Pay, TWQR,
 * ezPay Alipay/WeChat). The request is UID_, Version_, RespondType_, EncryptData_ (the JSON MerchantOrderNo, Amount,
 * TimeStamp, PaymentType, AES-256-CBC) and HashData_ (the TradeSha formula over EncryptData_); the answer is Status
 * {@code 1000} with EncryptData (TradeNo, BankMessage, BankCode, MerchantOrderNo, RefundAmount, RefundDate) and its
 * HashData, UID, Version 1.0, as the manual's example. The refund waits for the bank until the next QueryTradeInfo
 * (BackStatus 1, then 3, or 4 after {@code control/fail-next-batch}).
 */
@Component("newebPayWalletRefundSimulator")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class NewebPayWalletRefundSimulator {

    private static final Logger log = LoggerFactory.getLogger(NewebPayWalletRefundSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String REFUNDED = "1000";
    /** The manual's table says 1.1, its form example 1.0: both are taken. */
    private static final java.util.Set<String> VERSIONS = java.util.Set.of("1.0", "1.1");
    private static final String ANSWER_VERSION = "1.0";

    private final SandboxMerchants merchants;
    private final SimulatedTrades trades;
    private final Clock clock;

    public NewebPayWalletRefundSimulator(SandboxMerchants merchants, SimulatedTrades trades, Clock clock) {
        this.merchants = merchants;
        this.trades = trades;
        this.clock = clock;
    }

    public String refund(SandboxForm form) {
        String merchantId = form.text("UID_");
        try {
            SandboxMerchant merchant = form.merchant("UID_", merchants, NewebPayMerchantKind.NDNF,
                    NewebPayTradeApiSimulator.UNKNOWN_MERCHANT);
            String version = form.text("Version_");
            if (version == null || !VERSIONS.contains(version)) {
                throw new SimulatedGatewayRefusal(NewebPayTradeApiSimulator.BAD_REQUEST,
                        "Version_ 設定錯誤 (Version_ must be 1.1)");
            }
            String encrypted = form.required("EncryptData_", NewebPayTradeApiSimulator.BAD_REQUEST,
                    "EncryptData_ 不可空白 (EncryptData_ is missing)");
            if (!merchant.codec().tradeShaMatches(encrypted, form.text("HashData_"))) {
                // 4103 HashData_資料檢查不符合: the e-wallet refund API's own code (NDNF-1.1.9 §5)
                throw new SimulatedGatewayRefusal("4103",
                        "HashData_ 檢核錯誤 (HashData_ does not match EncryptData_)");
            }
            SandboxForm fields = fields(merchant, encrypted);
            GatewayFieldRules.timeStamp(fields, NewebPayTradeApiSimulator.BAD_REQUEST);
            String orderNo = GatewayFieldRules.orderNo(fields, "MerchantOrderNo", NewebPayTradeApiSimulator.BAD_REQUEST);
            BigDecimal amount = fields.wholeAmount("Amount");
            if (amount == null) {
                throw new SimulatedGatewayRefusal(NewebPayTradeApiSimulator.BAD_REQUEST,
                        "Amount 設定錯誤 (Amount must be a positive whole number)");
            }
            String paymentType = fields.required("PaymentType", NewebPayTradeApiSimulator.BAD_REQUEST,
                    "PaymentType 不可空白 (PaymentType is missing)");
            Map<String, Object> refunded = trades.byOrderNo(merchant.merchantId(), orderNo, trade -> {
                trade.requestWalletRefund(amount, paymentType);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("TradeNo", trade.tradeNo);
                result.put("BankMessage", "");
                result.put("BankCode", "");
                result.put("MerchantOrderNo", orderNo);
                // NDNF-1.1.9 §4.6.2: RefundAmount Int(10), a number (the manual's own answer example cannot be
                // decrypted: its keys are not published)
                result.put("RefundAmount", amount);
                result.put("RefundDate", GatewayTime.dateTime(GatewayTime.now(clock)));
                return result;
            }).orElseThrow(() -> new SimulatedGatewayRefusal(NewebPayTradeApiSimulator.UNKNOWN_TRADE, "查無此筆交易"));
            String answerData = merchant.codec().encryptText(GatewayAnswer.write(refunded));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("Status", REFUNDED);
            answer.put("Message", "退款申請完成");
            answer.put("EncryptData", answerData);
            answer.put("HashData", merchant.codec().tradeSha(answerData));
            answer.put("UID", merchant.merchantId());
            answer.put("Version", ANSWER_VERSION);
            answer.put("Encoding", "");
            log.info("NewebPay sandbox: e-wallet refund of {} for order {} accepted", amount, orderNo);
            return GatewayAnswer.write(answer);
        } catch (SimulatedGatewayRefusal refusal) {
            log.info("NewebPay sandbox: e-wallet refund refused: {} {}", refusal.status(), refusal.getMessage());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("Status", refusal.status());
            answer.put("Message", refusal.getMessage());
            answer.put("UID", merchantId == null ? "" : merchantId);
            answer.put("Version", ANSWER_VERSION);
            return GatewayAnswer.write(answer);
        }
    }

    /**
     * {@code control/fail-next-batch} (form merchantId, orderNo): the bank's next batch fails the e-wallet trade's
     * waiting capture or refund, which QueryTradeInfo then reports as CloseStatus/BackStatus 4.
     */
    public String failNextBatch(SandboxForm form) {
        String merchantId = form.text("merchantId");
        String orderNo = form.text("orderNo");
        if (merchantId == null || orderNo == null) {
            throw RejectedRequestException.badRequest("form fields merchantId and orderNo are required");
        }
        try {
            trades.byOrderNo(merchantId, orderNo, trade -> {
                trade.failNextBatch();
                return Boolean.TRUE;
            }).orElseThrow(() -> RejectedRequestException.notFound("the sandbox has no trade " + orderNo));
        } catch (SimulatedGatewayRefusal refusal) {
            throw new RejectedRequestException(409, refusal.getMessage());
        }
        return GatewayAnswer.write(Map.of("merchantId", merchantId, "orderNo", orderNo, "nextBatchFails", true));
    }

    private static SandboxForm fields(SandboxMerchant merchant, String encrypted) {
        JsonNode json;
        try {
            json = JSON.readTree(merchant.codec().decryptText(encrypted));
        } catch (NewebPayDecodeException | JsonProcessingException e) {
            throw new SimulatedGatewayRefusal(NewebPayTradeApiSimulator.UNDECRYPTABLE,
                    "EncryptData_ 解密失敗 (not the merchant's AES-256-CBC JSON)");
        }
        if (json == null || !json.isObject()) {
            throw new SimulatedGatewayRefusal(NewebPayTradeApiSimulator.UNDECRYPTABLE,
                    "EncryptData_ 解密失敗 (not a JSON object)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        return new SandboxForm(fields);
    }
}
