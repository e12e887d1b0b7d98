package tw.twpay.hub.reconciliation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * Orders of NewebPay merchant {@code shop} as a callback left them in the ledger (100 TWD, trade {@code T-<orderNo>}),
 * and the settlement record that says one was captured: what the reconciliation tests judge.
 */
final class ReconciledOrders {

    private final LedgerAppender appender;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReconciledOrders(LedgerAppender appender, JdbcTemplate jdbc, Clock clock) {
        this.appender = appender;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new order in this status; its number starts with the prefix. */
    String order(String prefix, PaymentStatus status) {
        String orderNo = prefix + "-" + System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now(clock);
        appender.append(new LedgerFact(LedgerFact.key("NEWEBPAY", "shop", orderNo, "cb", status),
                new PaymentEvent("NEWEBPAY", "shop", "MS1", orderNo, "T-" + orderNo, status, Money.twd(100), "CREDIT",
                        null, null, now, now, EventSource.CALLBACK, "SUCCESS", null, null, List.of(), null), null));
        return orderNo;
    }

    /** A partial refund of the order as a callback told it: the fact carries what has been refunded in all. */
    void partlyRefunded(String orderNo, Money total) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        appender.append(new LedgerFact(LedgerFact.key("NEWEBPAY", "shop", orderNo, "cb", "refunded", total.text()),
                new PaymentEvent("NEWEBPAY", "shop", "MS1", orderNo, "T-" + orderNo,
                        PaymentStatus.PARTIALLY_REFUNDED, total, "CREDIT", null, null, now, now, EventSource.CALLBACK,
                        "SUCCESS", null, null, List.of(), null), null));
    }

    String status(String orderNo) {
        return jdbc.queryForObject("select status from ledger_order where order_no = ?", String.class, orderNo);
    }

    static SettlementRecord captured(String orderNo) {
        return SettlementRecord.reported("T-" + orderNo, orderNo, PaymentStatus.CAPTURED, Money.twd(100), null, "MS1",
                "CAPTURED", null);
    }
}
