package tw.twpay.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.test.system.CapturedOutput;

/** The one answer every refused callback gets, whichever check failed; only the log names the check. */
public final class CallbackRefusal {

    public static final String BODY = tw.twpay.hub.web.ProblemDocument.json(400, "callback refused");

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private CallbackRefusal() {
    }

    /** The uniform answer, with the failed check named in the log (and only there). */
    public static void assertUniformRefusal(HttpResponse<String> response, CapturedOutput log, String loggedReason) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(BODY);
        assertThat(log.getOut()).contains(loggedReason);
    }

    /**
     * Bodies the hub cannot read at all — a charset Java does not know or cannot name, a multipart form without its
     * boundary — and a body in a charset it knows but nobody sends callbacks in (UTF-16) get the uniform answer too,
     * in UTF-8 bytes and with the headers of any other refusal of {@code path} (no branch shows in them), never a 500;
     * the log names the reason without a stack trace.
     */
    public static void assertUnreadableBodiesRefused(int port, String path, CapturedOutput log) {
        HttpResponse<byte[]> baseline = post(port, path, "application/x-www-form-urlencoded",
                "a=1".getBytes(StandardCharsets.UTF_8));
        assertRefusal(baseline, "a form without the callback's fields");
        String[][] requests = {
            {"application/x-www-form-urlencoded; charset=bogus", "a=1"},
            {"application/x-www-form-urlencoded; charset=\"", "a=1"},
            {"application/json; charset=bogus", "{}"},
            {"multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"},
            {"multipart/form-data; boundary=", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n"},
            {"multipart/form-data; boundary=x; charset=bogus",
                "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"},
        };
        for (String[] request : requests) {
            HttpResponse<byte[]> answer = post(port, path, request[0], request[1].getBytes(StandardCharsets.UTF_8));
            assertRefusal(answer, request[0]);
            assertSameHeaders(baseline.headers(), answer.headers(), request[0]);
        }
        HttpResponse<byte[]> utf16 = post(port, path, "application/x-www-form-urlencoded; charset=UTF-16",
                "a=1".getBytes(StandardCharsets.UTF_16));
        assertRefusal(utf16, "UTF-16");
        assertSameHeaders(baseline.headers(), utf16.headers(), "UTF-16");
        assertThat(log.getOut()).contains("charset the hub cannot read").contains("multipart body");
        assertThat(log.getAll()).doesNotContain("UnsupportedCharsetException")
                .doesNotContain("IllegalCharsetNameException").doesNotContain("Stream closed");
    }

    /**
     * The same header lines as {@code expected} — names and values, the browser headers and the framing
     * (chunked or a Content-Length) included — but for the Date: no refusal can be told from another by its headers.
     */
    public static void assertSameHeaders(HttpHeaders expected, HttpHeaders actual, String what) {
        assertThat(withoutDate(actual)).as(what).isEqualTo(withoutDate(expected));
    }

    private static Map<String, List<String>> withoutDate(HttpHeaders headers) {
        Map<String, List<String>> lines = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        lines.putAll(headers.map());
        lines.remove("date");
        return lines;
    }

    private static void assertRefusal(HttpResponse<byte[]> answer, String what) {
        assertThat(answer.statusCode()).as(what).isEqualTo(400);
        assertThat(answer.body()).as(what).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> post(int port, String path, String contentType, byte[] body) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
