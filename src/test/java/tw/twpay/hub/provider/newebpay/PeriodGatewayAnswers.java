package tw.twpay.hub.provider.newebpay;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the gateway sends about the NDNP manual's test merchant: a period charge notify, QueryTradeInfo's answer. */
final class PeriodGatewayAnswers {

    private PeriodGatewayAnswers() {
    }

    /** The NDNP manual's test merchant as the hub's merchant {@code tek}, its gateway at the port given. */
    static void manualMerchant(DynamicPropertyRegistry registry, int gatewayPort) {
        registry.add("twpay.providers.newebpay.sandbox-base-url", () -> "http://localhost:" + gatewayPort);
        registry.add("twpay.providers.newebpay.merchants.tek.merchant-id", () -> ManualExamples.MERCHANT_ID);
        registry.add("twpay.providers.newebpay.merchants.tek.hash-key", () -> ManualExamples.HASH_KEY);
        registry.add("twpay.providers.newebpay.merchants.tek.hash-iv", () -> ManualExamples.HASH_IV);
        registry.add("twpay.providers.newebpay.merchants.tek.kind", () -> "NDNP");
        registry.add("twpay.providers.newebpay.merchants.tek.environment", () -> "sandbox");
    }

    /** A period charge's notify (NPA-N050), before encryption. */
    static String chargeJson(String mandateOrder, String orderNo, String tradeNo, int amount, String status) {
        return chargeJson(mandateOrder, orderNo, tradeNo, amount, status, "2026-12-22 03:00:01");
    }

    /** As {@link #chargeJson(String, String, String, int, String)}, charged at {@code authDate} (Taipei time). */
    static String chargeJson(String mandateOrder, String orderNo, String tradeNo, int amount, String status,
                             String authDate) {
        return """
                {"Status":"%s","Message":"授權成功","Result":{"RespondCode":"00","MerchantID":"%s",\
                "MerchantOrderNo":"%s","OrderNo":"%s","TradeNo":"%s","AuthDate":"%s",\
                "TotalTimes":"12","AlreadyTimes":"2","AuthAmt":%d,"NextAuthDate":"2027-01-22","AuthCode":"681234",\
                "PeriodNo":"P261122100000aBcDeF"}}""".formatted(status, ManualExamples.MERCHANT_ID, mandateOrder,
                orderNo, tradeNo, authDate, amount);
    }

    /** QueryTradeInfo's answer as the NDNF manual shows it (Amt a JSON number), with the merchant's CheckCode. */
    static String queryAnswer(NewebPayCheckCodes checkCodes, String orderNo, int amount, String tradeNo,
                              String tradeStatus) {
        Map<String, String> covered = new LinkedHashMap<>();
        covered.put("Amt", Integer.toString(amount));
        covered.put("MerchantID", ManualExamples.MERCHANT_ID);
        covered.put("MerchantOrderNo", orderNo);
        covered.put("TradeNo", tradeNo);
        return """
                {"Status":"SUCCESS","Message":"查詢成功","Result":{"MerchantID":"%s","Amt":%d,"TradeNo":"%s",\
                "MerchantOrderNo":"%s","TradeStatus":"%s","PaymentType":"CREDIT","CreateTime":"2026-12-22 03:00:01",\
                "PayTime":"2026-12-22 03:00:01","FundTime":"0000-00-00","CheckCode":"%s","RespondCode":"00",\
                "Auth":"681234","ECI":null,"CloseAmt":null,"CloseStatus":"0","BackBalance":"%d","BackStatus":"0",\
                "RespondMsg":"授權成功","Inst":"0","InstFirst":"0","InstEach":"0","PaymentMethod":"CREDIT",\
                "Card6No":"400022","Card4No":"1111","AuthBank":"KGI"}}""".formatted(ManualExamples.MERCHANT_ID, amount,
                tradeNo, orderNo, tradeStatus, checkCodes.checkCode(covered), amount);
    }
}
