package tw.twpay.hub.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path the servlet container mapped a request by: servlet path and path info, decoded and normalised. Filters
 * decide on it, never on the raw {@code getRequestURI()}: the container maps {@code /%61pi/v1/payments} ({@code %61}
 * is {@code a}) to the ERP API and {@code /%63allbacks/...} to the callbacks' servlet, so a rule keyed on the raw
 * path was one escaped letter away from not applying to the very request it was written for.
 */
public final class MappedPath {

    private MappedPath() {
    }

    /** The request's path within the application, e.g. {@code /api/v1/payments} for {@code /%61pi/v1/payments}. */
    public static String of(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }
}
