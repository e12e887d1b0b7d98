package tw.twpay.hub.api;

import java.util.List;
import java.util.Map;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.delivery.DeadLetter;
import tw.twpay.hub.delivery.DeadLetterRedrive;
import tw.twpay.hub.web.PageParameters;
import tw.twpay.hub.web.RejectedRequestException;

/** {@code /api/v1/dead-letters}: list and redrive. */
@Component("deadLetterApi")
public class DeadLetterApi {

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
        return deadLetters.list(parseIncludeRedriven(includeRedriven), PageParameters.after(after),
                PageParameters.limit(limit));
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
}
