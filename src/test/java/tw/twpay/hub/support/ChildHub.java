package tw.twpay.hub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The hub in a process of its own, started from its main class with this test JVM's class path and the project
 * directory as working directory (config/ and routes/ as deployed beside the jar), so a test can kill it the way an
 * operating system or an operator does: {@link #kill()} is SIGKILL on Linux, no shutdown hook runs.
 */
public final class ChildHub implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ChildHub(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the hub in the project directory and waits until its health endpoint answers. */
    public static ChildHub start(int port, Path log, String... hubArgs) {
        return start(Path.of(System.getProperty("user.dir")), port, log, hubArgs);
    }

    /** Starts the hub in the given working directory and waits until its health endpoint answers. */
    public static ChildHub start(Path workingDirectory, int port, Path log, String... hubArgs) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "tw.twpay.hub.TwpayHubApplication",
                "--server.port=" + port,
                "--twpay.public-base-url=http://127.0.0.1:" + port,
                "--spring.main.banner-mode=off",
                // the configured Camel and Quartz names, as deployed (see SeparateHubsInOneJvm)
                "--" + SeparateHubsInOneJvm.ONE_HUB_PER_JVM + "=true"));
        command.addAll(List.of(hubArgs));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the hub process", e);
        }
        ChildHub hub = new ChildHub(process, port, log);
        hub.awaitHealthy(Duration.ofSeconds(90));
        return hub;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hub's log so far, one line an element. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .failFast("the hub process exited", () -> !process.isAlive())
                    .until(() -> answersHealthy(client, health));
        } catch (TerminalFailureException e) {
            throw new IllegalStateException("the hub process exited with " + process.exitValue() + ":\n" + logTail());
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the hub did not become healthy within " + timeout + ":\n" + logTail());
        }
    }

    private static boolean answersHealthy(HttpClient client, HttpRequest health) throws InterruptedException {
        try {
            return client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** SIGKILL: the process ends at once, wherever it is, without running shutdown hooks. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: a graceful shutdown (in-flight requests finish, the database is closed). */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public String logTail() {
        try {
            List<String> lines = logLines();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (UncheckedIOException e) {
            return "(no log: " + e.getCause() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
