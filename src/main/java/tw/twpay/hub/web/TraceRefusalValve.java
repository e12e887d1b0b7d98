package tw.twpay.hub.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Answers TRACE as every other method the hub does not offer: 405, a problem document, and the methods allowed.
 * Tomcat refuses TRACE itself (its connector's {@code allowTrace} is off) with a 405 and the Allow header, before
 * any filter or servlet; the error page it then dispatched to went through the security filter chain, whose
 * firewall refuses the method TRACE, so the caller got an empty 400. The refusal is finished here, at the engine,
 * before the error page; the request is never echoed (TRACE stays off).
 */
public class TraceRefusalValve extends ValveBase {

    public TraceRefusalValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (!"TRACE".equals(request.getMethod()) || response.getStatus() != 405 || !response.isError()
                || !response.setErrorReported()) {
            getNext().invoke(request, response);
            return;
        }
        // Tomcat's sendError suspended the answer; the Allow header it set stays
        response.setSuspended(false);
        try {
            ProblemDocument.write(response, 405, "method TRACE is not supported");
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing more can be said
        }
    }
}
