package tw.twpay.hub.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Deals with what is left of a request body once the hub has answered without reading all of it (a refusal, an
 * unknown path, a method not offered): Tomcat would read ("swallow") it before the next request on the connection,
 * at whatever pace the client sends it — a byte a minute held a request thread for ever. Here the rest is dropped
 * within {@code twpay.http.body-read-timeout} (at most 2 MiB, Tomcat's own limit), so that a prompt client keeps its
 * connection; otherwise, and for a body {@link RequestSizeLimitFilter} stopped waiting for, the connection is closed
 * instead. A request still running asynchronously reads its own body; a client waiting for "100 Continue" sends
 * nothing that Tomcat would wait for; a multipart body is the container's own to parse (and, once it failed to,
 * cannot be read here: the connection was closed under the answer), as before.
 */
public class AbandonedBodyValve extends ValveBase {

    /** The most of a body left unread that is read and dropped (Tomcat's own default maxSwallowSize). */
    static final long MAX_DRAINED_BYTES = 2 * 1024 * 1024;

    private final Duration readTimeout;

    public AbandonedBodyValve(Duration readTimeout) {
        super(true);
        this.readTimeout = readTimeout;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (request.getAttribute(RequestSizeLimitFilter.BODY_ABANDONED) != null || !leftUnreadDrained(request)) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }

    /** Whether nothing of the body is left for Tomcat to swallow: read by the application, or dropped here now. */
    private boolean leftUnreadDrained(Request request) {
        if (request.isAsync() || request.getHeader("Expect") != null || RequestSizeLimitFilter.isMultipart(request)
                || request.isFinished()) {
            return true;
        }
        return request.getContentLengthLong() <= MAX_DRAINED_BYTES
                && BodyReadDeadline.discard(request.getStream(), MAX_DRAINED_BYTES, readTimeout);
    }
}
