package tw.twpay.hub.delivery;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How canonical events reach the ERP ({@code twpay.delivery.*}).
 *
 * @param uri               any Camel endpoint URI: an HTTP webhook, Kafka, JMS, or the sandbox ERP inbox
 * @param maxRedeliveries   redeliveries after the first attempt before the event is dead-lettered
 * @param initialDelayMs    delay before the first redelivery; each next one is multiplied by backoffMultiplier
 * @param maxDelayMs        cap on one redelivery delay
 * @param pollIntervalMs    how often the outbox is polled for due events
 * @param batchSize         events claimed per poll
 * @param leaseMs           how long a claimed event stays reserved to the claiming node; must outlast one event's
 *                          whole redelivery schedule, or another node could deliver it in parallel
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
        @Min(1000) long leaseMs,
        @Min(1) long requestTimeoutMs) {

    /** Longest time one event can spend in delivery: every attempt timing out plus every back-off delay. */
    public long worstCaseDeliveryMs() {
        long total = (maxRedeliveries + 1L) * requestTimeoutMs;
        double delay = initialDelayMs;
        for (int i = 0; i < maxRedeliveries; i++) {
            total += (long) Math.min(delay, maxDelayMs);
            delay *= backoffMultiplier;
        }
        return total;
    }
}
