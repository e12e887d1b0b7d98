package tw.twpay.hub.provider.tappay;

/** Which TapPay hosts a merchant talks to (the old {@code *.tappayapis.com} hosts are dead). */
public enum TapPayEnvironment {
    TEST("https://sandbox.tappaysdk.com"),
    PRODUCTION("https://prod.tappaysdk.com"),
    /** The hub's in-process simulator (twpay.sandbox.enabled); see twpay.providers.tappay.sandbox-base-url. */
    SANDBOX(null);

    private final String apiBaseUrl;

    TapPayEnvironment(String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    String apiBaseUrl() {
        return apiBaseUrl;
    }
}
