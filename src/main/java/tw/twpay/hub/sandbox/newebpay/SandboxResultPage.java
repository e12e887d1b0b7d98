package tw.twpay.hub.sandbox.newebpay;

import java.net.URI;
import java.util.Map;
import tw.twpay.hub.web.HtmlText;

/**
 * The small pages the simulated gateway shows the customer's browser: the payment result, which posts the result
 * on to the shop's ReturnURL (automatically, and with a button for browsers without script), or an error page that
 * goes nowhere, as the real MPG does for requests it refuses. Everything written into the page is HTML-escaped.
 */
final class SandboxResultPage {

    private SandboxResultPage() {
    }

    /**
     * @param returnUrl  where the browser goes next, or null to stay
     * @param returnForm the fields posted to returnUrl (the same encrypted result the NotifyURL gets)
     */
    static String result(String title, String status, String message, Map<String, String> details, URI returnUrl,
                         Map<String, String> returnForm) {
        StringBuilder page = head(title).append("<h1>").append(escape(title)).append("</h1>\n")
                .append("<p>Status: <span id='status'>").append(escape(status)).append("</span></p>\n")
                .append("<p>Message: <span id='message'>").append(escape(message)).append("</span></p>\n<dl>\n");
        details.forEach((name, value) -> page.append("<dt>").append(escape(name)).append("</dt><dd>")
                .append(escape(value)).append("</dd>\n"));
        page.append("</dl>\n");
        if (returnUrl != null) {
            page.append("<form id='return' method='post' action='").append(escape(returnUrl.toString())).append("'>\n");
            returnForm.forEach((name, value) -> page.append("<input type='hidden' name='").append(escape(name))
                    .append("' value='").append(escape(value)).append("'>\n"));
            page.append("<button type='submit'>返回商店 (back to the shop)</button>\n</form>\n")
                    .append("<script>document.getElementById('return').submit();</script>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    static String error(String status, String message) {
        return head("NewebPay sandbox: " + status)
                .append("<h1>交易失敗 (the gateway refused the request)</h1>\n")
                .append("<p>Status: <span id='status'>").append(escape(status)).append("</span></p>\n")
                .append("<p>Message: <span id='message'>").append(escape(message)).append("</span></p>\n")
                .append("</body></html>\n").toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(1024).append("<!doctype html>\n<html><head><meta charset='utf-8'><title>")
                .append(escape(title)).append("</title></head><body>\n")
                .append("<p><em>NewebPay sandbox: simulated by twpay-hub, no real money moves.</em></p>\n");
    }

    static String escape(String text) {
        return HtmlText.escape(text);
    }
}
