package tw.twpay.hub.command;

import java.util.Locale;
import org.springframework.stereotype.Component;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerQueries;
import tw.twpay.hub.ledger.OrderHistory;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.web.RejectedRequestException;

/** The ledger as commands see it: the order they act on, and storing what the provider answered. */
@Component("commandLedger")
public class CommandLedger {

    private final LedgerAppender appender;
    private final LedgerQueries queries;

    public CommandLedger(LedgerAppender appender, LedgerQueries queries) {
        this.appender = appender;
        this.queries = queries;
    }

    /**
     * Stores the command's facts in one transaction, journalled with the ERP API caller who issued the command,
     * then answers with its response or the order's history.
     */
    public Object store(CommandResult result,
                        @org.apache.camel.ExchangeProperty(tw.twpay.hub.security.ApiCaller.EXCHANGE_PROPERTY)
                        String issuedBy) {
        appender.appendAll(result.facts(), issuedBy);
        if (result.response() != null) {
            return result.response();
        }
        return history(result.provider(), result.merchant(), result.orderNo());
    }

    public OrderHistory history(String provider, String merchant, String orderNo) {
        return queries.orderHistory(provider.toUpperCase(Locale.ROOT), merchant, orderNo)
                .orElseThrow(() -> RejectedRequestException.notFound(
                        "no payment " + orderNo + " of merchant " + merchant + " at " + provider));
    }

    /** The order a command acts on; 404 when the hub does not know it. */
    public OrderState requireOrder(String provider, String merchant, String orderNo) {
        return history(provider, merchant, orderNo).order();
    }

    /** The status an order had before it last moved to {@code status} (e.g. before a refund was requested). */
    public java.util.Optional<tw.twpay.hub.canonical.PaymentStatus> statusBefore(String provider, String merchant,
                                                                                 String orderNo,
                                                                                 tw.twpay.hub.canonical.PaymentStatus status) {
        return queries.statusBefore(provider.toUpperCase(Locale.ROOT), merchant, orderNo, status);
    }

    /** What of the order can still be refunded: its captured amount less the refunds still standing. */
    public tw.twpay.hub.ledger.RefundableBalance refundableBalance(OrderState order) {
        return queries.refundableBalance(order.provider(), order.merchant(), order.orderNo(), order.amount());
    }

    public java.util.Optional<OrderState> findOrder(String provider, String merchant, String orderNo) {
        return queries.orderHistory(provider.toUpperCase(Locale.ROOT), merchant, orderNo).map(OrderHistory::order);
    }
}
