package tw.twpay.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry schedule the outbox follows: exponential back-off with a cap, then the dead letter. */
class DeliveryPropertiesTest {

    private final DeliveryProperties defaults = new DeliveryProperties("direct:erp", true, 5, 1000, 2.0, 60000, 500, 50,
            8, 60000, 10000, Duration.ofDays(30));

    @Test
    void backOffDoublesFromTheInitialDelayUpToTheCap() {
        assertThat(defaults.retryDelayMs(1)).isEqualTo(1000);
        assertThat(defaults.retryDelayMs(2)).isEqualTo(2000);
        assertThat(defaults.retryDelayMs(5)).isEqualTo(16000);
        assertThat(defaults.retryDelayMs(7)).isEqualTo(60000);
        assertThat(defaults.retryDelayMs(1000)).isEqualTo(60000);
    }

    @Test
    void anEventGetsMaxRedeliveriesRetriesAfterItsFirstAttempt() {
        assertThat(defaults.retriesLeft(5)).isTrue();
        assertThat(defaults.retriesLeft(6)).isFalse();
        DeliveryProperties noRetry = new DeliveryProperties("direct:erp", true, 0, 1000, 2.0, 60000, 500, 50, 8,
                60000, 10000, Duration.ofDays(30));
        assertThat(noRetry.retriesLeft(1)).isFalse();
    }

    @Test
    void oneAttemptMayUseThePoolConnectAndResponseTimeoutsInTurn() {
        assertThat(defaults.worstCaseAttemptMs()).isEqualTo(30000);
    }
}
