package tw.twpay.hub.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Row counts straight from the ledger tables, to assert what was (not) stored. */
public record LedgerRows(JdbcTemplate jdbc) {

    public int journal(String subject) {
        return jdbc.queryForObject("select count(*) from ledger_journal where subject = ?", Integer.class, subject);
    }

    public int outbox(String subject) {
        return jdbc.queryForObject("select count(*) from outbox o join ledger_journal j on j.event_id = o.event_id "
                + "where j.subject = ?", Integer.class, subject);
    }

    public int orders(String orderNo) {
        return jdbc.queryForObject("select count(*) from ledger_order where order_no = ?", Integer.class, orderNo);
    }

    public int allJournal() {
        return jdbc.queryForObject("select count(*) from ledger_journal", Integer.class);
    }

    /** Payment operations standing on the order (being sent, or with an unknown outcome): 0 or 1. */
    public int operationsInFlight(String orderNo) {
        return jdbc.queryForObject("select count(*) from payment_operation_in_flight where order_no = ?",
                Integer.class, orderNo);
    }

    public String orderStatus(String orderNo) {
        return jdbc.queryForObject("select status from ledger_order where order_no = ?", String.class, orderNo);
    }
}
