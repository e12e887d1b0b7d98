package tw.twpay.hub.provider.newebpay;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds what NewebPay posts to the hub, signed with a configured merchant's keys. */
final class NewebPayCallbackForms {

    private NewebPayCallbackForms() {
    }

    static String successJson(String merchantId, String orderNo, String tradeNo, int amount) {
        return """
                {"Status":"SUCCESS","Message":"授權成功","Result":{"MerchantID":"%s","Amt":%d,"TradeNo":"%s",\
                "MerchantOrderNo":"%s","RespondType":"JSON","IP":"203.0.113.9","EscrowBank":"HNCB",\
                "PaymentType":"CREDIT","PayTime":"2026-11-22 14:21:59","RespondCode":"00","Auth":"115468",\
                "Card6No":"400022","Card4No":"1111","Exp":"3012","AuthBank":"KGI","TokenUseStatus":0,\
                "Inst":0,"InstFirst":0,"InstEach":0,"ECI":"","PaymentMethod":"CREDIT"}}"""
                .formatted(merchantId, amount, tradeNo, orderNo);
    }

    static Map<String, String> notify(NewebPayMerchant merchant, String resultJson) {
        String tradeInfo = merchant.codec().encryptText(resultJson);
        return notifyForm(merchant.merchantId(), tradeInfo, merchant.codec().tradeSha(tradeInfo));
    }

    static Map<String, String> notifyForm(String merchantId, String tradeInfo, String tradeSha) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Status", "SUCCESS");
        form.put("MerchantID", merchantId);
        form.put("Version", "2.0");
        form.put("TradeInfo", tradeInfo);
        form.put("TradeSha", tradeSha);
        return form;
    }
}
