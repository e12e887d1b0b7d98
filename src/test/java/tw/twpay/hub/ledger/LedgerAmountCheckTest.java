package tw.twpay.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
 * The ledger's check of a reported amount against the order the hub created: a gateway's report that money was
 * authorised, capture requested or captured in another amount or currency is stored flagged and does not move the
 * order; the hub's own capture command of part of the order, and a partial refund, are not checked.
 */
@HubTest
class LedgerAmountCheckTest {

    private static final Money ORDERED = Money.twd(855);

    @Autowired
    LedgerAppender ledger;
    @Autowired
    JdbcTemplate jdbc;

    private StoreOutcome store(String orderNo, PaymentStatus status, Money amount, EventSource source) {
        return ledger.append(TestFacts.payment(orderNo, status, amount, source)).outcome();
    }

    /** An order the hub created for 855 TWD, authorised. */
    private void authorised(String orderNo) {
        assertThat(store(orderNo, PaymentStatus.PENDING, ORDERED, EventSource.COMMAND)).isEqualTo(StoreOutcome.APPLIED);
        assertThat(store(orderNo, PaymentStatus.AUTHORIZED, ORDERED, EventSource.CALLBACK))
                .isEqualTo(StoreOutcome.APPLIED);
    }

    private String flagsOf(String orderNo, PaymentStatus status) {
        return jdbc.queryForObject("select event_json from ledger_journal where subject = ? and outcome = 'FLAGGED'"
                + " and event_json like ?", String.class, orderNo, "%\"" + status.name() + "\"%");
    }

    @Test
    void aCaptureRequestAGatewayReportsInAnotherAmountOrCurrencyIsFlaggedAndDoesNotMoveTheOrder() {
        authorised("AMT-CR-1");

        assertThat(store("AMT-CR-1", PaymentStatus.CAPTURE_REQUESTED, Money.twd(8550), EventSource.QUERY))
                .isEqualTo(StoreOutcome.FLAGGED);
        assertThat(flagsOf("AMT-CR-1", PaymentStatus.CAPTURE_REQUESTED)).contains("AMOUNT_MISMATCH");
        assertThat(store("AMT-CR-1", PaymentStatus.CAPTURE_REQUESTED, new Money(new BigDecimal("855"), "USD"),
                EventSource.CALLBACK)).isEqualTo(StoreOutcome.FLAGGED);
        assertThat(jdbc.queryForList("select event_json from ledger_journal where subject = 'AMT-CR-1'"
                + " and outcome = 'FLAGGED'", String.class)).anyMatch(json -> json.contains("CURRENCY_MISMATCH"));
        assertThat(new LedgerRows(jdbc).orderStatus("AMT-CR-1")).isEqualTo("AUTHORIZED");

        assertThat(store("AMT-CR-1", PaymentStatus.CAPTURE_REQUESTED, ORDERED, EventSource.RECONCILIATION))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(new LedgerRows(jdbc).orderStatus("AMT-CR-1")).isEqualTo("CAPTURE_REQUESTED");
    }

    @Test
    void theHubsOwnCaptureOfPartOfTheOrderAndAPartialRefundAreNotChecked() {
        authorised("AMT-CR-2");

        assertThat(store("AMT-CR-2", PaymentStatus.CAPTURE_REQUESTED, Money.twd(300), EventSource.COMMAND))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(store("AMT-CR-2", PaymentStatus.CAPTURED, ORDERED, EventSource.QUERY))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(store("AMT-CR-2", PaymentStatus.REFUND_REQUESTED, Money.twd(100), EventSource.QUERY))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(new LedgerRows(jdbc).orderStatus("AMT-CR-2")).isEqualTo("REFUND_REQUESTED");
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = 'AMT-CR-2'"
                + " and outcome = 'FLAGGED'", Integer.class)).isZero();
    }
}
