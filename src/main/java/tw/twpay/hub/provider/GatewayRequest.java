package tw.twpay.hub.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * One HTTP call to a provider's back-end API, complete: method, URL, headers, content type and body are all the
 * shared {@code gateway-call} route sends (nothing the ERP sent is passed on), with this call's timeout.
 *
 * @param headers  extra request headers, e.g. TapPay's {@code x-api-key}; their values are never logged
 * @param timeout  how long to wait for the whole answer; past it the outcome is unknown, not failed
 * @param intent   facts journalled before the call (e.g. PENDING with the request's identity), so that a call whose
 *                 outcome is unknown leaves a trace the missed-notify poll settles by query; may be empty
 * @param context  whatever the operation needs to read the answer (merchant, command, amounts sent)
 */
public record GatewayRequest(String method, String url, Map<String, String> headers, String contentType, String body,
                             Duration timeout, List<LedgerFact> intent, Object context) {

    /** Used when a provider states no timeout of its own. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    /** No call waits longer: past it, a call whose node died is known not to be running any more. */
    public static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(60);

    public GatewayRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.compareTo(LONGEST_TIMEOUT) > 0) {
            throw new IllegalArgumentException("a gateway call waits at most " + LONGEST_TIMEOUT.toSeconds() + " s");
        }
        intent = List.copyOf(intent);
    }

    /** An {@code application/x-www-form-urlencoded} POST of these fields, in their order. */
    public static GatewayRequest form(String url, Map<String, String> form, Object context) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return new GatewayRequest("POST", url, Map.of(), "application/x-www-form-urlencoded", body.toString(), null,
                List.of(), context);
    }

    /** An {@code application/json} POST of this JSON text. */
    public static GatewayRequest json(String url, String json, Object context) {
        return new GatewayRequest("POST", url, Map.of(), "application/json", json, null, List.of(), context);
    }

    public GatewayRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new GatewayRequest(method, url, more, contentType, body, timeout, intent, context);
    }

    public GatewayRequest withTimeout(Duration callTimeout) {
        return new GatewayRequest(method, url, headers, contentType, body, callTimeout, intent, context);
    }

    /** Journal these facts before the call is made. */
    public GatewayRequest withIntent(List<LedgerFact> facts) {
        return new GatewayRequest(method, url, headers, contentType, body, timeout, facts, context);
    }

    /** Never the body or header values: they hold keys, card data or encrypted payloads. */
    @Override
    public String toString() {
        return "GatewayRequest[" + method + " " + url + ", headers=" + headers.keySet() + "]";
    }
}
