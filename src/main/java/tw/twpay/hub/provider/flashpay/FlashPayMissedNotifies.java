package tw.twpay.hub.provider.flashpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.ledger.LedgerQueries;

/**
 * Finds FlashPay orders whose notify never came, or was refused until FlashPay gave up (it resends every 30 minutes,
 * four times): still PENDING {@code missed-notify-after} after creation and not older than
 * {@code missed-notify-give-up}. The {@code flashpay-missed-notify-poll} route settles each with a 107 query.
 */
@Component("flashPayMissedNotifies")
public class FlashPayMissedNotifies {

    private static final int BATCH = 500;

    private final LedgerQueries ledger;
    private final FlashPayProperties properties;
    private final FlashPayMerchants merchants;
    private final Clock clock;

    public FlashPayMissedNotifies(LedgerQueries ledger, FlashPayProperties properties, FlashPayMerchants merchants,
                                  Clock clock) {
        this.ledger = ledger;
        this.properties = properties;
        this.merchants = merchants;
        this.clock = clock;
    }

    public List<PaymentOperationCommand> overduePendingOrders() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ledger.pendingOrders(FlashPay.CODE, now.minus(properties.missedNotifyGiveUp()),
                        now.minus(properties.missedNotifyAfter()), BATCH).stream()
                .filter(order -> merchants.all().containsKey(order.merchant()))
                .map(order -> new PaymentOperationCommand(FlashPay.ID, order.merchant(), order.orderNo(),
                        PaymentOperation.QUERY, null))
                .toList();
    }
}
