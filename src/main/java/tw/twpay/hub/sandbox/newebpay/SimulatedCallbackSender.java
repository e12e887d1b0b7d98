package tw.twpay.hub.sandbox.newebpay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.newebpay.NewebPayFormEncoding;

/**
 * Posts the simulated gateway's server-to-server callbacks (NotifyURL) over real HTTP, form-urlencoded as NewebPay
 * sends them, so they travel the hub's whole callback path: HTTP, size limit, routes, verification. One attempt, no
 * retries: a test that wants a lost notify uses {@code payWithoutNotify} instead of relying on a failure here.
 *
 * <p>Logs say which callback went where and what came back, never the form (it holds the encrypted payload).
 */
@Component
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class SimulatedCallbackSender {

    private static final Logger log = LoggerFactory.getLogger(SimulatedCallbackSender.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * Posts and waits for the answer.
     *
     * @return the HTTP status of the answer, or -1 when the URL could not be reached
     */
    public int post(URI url, Map<String, String> form, String what) {
        try {
            int status = client.send(request(url, form), HttpResponse.BodyHandlers.discarding()).statusCode();
            log.info("NewebPay sandbox: {} to {} answered {}", what, withoutQuery(url), status);
            return status;
        } catch (IOException e) {
            log.warn("NewebPay sandbox: {} to {} failed: {}", what, withoutQuery(url), e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpRequest request(URI url, Map<String, String> form) {
        return HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(NewebPayFormEncoding.encode(form)))
                .build();
    }

    private static String withoutQuery(URI url) {
        return url.getScheme() + "://" + url.getAuthority() + url.getPath();
    }
}
