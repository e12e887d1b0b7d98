package tw.twpay.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * A withdrawal the gateway confirmed (a capture or refund request cancelled, a scheduled capture voided) takes the
 * order a step back — but only from the request it withdraws. Its fact is built from the order's status read before
 * the write; when another fact moved the order on meanwhile (the request was carried out after all), the withdrawal
 * must not take it back.
 */
@HubTest
class LedgerRevertingFactTest {

    private static final Money ORDERED = Money.twd(1000);

    @Autowired
    LedgerAppender ledger;
    @Autowired
    JdbcTemplate jdbc;

    private StoreOutcome store(String orderNo, PaymentStatus status, String detail, boolean reverts) {
        OffsetDateTime now = OffsetDateTime.now();
        PaymentEvent event = new PaymentEvent("TESTPAY", "shop-a", "TP-shop-a", orderNo, "T-" + orderNo, status, ORDERED,
                "CREDIT", null, null, now, now, EventSource.COMMAND, status.name(), null, null, null, null);
        return ledger.append(new LedgerFact(LedgerFact.key("TESTPAY", "shop-a", orderNo, status, detail), event, null,
                reverts)).outcome();
    }

    private String status(String orderNo) {
        return new LedgerRows(jdbc).orderStatus(orderNo);
    }

    @Test
    void aWithdrawalTakesTheOrderBackFromTheRequestItWithdraws() {
        store("REV-1", PaymentStatus.AUTHORIZED, "paid", false);
        store("REV-1", PaymentStatus.CAPTURE_REQUESTED, "capture", false);

        assertThat(store("REV-1", PaymentStatus.AUTHORIZED, "cap cancel", true)).isEqualTo(StoreOutcome.APPLIED);
        assertThat(status("REV-1")).isEqualTo("AUTHORIZED");

        store("REV-2", PaymentStatus.AUTHORIZED, "paid", false);
        store("REV-2", PaymentStatus.CAPTURE_REQUESTED, "capture", false);
        assertThat(store("REV-2", PaymentStatus.VOIDED, "void of the scheduled capture", true))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(status("REV-2")).isEqualTo("VOIDED");
    }

    @Test
    void aWithdrawalDoesNotTakeBackAnOrderThatMovedOnMeanwhile() {
        store("REV-3", PaymentStatus.AUTHORIZED, "paid", false);
        store("REV-3", PaymentStatus.CAPTURE_REQUESTED, "capture", false);
        // the bank carried the capture out before the withdrawal's fact was written
        store("REV-3", PaymentStatus.CAPTURED, "captured", false);

        assertThat(store("REV-3", PaymentStatus.AUTHORIZED, "cap cancel", true)).isEqualTo(StoreOutcome.REGRESSION);
        assertThat(store("REV-3", PaymentStatus.VOIDED, "void of the scheduled capture", true))
                .isEqualTo(StoreOutcome.REGRESSION);
        assertThat(status("REV-3")).isEqualTo("CAPTURED");

        store("REV-4", PaymentStatus.AUTHORIZED, "paid", false);
        store("REV-4", PaymentStatus.CAPTURED, "captured", false);
        store("REV-4", PaymentStatus.REFUND_REQUESTED, "refund", false);
        store("REV-4", PaymentStatus.REFUNDED, "refunded", false);
        assertThat(store("REV-4", PaymentStatus.CAPTURED, "refund cancel", true)).isEqualTo(StoreOutcome.REGRESSION);
        assertThat(status("REV-4")).isEqualTo("REFUNDED");
    }
}
