package tw.twpay.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.springframework.boot.test.system.CapturedOutput;

/** The one answer every refused callback gets, whichever check failed; only the log names the check. */
public final class CallbackRefusal {

    public static final String BODY = tw.twpay.hub.web.ProblemDocument.json(400, "callback refused");

    private CallbackRefusal() {
    }

    /** The uniform answer, with the failed check named in the log (and only there). */
    public static void assertUniformRefusal(HttpResponse<String> response, CapturedOutput log, String loggedReason) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(BODY);
        assertThat(log.getOut()).contains(loggedReason);
    }
}
