package tw.twpay.hub.provider.newebpay;

/** Which NewebPay hosts a merchant talks to. Test and production keys only work on their own hosts. */
public enum NewebPayEnvironment {
    TEST("https://ccore.newebpay.com"),
    PRODUCTION("https://core.newebpay.com"),
    /** The hub's in-process simulator (twpay.sandbox.enabled); see twpay.providers.newebpay.sandbox-base-url. */
    SANDBOX(null);

    private final String gatewayBaseUrl;

    NewebPayEnvironment(String gatewayBaseUrl) {
        this.gatewayBaseUrl = gatewayBaseUrl;
    }

    String gatewayBaseUrl() {
        return gatewayBaseUrl;
    }
}
