package tw.twpay.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;
import tw.twpay.hub.support.TestFacts;

/**
 * A partial refund learned twice — by a reconciliation repair and by a query, by a query and by a callback — carries
 * two fact keys and the same refunded total: the ERP is told once. A further partial refund (a larger total) and the
 * whole refund are told as before.
 */
@HubTest
class LedgerRefundedTotalTest {

    private static final Money ORDERED = Money.twd(855);

    @Autowired
    LedgerAppender ledger;
    @Autowired
    JdbcTemplate jdbc;

    private StoreOutcome store(String orderNo, PaymentStatus status, Money amount, EventSource source) {
        return ledger.append(TestFacts.payment(orderNo, status, amount, source)).outcome();
    }

    private int queuedEvents(String orderNo, PaymentStatus status) {
        return jdbc.queryForObject("select count(*) from outbox o join ledger_journal j on j.event_id = o.event_id"
                + " where j.subject = ? and j.status = ?", Integer.class, orderNo, status.name());
    }

    private void captured(String orderNo) {
        assertThat(store(orderNo, PaymentStatus.PENDING, ORDERED, EventSource.COMMAND)).isEqualTo(StoreOutcome.APPLIED);
        assertThat(store(orderNo, PaymentStatus.AUTHORIZED, ORDERED, EventSource.CALLBACK))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(store(orderNo, PaymentStatus.CAPTURED, ORDERED, EventSource.QUERY)).isEqualTo(StoreOutcome.APPLIED);
    }

    @Test
    void thePartialRefundLearnedAgainByAnotherWayIsJournalledAndNotDeliveredTwice() {
        captured("RT-1");

        assertThat(store("RT-1", PaymentStatus.PARTIALLY_REFUNDED, Money.twd(300), EventSource.RECONCILIATION))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(store("RT-1", PaymentStatus.PARTIALLY_REFUNDED, Money.twd(300), EventSource.QUERY))
                .isEqualTo(StoreOutcome.UNCHANGED);
        assertThat(store("RT-1", PaymentStatus.PARTIALLY_REFUNDED, Money.twd(300), EventSource.CALLBACK))
                .isEqualTo(StoreOutcome.UNCHANGED);
        assertThat(queuedEvents("RT-1", PaymentStatus.PARTIALLY_REFUNDED)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = 'RT-1'"
                + " and status = 'PARTIALLY_REFUNDED'", Integer.class)).isEqualTo(3);

        // a further partial refund: 500 in all
        assertThat(store("RT-1", PaymentStatus.PARTIALLY_REFUNDED, Money.twd(500), EventSource.QUERY))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(queuedEvents("RT-1", PaymentStatus.PARTIALLY_REFUNDED)).isEqualTo(2);
        assertThat(store("RT-1", PaymentStatus.REFUNDED, ORDERED, EventSource.QUERY)).isEqualTo(StoreOutcome.APPLIED);
        assertThat(new LedgerRows(jdbc).orderStatus("RT-1")).isEqualTo("REFUNDED");
    }

    @Test
    void aPartialRefundAfterARefundTheHubRequestedIsDelivered() {
        captured("RT-2");
        assertThat(store("RT-2", PaymentStatus.PARTIALLY_REFUNDED, Money.twd(300), EventSource.QUERY))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(store("RT-2", PaymentStatus.REFUND_REQUESTED, Money.twd(200), EventSource.COMMAND))
                .isEqualTo(StoreOutcome.APPLIED);

        assertThat(store("RT-2", PaymentStatus.PARTIALLY_REFUNDED, Money.twd(500), EventSource.CALLBACK))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(queuedEvents("RT-2", PaymentStatus.PARTIALLY_REFUNDED)).isEqualTo(2);
    }
}
