package tw.twpay.hub.sandbox.tappay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Posts the simulated TapPay's backend notifies over real HTTP as JSON, so they travel the hub's whole callback path.
 * One attempt; logs name the notify and the answer, never the body.
 */
@Component
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class SimulatedTapPayNotifier {

    private static final Logger log = LoggerFactory.getLogger(SimulatedTapPayNotifier.class);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** @return the answer's HTTP status, or -1 when the URL could not be reached */
    public int post(String url, String json, String what) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            log.info("TapPay sandbox: {} to {} answered {}", what, url, status);
            return status;
        } catch (IOException | IllegalArgumentException e) {
            log.warn("TapPay sandbox: {} to {} failed: {}", what, url, e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
