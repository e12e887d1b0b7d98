package tw.twpay.hub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentStatusTest {

    @Test
    void movesForwardOnly() {
        assertThat(PaymentStatus.PENDING.canAdvanceTo(PaymentStatus.AUTHORIZED)).isTrue();
        assertThat(PaymentStatus.AUTHORIZED.canAdvanceTo(PaymentStatus.CAPTURED)).isTrue();
        assertThat(PaymentStatus.CAPTURED.canAdvanceTo(PaymentStatus.REFUNDED)).isTrue();
        assertThat(PaymentStatus.PARTIALLY_REFUNDED.canAdvanceTo(PaymentStatus.PARTIALLY_REFUNDED)).isTrue();
        assertThat(PaymentStatus.FAILED.canAdvanceTo(PaymentStatus.AUTHORIZED)).isTrue();

        assertThat(PaymentStatus.CAPTURED.canAdvanceTo(PaymentStatus.AUTHORIZED)).isFalse();
        assertThat(PaymentStatus.AUTHORIZED.canAdvanceTo(PaymentStatus.PENDING)).isFalse();
        assertThat(PaymentStatus.AUTHORIZED.canAdvanceTo(PaymentStatus.FAILED)).isFalse();
        assertThat(PaymentStatus.AUTHORIZED.canAdvanceTo(PaymentStatus.AUTHORIZED)).isFalse();
        assertThat(PaymentStatus.CAPTURED.canAdvanceTo(PaymentStatus.VOIDED)).isFalse();
    }

    @Test
    void refundedAndVoidedAreTerminal() {
        for (PaymentStatus next : PaymentStatus.values()) {
            assertThat(PaymentStatus.REFUNDED.canAdvanceTo(next)).isFalse();
            assertThat(PaymentStatus.VOIDED.canAdvanceTo(next)).isFalse();
        }
    }
}
