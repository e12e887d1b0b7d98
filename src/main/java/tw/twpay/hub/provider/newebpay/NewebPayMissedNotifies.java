package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.ledger.LedgerQueries;

/**
 * Finds NewebPay orders whose NotifyURL never came: still PENDING {@code missed-notify-after} after creation, and not
 * older than {@code missed-notify-give-up} (an abandoned checkout is not asked about forever), and whose pause
 * since the last query is over ({@link NewebPayQueryThrottle}).
 */
@Component("newebPayMissedNotifies")
public class NewebPayMissedNotifies {

    private static final int BATCH = 500;

    private final LedgerQueries ledger;
    private final NewebPayProperties properties;
    private final NewebPayMerchants merchants;
    private final NewebPayQueryThrottle throttle;
    private final Clock clock;

    public NewebPayMissedNotifies(LedgerQueries ledger, NewebPayProperties properties, NewebPayMerchants merchants,
                                  NewebPayQueryThrottle throttle, Clock clock) {
        this.ledger = ledger;
        this.properties = properties;
        this.merchants = merchants;
        this.throttle = throttle;
        this.clock = clock;
    }

    public List<PaymentOperationCommand> overduePendingOrders() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ledger.pendingOrders(NewebPay.CODE, now.minus(properties.missedNotifyGiveUp()),
                        now.minus(properties.missedNotifyAfter()), BATCH).stream()
                .filter(order -> merchants.all().containsKey(order.merchant()))
                .filter(order -> merchants.all().get(order.merchant()).kind() == NewebPayMerchantKind.NDNF)
                // each order is asked about again only after its pause, and not at all after the last one
                .filter(order -> throttle.due(order.merchant(), order.orderNo()))
                .map(order -> new PaymentOperationCommand(NewebPay.ID, order.merchant(), order.orderNo(),
                        PaymentOperation.QUERY, null))
                .toList();
    }
}
