package tw.twpay.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/** The pages a customer's browser is sent back to can be neither framed, sniffed nor made to load anything. */
@HubTest
class BrowserHeadersTest {

    @LocalServerPort
    int port;

    private static void assertLockedDown(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'none'").contains("frame-ancestors 'none'").contains("form-action 'none'");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theReturnPageIsLockedDown() {
        HubHttp browser = HubHttp.anonymous(port);
        assertLockedDown(browser.get("/callbacks/newebpay/shop/return"));
        // NewebPay's ReturnURL arrives as the browser's form POST
        assertLockedDown(browser.postForm("/callbacks/newebpay/shop/return", Map.of("Status", "SUCCESS")));
    }

    @Test
    void apiAnswersCarryTheSamePolicy() {
        HttpResponse<String> answer = new HubHttp(port).get("/api/v1/dead-letters");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("frame-ancestors 'none'");
    }
}
