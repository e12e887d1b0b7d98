package tw.twpay.hub.callback;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the servlet container parse {@code multipart/form-data} callbacks (NewebPay may post the period notify that
 * way) before Camel's servlet reads the body: Camel would otherwise take the raw multipart bytes as the body and
 * leave no form fields. The fields then come from the container's parameter map, with its multipart limits.
 * Runs after the size limit, so an oversized body is refused before anything parses it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class MultipartCallbackFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return !request.getRequestURI().startsWith(request.getContextPath() + "/callbacks/")
                || contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.getParameterMap();
        chain.doFilter(request, response);
    }
}
