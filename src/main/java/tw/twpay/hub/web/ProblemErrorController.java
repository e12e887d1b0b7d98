package tw.twpay.hub.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors no route answered (no such path, a method the path does not take, the servlet container's own 400s for a
 * malformed request, a request the firewall refused) in the same problem format as the routes' errors, instead of
 * Spring Boot's default error body.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status;
        if (code == null) {
            // not an error dispatch: someone asked for the error path itself, which is no resource (and no failure
            // worth an error log line per request)
            status = 404;
            uri = request.getRequestURI();
        } else {
            status = code instanceof Integer value && value >= 400 && value <= 599 ? value : 500;
        }
        String detail = switch (status) {
            case 400 -> "the request is malformed";
            case 401 -> "this operation needs a credential: Authorization: Bearer <API key or JWT>";
            case 403 -> "the request is not allowed";
            case 404 -> "no such resource: " + uri;
            case 405 -> "method " + request.getMethod() + " is not supported on " + uri;
            case 406 -> "the hub cannot answer in the media type asked for";
            case 413 -> "the request body is too large";
            case 415 -> "the request body's media type is not supported here";
            default -> status >= 500 ? "internal error" : ProblemDocument.title(status);
        };
        if (status >= 500) {
            log.error("request {} failed with {}", uri, status,
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType(ProblemDocument.MEDIA_TYPE))
                .body(ProblemDocument.json(status, detail));
    }
}
