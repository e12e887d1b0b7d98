package tw.twpay.hub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator is for reading (health, metrics, the Camel routes' state): a write — stopping or starting a route
 * through {@code camelroutes} — is a 405 with the methods it takes, where Camel's read-only endpoint threw an
 * exception that answered 500. Runs after authentication, so an anonymous write is still a 401.
 */
@Component
@Order(0)
public class ActuatorReadOnlyFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = MappedPath.of(request);
        return !(path.equals("/actuator") || path.startsWith("/actuator/")) || READS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Allow", "GET, HEAD");
        ProblemDocument.write(response, 405, "the actuator is read-only: " + request.getMethod() + " is not offered");
    }
}
