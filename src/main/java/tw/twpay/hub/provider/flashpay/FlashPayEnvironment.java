package tw.twpay.hub.provider.flashpay;

/**
 * Which FlashPay hosts a merchant talks to: the browser's {@code trade.php} and the server's {@code querytrade.php}
 * are on the same host here, although the manual also names other query hosts (motionlifepay): a merchant can
 * override either base URL.
 */
public enum FlashPayEnvironment {
    TEST("https://demo.flashpayvpn.xyz"),
    PRODUCTION("https://api.fl-pay.com"),
    /** The hub's in-process simulator (twpay.sandbox.enabled); see twpay.providers.flashpay.sandbox-base-url. */
    SANDBOX(null);

    private final String baseUrl;

    FlashPayEnvironment(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }
}
