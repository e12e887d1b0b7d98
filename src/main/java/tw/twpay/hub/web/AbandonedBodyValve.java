package tw.twpay.hub.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection of a request whose body the hub stopped waiting for ({@link RequestSizeLimitFilter}), once
 * its answer is sent. Tomcat would otherwise read ("swallow") the rest of the body before the next request on the
 * connection, a byte at a time if that is how the client sends it, on the very thread the deadline was to free.
 */
public class AbandonedBodyValve extends ValveBase {

    public AbandonedBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (request.getAttribute(RequestSizeLimitFilter.BODY_ABANDONED) != null) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
