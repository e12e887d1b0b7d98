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
 * A command's answer that authorises (a back-end card charge) is the gateway's word on what it charged: another
 * amount than the order's is stored flagged and does not authorise the order. A withdrawn capture, which also
 * returns the order to AUTHORIZED, names the capture's (possibly partial) amount and is not checked.
 */
@HubTest
class LedgerChargeAnswerAmountTest {

    private static final Money ORDERED = Money.twd(100);

    @Autowired
    LedgerAppender ledger;
    @Autowired
    JdbcTemplate jdbc;

    private StoreOutcome store(String orderNo, PaymentStatus status, Money amount, EventSource source,
                               boolean reverts) {
        OffsetDateTime now = OffsetDateTime.now();
        PaymentEvent event = new PaymentEvent("TESTPAY", "shop-a", "TP-shop-a", orderNo, "T-" + orderNo, status, amount,
                "CREDIT", null, null, now, now, source, status.name(), null, null, null, null);
        return ledger.append(new LedgerFact(LedgerFact.key("TESTPAY", "shop-a", orderNo, status, source, reverts,
                amount.text()), event, null, reverts)).outcome();
    }

    @Test
    void aChargeAnsweredWithAnotherAmountIsFlaggedAndTheOrderStaysPending() {
        assertThat(store("CHG-1", PaymentStatus.PENDING, ORDERED, EventSource.COMMAND, false))
                .isEqualTo(StoreOutcome.APPLIED);

        assertThat(store("CHG-1", PaymentStatus.AUTHORIZED, Money.twd(1), EventSource.COMMAND, false))
                .isEqualTo(StoreOutcome.FLAGGED);

        assertThat(new LedgerRows(jdbc).orderStatus("CHG-1")).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select event_json from ledger_journal where subject = 'CHG-1'"
                + " and outcome = 'FLAGGED'", String.class)).contains("AMOUNT_MISMATCH");
        assertThat(store("CHG-1", PaymentStatus.AUTHORIZED, ORDERED, EventSource.COMMAND, false))
                .isEqualTo(StoreOutcome.APPLIED);
        assertThat(new LedgerRows(jdbc).orderStatus("CHG-1")).isEqualTo("AUTHORIZED");
    }

    @Test
    void aWithdrawnPartialCaptureBackToAuthorisedIsNotChecked() {
        store("CHG-2", PaymentStatus.PENDING, ORDERED, EventSource.COMMAND, false);
        store("CHG-2", PaymentStatus.AUTHORIZED, ORDERED, EventSource.CALLBACK, false);
        assertThat(store("CHG-2", PaymentStatus.CAPTURE_REQUESTED, Money.twd(40), EventSource.COMMAND, false))
                .isEqualTo(StoreOutcome.APPLIED);

        assertThat(store("CHG-2", PaymentStatus.AUTHORIZED, Money.twd(40), EventSource.COMMAND, true))
                .isEqualTo(StoreOutcome.APPLIED);

        assertThat(new LedgerRows(jdbc).orderStatus("CHG-2")).isEqualTo("AUTHORIZED");
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = 'CHG-2'"
                + " and outcome = 'FLAGGED'", Integer.class)).isZero();
    }
}
