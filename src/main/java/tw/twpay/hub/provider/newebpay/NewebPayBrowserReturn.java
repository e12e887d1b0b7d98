package tw.twpay.hub.provider.newebpay;

import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tw.twpay.hub.callback.CallbackPipeline;
import tw.twpay.hub.web.HtmlText;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The page the customer's browser sees at the ReturnURL. It shows the result it was posted — only when the posted
 * TradeInfo verifies with the merchant's keys, and escaped — and never changes any state: NotifyURL and the query API
 * are the source of truth. A failure is never shown as "payment received".
 */
@Component("newebPayBrowserReturn")
public class NewebPayBrowserReturn {

    private static final java.util.regex.Pattern RETURN_PATH = java.util.regex.Pattern.compile("/newebpay/([^/?]+)/return");

    private final NewebPayMerchants merchants;

    public NewebPayBrowserReturn(NewebPayMerchants merchants) {
        this.merchants = merchants;
    }

    public String page(Exchange exchange) {
        String uri = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
        java.util.regex.Matcher path = uri == null ? null : RETURN_PATH.matcher(uri);
        String alias = path != null && path.find() ? path.group(1) : null;
        NewebPayPayload result = verifiedResult(alias, form(exchange));
        if (result == null) {
            return html("Payment being confirmed", "Your payment is being confirmed with the bank; the shop will let "
                    + "you know the result.");
        }
        if (result.isSuccess()) {
            return html("Payment received", "Thank you. The bank accepted your payment of order "
                    + escape(result.field("MerchantOrderNo")) + "; the shop confirms it shortly.");
        }
        return html("Payment not completed", "Your payment of order " + escape(result.field("MerchantOrderNo"))
                + " was not completed: " + escape(result.message()) + " (" + escape(result.status())
                + "). You have not been charged for it; you may try again.");
    }

    /** The posted form, read as callbacks are; none when it cannot be read (a malformed escape, a charset unknown). */
    private static Map<String, String> form(Exchange exchange) {
        try {
            String body = CallbackPipeline.bodyText(exchange);
            return body == null || body.isBlank() ? Map.of() : NewebPayFormEncoding.decode(body);
        } catch (NewebPayDecodeException | RejectedRequestException unreadable) {
            return Map.of();
        }
    }

    private NewebPayPayload verifiedResult(String alias, Map<String, String> form) {
        if (alias == null || !merchants.all().containsKey(alias)) {
            return null;
        }
        NewebPayMerchant merchant = merchants.all().get(alias);
        try {
            return merchant.codec().verifyAndDecode(form.get("TradeInfo"), form.get("TradeSha"));
        } catch (NewebPayDecodeException e) {
            return null;
        }
    }

    private static String html(String title, String text) {
        return "<!doctype html><html><head><meta charset='utf-8'><title>" + title + "</title></head><body><h1>"
                + title + "</h1><p>" + text + "</p></body></html>";
    }

    private static String escape(String text) {
        return HtmlText.escape(text);
    }
}
