package tw.twpay.hub.provider.newebpay;

/**
 * A configured NewebPay merchant, ready to sign and verify: its alias, its MerchantID, its own codec and check
 * codes, and the gateway it talks to. Never prints its keys.
 */
public record NewebPayMerchant(
        String alias,
        String merchantId,
        NewebPayMerchantKind kind,
        boolean passkey,
        boolean composite,
        String gatewayBaseUrl,
        NewebPayTradeInfoCodec codec,
        NewebPayCheckCodes checkCodes) {

    public String gatewayUrl(String path) {
        return gatewayBaseUrl + path;
    }

    @Override
    public String toString() {
        return "NewebPayMerchant[" + alias + ", " + merchantId + ", " + kind + ", " + gatewayBaseUrl + "]";
    }
}
