package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * Nothing a caller sends can forge a log line: CR, LF and other control characters reach the log escaped, whichever
 * log statement writes them (the layout does it, logback-spring.xml).
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class LogForgingTest {

    private static final String FORGED = "2026-11-26T00:00:00.000Z  INFO 1 --- [twpay-hub] forged : refund approved";

    @LocalServerPort
    int port;
    @Autowired
    NewebPayMerchants merchants;

    @Test
    void aCallerSuppliedOrderNumberWithCrLfStaysOnOneLine(CapturedOutput output) {
        NewebPayMerchant shop = merchants.require("shop");
        String orderNo = "FORGE1\r\n" + FORGED;
        String json = NewebPayCallbackForms.successJson(shop.merchantId(), "FORGE1", "26112200000777", 10)
                .replace("\"MerchantOrderNo\":\"FORGE1\"", "\"MerchantOrderNo\":\"FORGE1\\r\\n" + FORGED + "\"");
        HttpResponse<String> response = HubHttp.anonymous(port).postForm("/callbacks/newebpay/shop/notify",
                NewebPayCallbackForms.notify(shop, json));
        assertThat(response.statusCode()).isEqualTo(200);

        assertThat(output.getAll()).contains("subject=FORGE1\\r\\n" + FORGED);
        assertThat(output.getAll().lines()).noneMatch(line -> line.startsWith(FORGED));
        assertThat(orderNo).contains("\n");
    }

    @Test
    void everyControlCharacterIsEscapedInMessagesAndExceptionMessages(CapturedOutput output) {
        org.slf4j.Logger log = LoggerFactory.getLogger("tw.twpay.hub.test");
        log.info("caller said {}", "a\rb\nc\u001b[31md\u2028e\u0000f");
        log.warn("failed", new IllegalStateException("bad input\n" + FORGED));

        assertThat(output.getAll()).contains("caller said a\\rb\\nc\\u001b[31md\\u2028e\\u0000f")
                .contains("java.lang.IllegalStateException: bad input\\n" + FORGED);
        assertThat(output.getAll().lines()).noneMatch(line -> line.startsWith(FORGED));
        assertThat(output.getAll()).doesNotContain("\u001b[31m");
    }
}
