package tw.twpay.hub.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerFact;

/** Payment facts for ledger and delivery tests. */
public final class TestFacts {

    private TestFacts() {
    }

    public static LedgerFact payment(String orderNo, PaymentStatus status, EventSource source) {
        PaymentEvent event = new PaymentEvent("TESTPAY", "shop-a", "TP-shop-a", orderNo, "T-" + orderNo, status,
                Money.twd(855), "CREDIT", null, null, OffsetDateTime.of(2026, 11, 1, 10, 0, 0, 0, ZoneOffset.ofHours(8)),
                OffsetDateTime.now(), source, status.name(), null, null, null, null);
        return new LedgerFact(LedgerFact.key("TESTPAY", "shop-a", orderNo, status, source), event, null);
    }

    /**
     * A fact of TESTPAY's shop-a naming an amount, received now; its key names the amount, so the same status in
     * another amount is another fact.
     */
    public static LedgerFact payment(String orderNo, PaymentStatus status, Money amount, EventSource source) {
        OffsetDateTime now = OffsetDateTime.now();
        PaymentEvent event = new PaymentEvent("TESTPAY", "shop-a", "TP-shop-a", orderNo, "T-" + orderNo, status, amount,
                "CREDIT", null, null, now, now, source, status.name(), null, null, null, null);
        return new LedgerFact(LedgerFact.key("TESTPAY", "shop-a", orderNo, status, source,
                amount.value().toPlainString(), amount.currency()), event, null);
    }

    public static LedgerFact payment(String orderNo, PaymentStatus status) {
        return payment(orderNo, status, EventSource.CALLBACK);
    }
}
