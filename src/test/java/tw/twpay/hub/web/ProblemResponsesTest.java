package tw.twpay.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;
import tw.twpay.hub.support.RawHttp;

/**
 * No cross-site writes (a state-changing request carries JSON or nothing), and one error format for every error the
 * hub answers: RFC 9457 problem documents with the older {@code error} member kept.
 */
@HubTest
class ProblemResponsesTest {

    private static final String PAYMENT = """
            {"provider":"newebpay","merchant":"shop","orderNo":"%s","amount":{"value":"855","currency":"TWD"},
             "description":"problem test"}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private static void assertProblem(int expectedStatus, String contentType, String body) throws Exception {
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = CanonicalJson.mapper().readTree(body);
        assertThat(problem.path("type").asText()).isEqualTo("about:blank");
        assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("error").asText()).isEqualTo(problem.path("detail").asText());
    }

    private static void assertProblem(int expectedStatus, HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(expectedStatus);
        assertProblem(expectedStatus, response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    @Test
    void textPlainFormAndMultipartBodiesAre415AndStoreNothing() throws Exception {
        HubHttp http = new HubHttp(port);
        int before = new LedgerRows(jdbc).allJournal();
        assertProblem(415, http.post("/api/v1/payments", "text/plain", PAYMENT.formatted("XS_1")));
        assertProblem(415, http.post("/api/v1/payments", "application/x-www-form-urlencoded",
                "provider=newebpay&merchant=shop&orderNo=XS_2"));
        assertProblem(415, http.post("/api/v1/payments", "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"));
        assertProblem(415, http.post("/api/v1/payments/newebpay/shop/XS_1/refund", "text/plain",
                "{\"amount\":{\"value\":\"1\"}}"));
        assertThat(new LedgerRows(jdbc).allJournal()).isEqualTo(before);
    }

    @Test
    void aCrossSiteFormPostWithoutTheBearerCredentialIsRefused() throws Exception {
        HubHttp browser = HubHttp.anonymous(port);
        HttpResponse<String> response = browser.send(browser.request("/api/v1/payments/newebpay/shop/XS_3/cancel")
                .header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "JSESSIONID=stolen")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")));
        assertProblem(401, response);
    }

    @Test
    void jsonWithACharsetOrNoBodyAtAllIsAccepted() {
        HubHttp http = new HubHttp(port);
        assertThat(http.post("/api/v1/payments", "application/json; charset=UTF-8", PAYMENT.formatted("XS_4"))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> noBody = http.send(http.request("/api/v1/payments/newebpay/shop/XS_4/cancel")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noBody.statusCode()).isNotEqualTo(415);
    }

    @Test
    void routeErrorsAreProblemDocuments() throws Exception {
        HubHttp http = new HubHttp(port);
        assertProblem(404, http.get("/api/v1/payments/newebpay/shop/NO_SUCH_ORDER"));
        assertProblem(400, http.post("/api/v1/payments", "application/json", "{not json"));
    }

    @Test
    void unknownPathsAndMethodsAreProblemDocuments() throws Exception {
        HubHttp http = new HubHttp(port);
        assertProblem(404, http.get("/api/v1/no-such-thing"));
        assertProblem(404, http.get("/no-such-page"));
        assertProblem(405, http.send(http.request("/api/v1/payments").PUT(HttpRequest.BodyPublishers.noBody())));
        assertProblem(404, HubHttp.anonymous(port).get("/callbacks/newebpay/shop/no-such-callback"));
    }

    @Test
    void oversizedAndUndeclaredBodiesAreProblemDocuments() throws Exception {
        RawHttp.Answer tooLarge = RawHttp.send(port, "POST", "/callbacks/newebpay/shop/notify",
                "Content-Type: application/x-www-form-urlencoded\r\n", new byte[70_000]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertProblem(413, tooLarge.header("Content-Type"), tooLarge.body());
    }

    /** The container maps {@code /%61pi/v1/...} ({@code %61} is {@code a}) to the API: its body rules hold there too. */
    @Test
    void anEscapedLetterInTheApiPathIsNoWayAroundTheBodyRules() throws Exception {
        HubHttp http = new HubHttp(port);
        assertProblem(415, http.post("/%61pi/v1/payments", "text/plain", PAYMENT.formatted("ESCAPED-PLAIN")));
        assertProblem(413, http.post("/%61pi/v1/payments", "application/json", " ".repeat(70_000)
                + PAYMENT.formatted("ESCAPED-BIG")));
    }

    @Test
    void requestsTheFirewallOrTheContainerRefuseAreProblemDocuments() throws Exception {
        String auth = "Authorization: Bearer " + HubHttp.TEST_KEY + "\r\n";
        // an encoded line feed in the path (Spring Security's firewall)
        RawHttp.Answer lineFeed = RawHttp.send(port, "GET", "/api/v1/payments/newebpay/shop/A%0aB", auth, null);
        assertThat(lineFeed.status()).isEqualTo(400);
        assertProblem(400, lineFeed.header("Content-Type"), lineFeed.body());
        // malformed percent encoding in the path (the servlet container)
        RawHttp.Answer badEncoding = RawHttp.send(port, "GET", "/api/v1/payments/newebpay/shop/%zz", auth, null);
        assertThat(badEncoding.status()).isEqualTo(400);
        assertProblem(400, badEncoding.header("Content-Type"), badEncoding.body());
        // a character the request line may not contain
        RawHttp.Answer badTarget = RawHttp.send(port, "GET", "/api/v1/payments/{x}", auth, null);
        assertThat(badTarget.status()).isEqualTo(400);
        assertProblem(400, badTarget.header("Content-Type"), badTarget.body());
        assertThat(new String(badTarget.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .doesNotContain("Tomcat");
    }
    /** TRACE is refused as every other method the hub does not serve: 405, a problem document, and what is allowed. */
    @Test
    void traceIsA405ProblemDocumentNamingTheAllowedMethods() throws Exception {
        String auth = "Authorization: Bearer " + HubHttp.TEST_KEY + "\r\n";
        for (String target : new String[] {"/api/v1/payments", "/callbacks/newebpay/shop/notify", "/no-such-page"}) {
            RawHttp.Answer trace = RawHttp.send(port, "TRACE", target, auth, null);
            assertThat(trace.status()).as(target).isEqualTo(405);
            assertProblem(405, trace.header("Content-Type"), trace.body());
            assertThat(trace.header("Allow")).as(target).isNotBlank().doesNotContain("TRACE");
            assertThat(trace.body()).doesNotContain("Bearer").doesNotContain(HubHttp.TEST_KEY);
        }
    }
}
