package tw.twpay.hub.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.InvalidConfigurationException;

/**
 * Signs each delivery attempt as the Standard Webhooks specification says, so an ERP can tell the hub's events from
 * anyone else's and refuse replays: {@code webhook-id} (the CloudEvent id, the same on every retry and redrive),
 * {@code webhook-timestamp} (Unix seconds of this attempt) and {@code webhook-signature}
 * {@code v1,<base64 HMAC-SHA256(secret, id + "." + timestamp + "." + body)>}. While
 * {@code twpay.delivery.previous-signing-secret} is set (a rotation), a second signature with it follows, space
 * separated, so an ERP still holding the old secret keeps verifying.
 */
@Component("deliverySignature")
public class DeliverySignature {

    static final String SECRET_PREFIX = "whsec_";
    private static final int MIN_SECRET_BYTES = 24;
    private static final int MAX_SECRET_BYTES = 64;

    private final byte[] secret;
    private final byte[] previousSecret;
    private final Clock clock;

    public DeliverySignature(@Value("${twpay.delivery.signing-secret:}") String secret,
                             @Value("${twpay.delivery.previous-signing-secret:}") String previousSecret, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new InvalidConfigurationException("twpay.delivery.signing-secret",
                    "required (TWPAY_DELIVERY_SIGNING_SECRET): whsec_ followed by the base64 of 24 to 64 random bytes");
        }
        this.secret = decode("twpay.delivery.signing-secret", secret);
        this.previousSecret = previousSecret == null || previousSecret.isBlank()
                ? null : decode("twpay.delivery.previous-signing-secret", previousSecret);
        this.clock = clock;
    }

    private static byte[] decode(String property, String configured) {
        String value = configured.trim();
        if (!value.startsWith(SECRET_PREFIX)) {
            throw new InvalidConfigurationException(property, "must start with " + SECRET_PREFIX
                    + " followed by the base64 of 24 to 64 random bytes");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidConfigurationException(property, "the part after " + SECRET_PREFIX + " is not base64");
        }
        if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
            throw new InvalidConfigurationException(property, "must encode 24 to 64 bytes, not " + key.length);
        }
        return key;
    }

    /** Adds the three headers to the delivery about to be sent; the body is the CloudEvent JSON, signed as UTF-8. */
    public void sign(Exchange exchange) {
        OutboxEntry entry = exchange.getProperty("twpayOutboxEntry", OutboxEntry.class);
        String body = exchange.getMessage().getBody(String.class);
        long timestamp = clock.instant().getEpochSecond();
        String signature = signature(secret, entry.eventId(), timestamp, body);
        if (previousSecret != null) {
            signature = signature + " " + signature(previousSecret, entry.eventId(), timestamp, body);
        }
        exchange.getMessage().setHeader("webhook-id", entry.eventId());
        exchange.getMessage().setHeader("webhook-timestamp", Long.toString(timestamp));
        exchange.getMessage().setHeader("webhook-signature", signature);
        // the transport must send exactly the bytes signed
        exchange.setProperty(Exchange.CHARSET_NAME, StandardCharsets.UTF_8.name());
    }

    static String signature(byte[] key, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java SE runtime provides HmacSHA256", e);
        }
    }
}
