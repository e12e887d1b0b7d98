package tw.twpay.hub.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An ERP webhook on the JDK's HTTP server that records every request as it arrived (method, raw query, body,
 * Authorization header) and
 * answers what {@code answer} says for it (status code; 2xx = accepted). It runs outside the hub's process, so it
 * keeps what it received across a hub that is killed.
 */
public final class RecordingErp implements AutoCloseable {

    /** One request as the ERP saw it ({@code authorization}: its Authorization header, null when none). */
    public record Received(String method, String rawQuery, String body, String authorization) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Integer> answer = request -> 204;

    public RecordingErp() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
                    new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("Authorization"));
            int status = answer.apply(request);
            if (status >= 200 && status < 300) {
                received.add(request);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public void answer(Function<Received, Integer> answer) {
        this.answer = answer;
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    /** The requests the ERP accepted, oldest first. */
    public List<Received> accepted() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
