package tw.twpay.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import tw.twpay.hub.sandbox.SandboxErpInbox;

/** Test view of the sandbox ERP inbox. */
public final class ErpInbox {

    private ErpInbox() {
    }

    public static List<JsonNode> eventsAbout(SandboxErpInbox inbox, String subject) {
        return inbox.list().stream().filter(e -> subject.equals(e.path("subject").asText())).toList();
    }
}
