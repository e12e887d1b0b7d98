package tw.twpay.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * The pages a customer's browser lands on after paying, posted to by anyone: whatever a stranger posts (no keys),
 * the page shows the same "being confirmed" text, never a success, never the posted words, and never an error.
 */
@HubTest
class BrowserReturnPageTest {

    private static final String[] RETURN_PAGES = {
        "/callbacks/flashpay/shop-flashpay/return",
        "/callbacks/newebpay/shop/return",
    };

    @LocalServerPort
    int port;

    private static void assertBeingConfirmed(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString()
                .startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(page.body()).contains("being confirmed")
                .doesNotContain("Payment received").doesNotContain("<script").doesNotContain("<b>")
                .doesNotContain("ATTACKER");
    }

    @Test
    void aForgedResultShowsBeingConfirmedAndNothingItWasPosted() {
        HubHttp stranger = HubHttp.anonymous(port);
        for (String page : RETURN_PAGES) {
            assertBeingConfirmed(stranger.postForm(page, Map.of(
                    "Status", "SUCCESS", "Message", "<script>alert('ATTACKER')</script>",
                    "ret_code", "00", "ret_msg", "<b>ATTACKER paid</b>", "ord_no", "ATTACKER-1",
                    "TradeInfo", "00", "TradeSha", "ATTACKER")));
            assertBeingConfirmed(stranger.get(page));
        }
    }

    @Test
    void aMalformedFormIsNoServerError() {
        HubHttp stranger = HubHttp.anonymous(port);
        for (String page : RETURN_PAGES) {
            // a percent escape that is no escape, and a charset Java does not know
            assertBeingConfirmed(stranger.post(page, "application/x-www-form-urlencoded", "ret_msg=%zz&ord_no=1"));
            assertBeingConfirmed(stranger.send(stranger.request(page)
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=x-no-such-charset")
                    .POST(HttpRequest.BodyPublishers.ofString("ord_no=1"))));
        }
    }
}
