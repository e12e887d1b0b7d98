package tw.twpay.hub.sandbox.flashpay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The hub tells FlashPay its own address (return_url, client_url) from twpay.public-base-url, so an end-to-end test
 * against the simulator runs the hub on a port known before it starts.
 */
final class FlashPayHubPort {

    private FlashPayHubPort() {
    }

    static int register(DynamicPropertyRegistry registry) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("server.port", () -> port);
        registry.add("twpay.public-base-url", () -> "http://localhost:" + port);
        return port;
    }
}
