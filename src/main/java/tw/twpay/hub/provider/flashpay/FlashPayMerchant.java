package tw.twpay.hub.provider.flashpay;

/**
 * A configured FlashPay merchant, ready to seal requests and open answers: its alias, its mer_id, the optional
 * sub-store, where the browser and the server calls go, and its own codec. Never prints its keys.
 *
 * @param tradeUrl the full URL of trade.php (the customer's browser posts the payment form there)
 * @param queryUrl the full URL of querytrade.php (107 query, 106 range query, 8 cancel)
 */
public record FlashPayMerchant(
        String alias,
        String merchantId,
        String stoId,
        String tradeUrl,
        String queryUrl,
        FlashPayCodec codec) {

    @Override
    public String toString() {
        return "FlashPayMerchant[" + alias + ", " + merchantId + ", " + tradeUrl + ", " + queryUrl + "]";
    }
}
