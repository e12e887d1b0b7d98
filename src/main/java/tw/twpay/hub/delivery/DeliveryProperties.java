package tw.twpay.hub.delivery;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How canonical events reach the ERP ({@code twpay.delivery.*}). A failed attempt is retried by the outbox itself:
 * the event is due again after its back-off, and the poller attempts it then (on whichever node claims it).
 *
 * @param uri               any Camel endpoint URI: an HTTP webhook, Kafka, JMS, or the sandbox ERP inbox
 * @param maxRedeliveries   retries after the first attempt before the event is dead-lettered
 * @param initialDelayMs    back-off before the first retry; each next one is multiplied by backoffMultiplier
 * @param maxDelayMs        cap on one back-off
 * @param pollIntervalMs    how often the outbox is polled for due events
 * @param batchSize         events claimed per poll
 * @param concurrency       orders of a batch delivered side by side (each order's events one after another)
 * @param leaseMs           how long a claimed event stays reserved to the claiming node; must outlast one attempt,
 *                          or another node could deliver the event in parallel
 * @param requestTimeoutMs  connect, pool and response timeout of one attempt
 * @param retention         how long a delivered event stays in the outbox ({@link OutboxRetention}); at least an hour
 */
@Validated
@ConfigurationProperties("twpay.delivery")
public record DeliveryProperties(
        @NotBlank String uri,
        boolean enabled,
        @Min(0) int maxRedeliveries,
        @Min(1) long initialDelayMs,
        @DecimalMin("1.0") double backoffMultiplier,
        @Min(1) long maxDelayMs,
        @Min(10) long pollIntervalMs,
        @Min(1) int batchSize,
        @Min(1) int concurrency,
        @Min(1000) long leaseMs,
        @Min(1) long requestTimeoutMs,
        @NotNull @DurationMin(hours = 1) Duration retention) {

    /**
     * Longest one attempt can take: waiting for a pooled connection, connecting and waiting for the answer may each
     * use the whole request timeout.
     */
    public long worstCaseAttemptMs() {
        return 3 * requestTimeoutMs;
    }

    /** Whether an event that has now failed this many times still gets a retry. */
    public boolean retriesLeft(int failures) {
        return failures <= maxRedeliveries;
    }

    /** Back-off after the given number of failed attempts (1 = after the first attempt). */
    public long retryDelayMs(int failures) {
        double delay = initialDelayMs * Math.pow(backoffMultiplier, Math.max(0, failures - 1));
        return (long) Math.min(delay, maxDelayMs);
    }
}
