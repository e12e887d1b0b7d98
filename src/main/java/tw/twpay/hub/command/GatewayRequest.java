package tw.twpay.hub.command;

import java.util.Map;

/**
 * A form to post to a provider's back-end API, and what to remember for reading its answer.
 *
 * @param context whatever the provider's answer mapper needs (merchant, order, operation)
 */
public record GatewayRequest(String url, Map<String, String> form, Object context) {

    public String formBody() {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        });
        return body.toString();
    }
}
