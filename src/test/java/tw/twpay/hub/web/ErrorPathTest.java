package tw.twpay.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * The error path asked for directly (anyone may: it is open, so errors of refused requests can be answered) is no
 * resource: a 404, not a 500 with an error log line per request.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorPathTest {

    @LocalServerPort
    int port;

    @Test
    void askingForTheErrorPathItselfIs404AndLogsNoError(CapturedOutput log) throws Exception {
        HubHttp anonymous = HubHttp.anonymous(port);
        HttpResponse<String> answer = anonymous.get("/error");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = CanonicalJson.mapper().readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asText()).isEqualTo("no such resource: /error");
        assertThat(log.getAll()).doesNotContain("ProblemErrorController").doesNotContain("failed with 500");

        // an error dispatch keeps its status and names the path the request asked for
        HttpResponse<String> unknown = new HubHttp(port).get("/no-such-page");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(CanonicalJson.mapper().readTree(unknown.body()).path("detail").asText())
                .isEqualTo("no such resource: /no-such-page");
    }
}
