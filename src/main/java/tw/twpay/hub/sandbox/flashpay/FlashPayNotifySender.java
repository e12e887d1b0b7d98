package tw.twpay.hub.sandbox.flashpay;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Posts the simulated notify to return_url over real HTTP, form-encoded (ver, dat, chk) as FlashPay does, so it
 * travels the hub's whole callback path. One attempt: FlashPay's resends (every 30 minutes, four times) are not
 * simulated; a lost notify is rehearsed with the pay-silently control instead. Logs never hold the form.
 */
@Component
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class FlashPayNotifySender {

    private static final Logger log = LoggerFactory.getLogger(FlashPayNotifySender.class);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** @return the answer's body (FlashPay wants exactly 1|OK), or null when return_url could not be reached */
    String post(URI returnUrl, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(returnUrl)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        String where = returnUrl.getScheme() + "://" + returnUrl.getAuthority() + returnUrl.getPath();
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            log.info("FlashPay sandbox: notify to {} answered {} {}", where, answer.statusCode(),
                    "1|OK".equals(answer.body()) ? "1|OK" : "(not 1|OK: FlashPay would send it again)");
            return answer.body();
        } catch (IOException e) {
            log.warn("FlashPay sandbox: notify to {} failed: {}", where, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
