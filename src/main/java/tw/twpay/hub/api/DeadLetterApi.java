package tw.twpay.hub.api;

import java.util.List;
import java.util.Map;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.delivery.DeadLetter;
import tw.twpay.hub.delivery.DeadLetterRedrive;
import tw.twpay.hub.web.RejectedRequestException;

/** {@code /api/v1/dead-letters}: list and redrive. */
@Component("deadLetterApi")
public class DeadLetterApi {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetterRedrive deadLetters;

    public DeadLetterApi(DeadLetterRedrive deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * Up to {@code limit} dead letters in id order, those after the id {@code after} (a page ends with the id to pass
     * as the next page's {@code after}; a page shorter than the limit is the last).
     */
    public List<DeadLetter> list(@Header("includeRedriven") String includeRedriven, @Header("after") String after,
                                 @Header("limit") String limit) {
        return deadLetters.list(parseIncludeRedriven(includeRedriven), parseAfter(after), parseLimit(limit));
    }

    /** true or false; anything else (maybe, yes, 1) is a 400 rather than silently false. */
    private static boolean parseIncludeRedriven(String includeRedriven) {
        if (includeRedriven == null || includeRedriven.isBlank() || includeRedriven.equalsIgnoreCase("false")) {
            return false;
        }
        if (includeRedriven.equalsIgnoreCase("true")) {
            return true;
        }
        throw RejectedRequestException.badRequest("includeRedriven must be true or false");
    }

    public Map<String, Object> redrive(@Header("id") String id) {
        try {
            return deadLetters.redrive(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw RejectedRequestException.badRequest("dead letter id must be a number");
        }
    }

    public Map<String, Object> redriveAll() {
        return deadLetters.redriveAll();
    }

    /** A dead letter's id, as the reconciliation lists take theirs: any non-negative long, 0 when not given. */
    private static long parseAfter(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long id = Long.parseLong(after.trim());
            if (id < 0) {
                throw RejectedRequestException.badRequest("after must not be negative");
            }
            return id;
        } catch (NumberFormatException e) {
            throw RejectedRequestException.badRequest("after must be a number");
        }
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 100;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value < 1 || value > MAX_LIMIT) {
                throw RejectedRequestException.badRequest("limit must be between 1 and " + MAX_LIMIT);
            }
            return value;
        } catch (NumberFormatException e) {
            throw RejectedRequestException.badRequest("limit must be a number");
        }
    }
}
