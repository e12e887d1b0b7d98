package tw.twpay.hub.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.camel.Body;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * A stand-in ERP for the embedded default: it keeps the most recent canonical events delivered to
 * {@code direct:sandbox-erp-inbox}, so a walk-through can see what an ERP would receive without running one.
 */
@Component("sandboxErpInbox")
public class SandboxErpInbox {

    private static final int CAPACITY = 1000;

    private final boolean enabled;
    private final Deque<JsonNode> events = new ArrayDeque<>();

    public SandboxErpInbox(@Value("${twpay.sandbox.enabled:false}") boolean enabled) {
        this.enabled = enabled;
    }

    public void receive(@Body String cloudEventJson) throws JsonProcessingException {
        JsonNode event = CanonicalJson.mapper().readTree(cloudEventJson);
        synchronized (events) {
            if (events.size() == CAPACITY) {
                events.removeFirst();
            }
            events.addLast(event);
        }
    }

    public List<JsonNode> list() {
        if (!enabled) {
            throw RejectedRequestException.notFound("the sandbox is disabled (twpay.sandbox.enabled=false)");
        }
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    public void clear() {
        synchronized (events) {
            events.clear();
        }
    }
}
