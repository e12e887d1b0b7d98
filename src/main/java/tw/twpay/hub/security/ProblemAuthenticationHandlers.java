package tw.twpay.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tw.twpay.hub.web.ProblemDocument;

/** 401 (no or unknown credential) and 403 (a known caller without the scope) as problem documents. */
@Component
public class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationHandlers.class);

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean presented = request.getHeader("Authorization") != null;
        log.info("refused {} {}: 401 {}", request.getMethod(), request.getRequestURI(),
                presented ? "credential not accepted" : "no credential");
        response.setHeader("WWW-Authenticate", presented
                ? "Bearer realm=\"twpay-hub\", error=\"invalid_token\"" : "Bearer realm=\"twpay-hub\"");
        ProblemDocument.write(response, 401, presented
                ? "the bearer credential is not valid"
                : "this operation needs a credential: Authorization: Bearer <API key or JWT>");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String needed = ApiPathScopes.requiredScope(request);
        log.info("refused {} {} to {}: 403 needs scope {}", request.getMethod(), request.getRequestURI(),
                request.getUserPrincipal() == null ? "?" : request.getUserPrincipal().getName(), needed);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"twpay-hub\", error=\"insufficient_scope\", scope=\""
                + needed + "\"");
        ProblemDocument.write(response, 403, "this caller is not granted the scope " + needed
                + " this operation needs");
    }
}
