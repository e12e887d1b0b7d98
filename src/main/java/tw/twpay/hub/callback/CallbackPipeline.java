package tw.twpay.hub.callback;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpMessage;
import org.apache.camel.support.ExchangeHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriTemplate;
import tw.twpay.hub.ledger.LedgerGroupCommit;
import tw.twpay.hub.provider.CallbackAcknowledgement;
import tw.twpay.hub.provider.CallbackConfirmation;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.StoredCallback;
import tw.twpay.hub.ledger.StoreResult;
import tw.twpay.hub.web.RejectedRequestException;

/** The provider-neutral steps of the callback pipeline. */
@Component("callbackPipeline")
public class CallbackPipeline {

    /** Exchange property holding the route template's path, e.g. {@code /callbacks/newebpay/{merchant}/notify}. */
    public static final String PATH_TEMPLATE = "twpayCallbackPath";
    /** Exchange property holding the decoded callback while the gateway is asked to confirm it. */
    public static final String DECODED = "twpayDecodedCallback";

    private final LedgerGroupCommit ledger;
    private final Map<String, UriTemplate> templates = new ConcurrentHashMap<>();

    public CallbackPipeline(LedgerGroupCommit ledger) {
        this.ledger = ledger;
    }

    /**
     * Reads the request. The merchant comes from the path itself, never from a header or form field of the same
     * name, and form fields come from the body, never from HTTP headers.
     */
    public CallbackRequest read(Exchange exchange) {
        HttpServletRequest servlet = exchange.getIn(HttpMessage.class).getRequest();
        String path = servlet.getRequestURI().substring(servlet.getContextPath().length());
        String template = exchange.getProperty(PATH_TEMPLATE, String.class);
        String merchant = templates.computeIfAbsent(template, UriTemplate::new).match(path).get("merchant");
        if (merchant == null || merchant.isBlank()) {
            throw RejectedRequestException.notFound("no merchant in callback path");
        }
        String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
        String mediaType = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        Map<String, String> fields = new LinkedHashMap<>();
        String raw = null;
        if (mediaType.startsWith("application/x-www-form-urlencoded")) {
            fields.putAll(FormBody.parse(bodyText(exchange)));
        } else if (mediaType.startsWith("multipart/form-data")) {
            servlet.getParameterMap().forEach((name, values) ->
                    fields.putIfAbsent(name, values.length == 0 ? "" : values[0]));
        } else {
            raw = bodyText(exchange);
        }
        // the caller's charset was for its body only: nothing the hub sends on (a confirming query, the answer)
        // is encoded in it
        exchange.removeProperty(Exchange.CHARSET_NAME);
        return new CallbackRequest(merchant, contentType, fields, raw);
    }

    /**
     * The body as text in the request's charset (Camel's exchange charset, UTF-8 when the request names none), as
     * Camel's own String conversion would read it, malformed bytes included — but from the body's bytes at once,
     * where Camel's conversion set up a buffered reader (16 KiB of buffers) and a builder for every callback.
     * A charset Java does not know, or a malformed name, is a refused callback like any unreadable body (and, for
     * a page the customer's browser is shown, no result to show).
     */
    public static String bodyText(Exchange exchange) {
        Charset charset;
        try {
            charset = ExchangeHelper.getCharset(exchange);
        } catch (IllegalArgumentException e) {
            // UnsupportedCharsetException, IllegalCharsetNameException; the name is the caller's text: not logged
            throw RejectedRequestException.badRequest("the Content-Type names a charset the hub cannot read");
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        return body == null ? null : new String(body, charset);
    }

    /** Pairs the confirming query's answer with the decoded callback it confirms. */
    public CallbackConfirmation confirmation(Exchange exchange) {
        return new CallbackConfirmation(exchange.getProperty(DECODED, CallbackFacts.class),
                exchange.getMessage().getBody(GatewayCall.class));
    }

    public StoredCallback store(CallbackFacts facts) {
        // callbacks arriving together share one commit; each is acknowledged only after it
        List<StoreResult> results = ledger.store(facts.facts());
        return new StoredCallback(facts, results);
    }

    /**
     * Answers in the charset the acknowledgement's Content-Type names (the one its provider reads), else UTF-8 —
     * never in the request's, which Camel's servlet would otherwise use to encode the answer.
     */
    public void respond(Exchange exchange) {
        CallbackAcknowledgement ack = exchange.getIn().getBody(CallbackAcknowledgement.class);
        Charset charset = charsetOf(ack.contentType());
        exchange.setProperty(Exchange.CHARSET_NAME, charset.name());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, ack.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, ack.contentType());
        exchange.getMessage().setBody(ack.body() == null ? null : ack.body().getBytes(charset));
    }

    /** The charset a Content-Type the hub itself wrote names, or UTF-8. */
    static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                return Charset.forName(pair[1].trim().replace("\"", ""));
            }
        }
        return StandardCharsets.UTF_8;
    }
}
