package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/** Whatever a callback or a command carries, the log never shows a HashKey, a HashIV, a card number or a CVC. */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTest {

    private static final String CARD = "4000221111111111";

    @LocalServerPort
    int port;
    @Autowired
    NewebPayMerchants merchants;
    @Value("${twpay.providers.newebpay.merchants.shop.hash-key}")
    String hashKey;
    @Value("${twpay.providers.newebpay.merchants.shop.hash-iv}")
    String hashIv;

    @Test
    void secretsAndCardDataStayOutOfTheLog(CapturedOutput output) {
        HubHttp http = new HubHttp(port);
        NewebPayMerchant shop = merchants.require("shop");
        String withCardNumber = NewebPayCallbackForms.successJson(shop.merchantId(), "LOG-1", "26112200000077", 10)
                .replace("\"Card6No\":\"400022\"", "\"CardNo\":\"" + CARD + "\",\"Card6No\":\"400022\"");

        http.postForm("/callbacks/newebpay/shop/notify", NewebPayCallbackForms.notify(shop, withCardNumber));
        Map<String, String> forged = NewebPayCallbackForms.notify(shop, withCardNumber.replace("LOG-1", "LOG-2"));
        forged.put("TradeSha", "0".repeat(64));
        http.postForm("/callbacks/newebpay/shop/notify", forged);
        http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"shop","orderNo":"LOG_3","amount":{"value":"100"},"description":"x",
                 "tokenTerm":"m1","card":{"number":"%s","expiry":"2030-12","cvc":"98765"}}""".formatted(CARD));
        http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"newebpay","merchant":"passkey-less","orderNo":"LOG_4","amount":{"value":"100"},
                 "description":"x","tokenTerm":"m1","card":{"number":"%s","expiry":"2030-12","cvc":"987"}}""".formatted(CARD));

        assertThat(output.getAll())
                .contains("LOG-1")
                .doesNotContain(CARD)
                .doesNotContain(hashKey)
                .doesNotContain(hashIv)
                .doesNotContain("98765");
    }
}
