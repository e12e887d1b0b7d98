package tw.twpay.hub.provider.newebpay;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.ledger.LedgerQueries.OrderKey;
import tw.twpay.hub.provider.OverduePayments;

/**
 * Finds NewebPay orders whose NotifyURL never came: still PENDING {@code missed-notify-after} after creation, and not
 * older than {@code missed-notify-give-up} (an abandoned checkout is not asked about forever), and whose pause
 * since the last query is over ({@link NewebPayQueryThrottle}); and orders with a payment operation whose outcome is
 * unknown ({@link OverduePayments}), at every poll.
 */
@Component("newebPayMissedNotifies")
public class NewebPayMissedNotifies {

    private final OverduePayments overdue;
    private final NewebPayProperties properties;
    private final NewebPayMerchants merchants;
    private final NewebPayQueryThrottle throttle;

    public NewebPayMissedNotifies(OverduePayments overdue, NewebPayProperties properties, NewebPayMerchants merchants,
                                  NewebPayQueryThrottle throttle) {
        this.overdue = overdue;
        this.properties = properties;
        this.merchants = merchants;
        this.throttle = throttle;
    }

    public List<PaymentOperationCommand> overduePendingOrders() {
        Set<String> aliases = merchants.all().keySet();
        Stream<OrderKey> pending = overdue.pending(NewebPay.ID, properties.missedNotifyAfter(),
                        properties.missedNotifyGiveUp(), aliases).stream()
                .filter(order -> merchants.all().get(order.merchant()).kind() == NewebPayMerchantKind.NDNF)
                // each order is asked about again only after its pause, and not at all after the last one
                .filter(order -> throttle.due(order.merchant(), order.orderNo()));
        // an operation whose outcome is unknown blocks its order until a query settles it: asked about at every poll
        // (the merchant's hourly cap still applies), whatever the pauses of the order's earlier queries
        Stream<OrderKey> unsettled = overdue.unsettledOperations(NewebPay.ID, properties.missedNotifyGiveUp(),
                aliases).stream();
        return Stream.concat(unsettled, pending).distinct()
                .map(order -> new PaymentOperationCommand(NewebPay.ID, order.merchant(), order.orderNo(),
                        PaymentOperation.QUERY, null))
                .toList();
    }
}
