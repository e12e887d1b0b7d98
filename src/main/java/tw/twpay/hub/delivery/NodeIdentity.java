package tw.twpay.hub.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Names this node in outbox claims, so a node only renews and completes the claims it holds. */
public record NodeIdentity(String id) {

    public static NodeIdentity ofThisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return new NodeIdentity(host + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
