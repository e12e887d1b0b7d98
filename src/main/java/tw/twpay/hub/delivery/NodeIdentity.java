package tw.twpay.hub.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Names this node in outbox claims, so a node only renews and completes the claims it holds. The name is the same
 * every time the same node starts — {@code twpay.node-id}, or else the host name and the HTTP port — so a node that
 * restarts after a crash recognises the claims it held before and releases them at once instead of leaving them to
 * run out their lease. Two nodes running at once must have different names; on one host their ports already differ.
 * Only a hub on a random port ({@code server.port=0}, tests) gets a new name per start.
 */
public record NodeIdentity(String id) {

    /** Longest name the outbox's {@code claimed_by} column holds. */
    static final int MAX_LENGTH = 128;

    public NodeIdentity {
        if (id == null || id.isBlank() || id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("node id must be 1 to " + MAX_LENGTH + " characters");
        }
    }

    /**
     * @param configured {@code twpay.node-id}, may be blank
     * @param serverPort {@code server.port}; 0 means a random port, which names no node across restarts
     */
    public static NodeIdentity of(String configured, int serverPort) {
        if (configured != null && !configured.isBlank()) {
            return new NodeIdentity(configured.trim());
        }
        String host = hostName();
        String suffix = serverPort > 0 ? Integer.toString(serverPort) : UUID.randomUUID().toString().substring(0, 8);
        String id = host + ":" + suffix;
        return new NodeIdentity(id.length() <= MAX_LENGTH ? id : id.substring(id.length() - MAX_LENGTH));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null || fromEnvironment.isBlank() ? "node" : fromEnvironment;
        }
    }
}
