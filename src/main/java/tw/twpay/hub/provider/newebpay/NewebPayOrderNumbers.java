package tw.twpay.hub.provider.newebpay;

import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.SharedGatewayMerchants;

/**
 * NewebPay takes one order per MerchantOrderNo of a MerchantID, and QueryTradeInfo answers by the two only: an order
 * number another alias of the same MerchantID has is refused (409) before a form or charge is made, else the
 * gateway's answer about that alias's trade would settle this alias's order.
 */
@Component
public class NewebPayOrderNumbers {

    private final NewebPayMerchants merchants;
    private final SharedGatewayMerchants sharedMerchants;

    NewebPayOrderNumbers(NewebPayMerchants merchants, SharedGatewayMerchants sharedMerchants) {
        this.merchants = merchants;
        this.sharedMerchants = sharedMerchants;
    }

    void requireFreeAtMerchantId(NewebPayMerchant merchant, String orderNo) {
        sharedMerchants.requireNumberFree(NewebPay.ID, merchants.sharingMerchantId(merchant.alias()), orderNo,
                "the same NewebPay merchant (MerchantID " + merchant.merchantId()
                        + "), which takes one order per MerchantOrderNo");
    }
}
