package tw.twpay.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tw.twpay.hub.support.HubTest;

/**
 * A client that sends its body a byte at a time (slowloris) holds a request thread only until
 * {@code twpay.http.body-read-timeout}: then it gets a 408 problem document and its connection is closed, never
 * drained byte by byte for as long as it cares to drip. Before, each byte restarted the container's 60 s read
 * timeout: a 64 KiB body at a byte a minute held a thread for 45 days, and 200 such clients stopped every callback.
 */
@HubTest
@TestPropertySource(properties = "twpay.http.body-read-timeout=1s")
class SlowRequestBodyTest {

    @LocalServerPort
    int port;

    private final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopDripping() {
        drip.shutdownNow();
    }

    private String dripTo(String path, String contentType) throws IOException {
        return dripTo(path, contentType, "Content-Length: 10000");
    }

    private String dripTo(String path, String contentType, String bodyHeader) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            // the answer must come (and the connection close) well before the body could be complete
            socket.setSoTimeout(8000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nAuthorization: Bearer test-erp-key\r\n" + bodyHeader + "\r\n\r\n"
                    // a chunked body opens a chunk of 4096 bytes, then drips into it
                    + (bodyHeader.startsWith("Transfer-Encoding") ? "1000\r\n{" : "{"))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            drip.scheduleAtFixedRate(() -> {
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException closedByTheHub) {
                    throw new IllegalStateException(closedByTheHub);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            // to the end: the hub closes the connection instead of reading on what still drips in
            for (int read; (read = in.read(buffer)) != -1; ) {
                answer.write(buffer, 0, read);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aCallbackDrippedInIsRefusedWith408AndItsConnectionClosed() throws IOException {
        String answer = dripTo("/callbacks/newebpay/shop/notify", "application/x-www-form-urlencoded");
        assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
                .contains("twpay.http.body-read-timeout");
    }

    @Test
    void anApiBodyDrippedInIsRefusedWith408AndItsConnectionClosed() throws IOException {
        String answer = dripTo("/api/v1/payments", "application/json");
        assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
                .contains("twpay.http.body-read-timeout");
    }

    /** A body refused unread (too large, or of no declared length) is not drained at the client's pace either. */
    @Test
    void aRefusedBodyDrippedInIsNotDrainedAtTheClientsPace() throws IOException {
        assertThat(dripTo("/callbacks/newebpay/shop/notify", "application/x-www-form-urlencoded",
                "Content-Length: 1000000")).startsWith("HTTP/1.1 413");
        assertThat(dripTo("/api/v1/payments", "application/json", "Content-Length: 100000"))
                .startsWith("HTTP/1.1 413");
        assertThat(dripTo("/callbacks/newebpay/shop/notify", "application/x-www-form-urlencoded",
                "Transfer-Encoding: chunked")).startsWith("HTTP/1.1 411");
    }

    /** Whatever the path, a body the hub answers without reading is not drained at the client's pace either. */
    @Test
    void aBodyNoRouteReadsIsNotDrainedAtTheClientsPace() throws IOException {
        assertThat(dripTo("/no-such-path", "application/x-www-form-urlencoded")).startsWith("HTTP/1.1 404");
        assertThat(dripTo("/actuator/health", "application/json")).startsWith("HTTP/1.1 405");
    }
}
