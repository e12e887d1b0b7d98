package tw.twpay.hub.provider.tappay;

import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.provider.OverduePayments;

/**
 * Finds TapPay payments still PENDING {@code missed-notify-after} after creation — a redirect whose backend notify
 * never came, or a Pay by Prime whose answer was lost — and not older than {@code missed-notify-give-up}. Each is
 * settled by Record ({@code direct:tappay-query-payment}), never by paying again.
 */
@Component("tapPayMissedNotifies")
public class TapPayMissedNotifies {

    private final OverduePayments overdue;
    private final TapPayProperties properties;
    private final TapPayMerchants merchants;

    public TapPayMissedNotifies(OverduePayments overdue, TapPayProperties properties, TapPayMerchants merchants) {
        this.overdue = overdue;
        this.properties = properties;
        this.merchants = merchants;
    }

    public List<PaymentOperationCommand> overduePendingOrders() {
        return overdue.of(TapPay.ID, properties.missedNotifyAfter(), properties.missedNotifyGiveUp(),
                        merchants.all().keySet()).stream()
                .map(order -> new PaymentOperationCommand(TapPay.ID, order.merchant(), order.orderNo(),
                        PaymentOperation.QUERY, null))
                .toList();
    }
}
