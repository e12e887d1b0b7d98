package tw.twpay.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the authenticated caller's name on the request, where the routes find it ({@link ApiCaller}): Camel runs the
 * route on its own thread, after Spring Security's thread-bound context is gone.
 */
class ApiCallerFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)) {
            request.setAttribute(ApiCaller.REQUEST_ATTRIBUTE, caller.getName());
        }
        chain.doFilter(request, response);
    }
}
