package tw.twpay.hub.provider.tappay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.ledger.LedgerQueries;

/**
 * Finds TapPay payments still PENDING {@code missed-notify-after} after creation — a redirect whose backend notify
 * never came, or a Pay by Prime whose answer was lost — and not older than {@code missed-notify-give-up}. Each is
 * settled by Record ({@code direct:tappay-query-payment}), never by paying again.
 */
@Component("tapPayMissedNotifies")
public class TapPayMissedNotifies {

    private static final int BATCH = 500;

    private final LedgerQueries ledger;
    private final TapPayProperties properties;
    private final TapPayMerchants merchants;
    private final Clock clock;

    public TapPayMissedNotifies(LedgerQueries ledger, TapPayProperties properties, TapPayMerchants merchants,
                                Clock clock) {
        this.ledger = ledger;
        this.properties = properties;
        this.merchants = merchants;
        this.clock = clock;
    }

    public List<PaymentOperationCommand> overduePendingOrders() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ledger.pendingOrders(TapPay.CODE, now.minus(properties.missedNotifyGiveUp()),
                        now.minus(properties.missedNotifyAfter()), BATCH).stream()
                .filter(order -> merchants.all().containsKey(order.merchant()))
                .map(order -> new PaymentOperationCommand(TapPay.ID, order.merchant(), order.orderNo(),
                        PaymentOperation.QUERY, null))
                .toList();
    }
}
