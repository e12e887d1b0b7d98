package tw.twpay.hub.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic CloudEvent ids: a name-based UUID (RFC 4122 version 5) of the fact key, so the same provider fact
 * yields the same id on every node and every replay, and an ERP can deduplicate on it.
 */
public final class EventIds {

    /** Namespace of all twpay-hub event ids; never change it, ERPs deduplicate on the ids derived from it. */
    private static final UUID NAMESPACE = UUID.fromString("5b0c8f3e-7a55-4a51-9c0e-2f4d1c7e9a10");

    private EventIds() {
    }

    public static String forFact(String factKey) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
        ByteBuffer namespace = ByteBuffer.allocate(16)
                .putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits());
        sha1.update(namespace.array());
        byte[] hash = sha1.digest(factKey.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }
}
