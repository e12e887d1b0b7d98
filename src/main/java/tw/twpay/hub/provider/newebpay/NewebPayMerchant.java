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

    /** Whether this merchant talks to the in-process simulator (or a stand-in at its URL), not to NewebPay. */
    public boolean sandbox() {
        return !gatewayBaseUrl.startsWith(NewebPayEnvironment.TEST.gatewayBaseUrl())
                && !gatewayBaseUrl.startsWith(NewebPayEnvironment.PRODUCTION.gatewayBaseUrl());
    }

    public String gatewayUrl(String path) {
        return gatewayBaseUrl + path;
    }

    @Override
    public String toString() {
        return "NewebPayMerchant[" + alias + ", " + merchantId + ", " + kind + ", " + gatewayBaseUrl + "]";
    }
}
