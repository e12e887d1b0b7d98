package tw.twpay.hub.provider.newebpay;

import java.util.LinkedHashMap;
import java.util.Map;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * E-wallet refunds (NPA-B06, {@code /API/EWallet/refund}): LINE Pay, 玉山 Wallet, 台灣 Pay, TWQR and the ezPay
 * wallets are refunded here, not through the card Close API. The request is JSON text in EncryptData_ with its
 * HashData_ (TradeSha formula); the answer's Status {@code 1000} is success.
 */
final class NewebPayWalletRefunds {

    static final String PATH = "/API/EWallet/refund";
    static final String VERSION = "1.1";
    static final String REFUNDED = "1000";

    private NewebPayWalletRefunds() {
    }

    static GatewayRequest request(NewebPayMerchant merchant, String orderNo, String amount, String paymentType,
                                  String timeStamp, Object context) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("TimeStamp", timeStamp);
        json.put("MerchantOrderNo", orderNo);
        // as the manual's example writes them: {"MerchantOrderNo":"…","Amount":"1","TimeStamp":"…","PaymentType":"…"}
        json.put("Amount", amount);
        json.put("PaymentType", paymentType);
        String encrypted = merchant.codec().encryptText(CanonicalJson.toText(json));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("UID_", merchant.merchantId());
        form.put("Version_", VERSION);
        form.put("EncryptData_", encrypted);
        form.put("RespondType_", "JSON");
        form.put("HashData_", merchant.codec().tradeSha(encrypted));
        return GatewayRequest.form(merchant.gatewayUrl(PATH), form, context).withTimeout(NewebPay.CALL_TIMEOUT);
    }

    /**
     * The answer: Status 1000 with EncryptData/HashData signed by the merchant's keys.
     *
     * @throws RejectedRequestException 422 when the gateway refused the refund
     * @throws GatewayAnswerException   when the answer is unreadable or its HashData does not verify
     */
    static NewebPayPayload accepted(NewebPayMerchant merchant, String body, String orderNo, String amount) {
        NewebPayPayload answer;
        try {
            answer = NewebPayPayloadParser.parse(body);
        } catch (NewebPayDecodeException e) {
            throw new GatewayAnswerException("NewebPay e-wallet refund answer is unreadable: " + e.getMessage());
        }
        if (!REFUNDED.equals(answer.status())) {
            throw new RejectedRequestException(422, "NewebPay refused the e-wallet refund: " + answer.status() + " "
                    + answer.message());
        }
        String encrypted = answer.field("EncryptData");
        if (encrypted == null) {
            return answer;
        }
        if (!merchant.codec().tradeShaMatches(encrypted, answer.field("HashData"))) {
            throw new GatewayAnswerException("NewebPay e-wallet refund answer failed verification: HashData mismatch");
        }
        // EncryptData: TradeNo, BankMessage, BankCode, MerchantOrderNo, RefundAmount, RefundDate
        NewebPayPayload refund;
        try {
            refund = NewebPayPayloadParser.parse("{\"Status\":" + CanonicalJson.toText(answer.status())
                    + ",\"Message\":" + CanonicalJson.toText(answer.message())
                    + ",\"Result\":" + merchant.codec().decryptText(encrypted) + "}");
        } catch (NewebPayDecodeException e) {
            throw new GatewayAnswerException("NewebPay e-wallet refund answer is unreadable: " + e.getMessage());
        }
        if (!orderNo.equals(refund.field("MerchantOrderNo"))
                || !amount.equals(refund.field("RefundAmount") == null ? null : refund.field("RefundAmount").trim())) {
            throw new GatewayAnswerException("NewebPay e-wallet refund answer is about another order or amount");
        }
        return refund;
    }
}
