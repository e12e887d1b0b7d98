package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.web.RejectedRequestException;

/** NotifyURL/ReturnURL the gateway takes: length per API, and ports 80/443 only at the real gateway. */
class NewebPayCallbackUrlsTest {

    private static final MerchantHashKeys KEYS = MerchantHashKeys.of("12345678901234567890123456789012", "1234567890123456");

    private static NewebPayMerchant merchant(String gateway) {
        return new NewebPayMerchant("shop", "MS1", NewebPayMerchantKind.NDNP, false, false, gateway,
                new NewebPayTradeInfoCodec(KEYS), new NewebPayCheckCodes(KEYS));
    }

    @Test
    void lengthAndPortAreCheckedBeforeAnythingIsSent() {
        NewebPayMerchant real = merchant("https://ccore.newebpay.com");
        NewebPayMerchant sandbox = merchant("http://localhost:8080/sandbox/newebpay");
        String ok = "https://pay.example.com/callbacks/newebpay/shop/period-notify";

        assertThat(NewebPayCallbackUrls.accepted(ok, 100, real, "NotifyURL")).isEqualTo(ok);
        assertThat(NewebPayCallbackUrls.accepted("https://pay.example.com:443/x", 100, real, "NotifyURL")).isNotNull();
        assertThatThrownBy(() -> NewebPayCallbackUrls.accepted("https://pay.example.com:8443/x", 100, real, "NotifyURL"))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("port 8443");
        assertThat(NewebPayCallbackUrls.accepted("http://localhost:8080/x", 100, sandbox, "NotifyURL")).isNotNull();
        String long101 = "https://pay.example.com/" + "a".repeat(101 - 24);
        assertThat(long101).hasSize(101);
        assertThatThrownBy(() -> NewebPayCallbackUrls.accepted(long101, 100, real, "ReturnURL"))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("100 characters");
        assertThat(NewebPayCallbackUrls.accepted(long101, 200, real, "ReturnURL")).isEqualTo(long101);
    }
}
