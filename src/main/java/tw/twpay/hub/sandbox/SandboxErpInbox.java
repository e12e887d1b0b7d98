package tw.twpay.hub.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.camel.Body;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.events.CanonicalJson;

/**
 * A stand-in ERP for the embedded default: it keeps the most recent canonical events delivered to
 * {@code direct:sandbox-erp-inbox}, so a walk-through can see what an ERP would receive without running one.
 */
@Component("sandboxErpInbox")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class SandboxErpInbox {

    private static final int CAPACITY = 1000;

    private final Deque<JsonNode> events = new ArrayDeque<>();

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
