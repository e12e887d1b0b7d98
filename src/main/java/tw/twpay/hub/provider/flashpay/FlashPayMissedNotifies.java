package tw.twpay.hub.provider.flashpay;

import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.provider.OverduePayments;

/**
 * Finds FlashPay orders whose notify never came, or was refused until FlashPay gave up (it resends every 30 minutes,
 * four times): still PENDING {@code missed-notify-after} after creation and not older than
 * {@code missed-notify-give-up}. The {@code flashpay-missed-notify-poll} route settles each with a 107 query.
 */
@Component("flashPayMissedNotifies")
public class FlashPayMissedNotifies {

    private final OverduePayments overdue;
    private final FlashPayProperties properties;
    private final FlashPayMerchants merchants;

    public FlashPayMissedNotifies(OverduePayments overdue, FlashPayProperties properties, FlashPayMerchants merchants) {
        this.overdue = overdue;
        this.properties = properties;
        this.merchants = merchants;
    }

    public List<PaymentOperationCommand> overduePendingOrders() {
        return overdue.of(FlashPay.ID, properties.missedNotifyAfter(), properties.missedNotifyGiveUp(),
                        merchants.all().keySet()).stream()
                .map(order -> new PaymentOperationCommand(FlashPay.ID, order.merchant(), order.orderNo(),
                        PaymentOperation.QUERY, null))
                .toList();
    }
}
