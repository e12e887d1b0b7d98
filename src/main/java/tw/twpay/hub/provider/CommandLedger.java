package tw.twpay.hub.provider;

import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerQueries;
import tw.twpay.hub.ledger.OrderHistory;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.ledger.RefundableBalance;
import tw.twpay.hub.security.ApiCaller;
import tw.twpay.hub.web.RejectedRequestException;

/** The ledger as commands see it: the order they act on, the intent before a call, and what the provider answered. */
@Component("commandLedger")
public class CommandLedger {

    private final LedgerAppender appender;
    private final LedgerQueries queries;
    private final PaymentOperationsInFlight operationsInFlight;

    public CommandLedger(LedgerAppender appender, LedgerQueries queries, PaymentOperationsInFlight operationsInFlight) {
        this.appender = appender;
        this.queries = queries;
        this.operationsInFlight = operationsInFlight;
    }

    /**
     * Journals what a gateway request is about to do (e.g. PENDING with its identity) before it is sent: if the
     * call's outcome is unknown, this is what a query later settles. The request passes on unchanged.
     */
    public GatewayRequest recordIntent(GatewayRequest request,
                                       @ExchangeProperty(ApiCaller.EXCHANGE_PROPERTY) String issuedBy) {
        if (!request.intent().isEmpty()) {
            appender.appendAll(request.intent(), issuedBy);
        }
        return request;
    }

    /**
     * Stores the command's facts in one transaction, journalled with the ERP API caller who issued the command,
     * then answers with its response or the order's history. What a query of the gateway learned about an order
     * settles a payment operation of it whose outcome was unknown (see {@link PaymentOperationsInFlight}).
     */
    public Object store(CommandResult result, @ExchangeProperty(ApiCaller.EXCHANGE_PROPERTY) String issuedBy) {
        if (!result.facts().isEmpty()) {
            appender.appendAll(result.facts(), issuedBy);
            if (result.facts().stream().allMatch(fact -> fact.event().source() == EventSource.QUERY)) {
                operationsInFlight.settledByQuery(result.provider(), result.merchant(), result.orderNo());
            }
        }
        if (result.response() != null) {
            return result.response();
        }
        return history(result.provider(), result.merchant(), result.orderNo());
    }

    public OrderHistory history(ProviderId provider, String merchant, String orderNo) {
        return queries.orderHistory(provider.code(), merchant, orderNo)
                .orElseThrow(() -> RejectedRequestException.notFound(
                        "no payment " + orderNo + " of merchant " + merchant + " at " + provider));
    }

    /** The order a command acts on; 404 when the hub does not know it. */
    public OrderState requireOrder(ProviderId provider, String merchant, String orderNo) {
        return history(provider, merchant, orderNo).order();
    }

    public Optional<OrderState> findOrder(ProviderId provider, String merchant, String orderNo) {
        return queries.orderHistory(provider.code(), merchant, orderNo).map(OrderHistory::order);
    }

    /**
     * A payment page may be asked for again while its order is still PENDING with the same amount (the customer
     * retries); an order that moved on, or another amount under the same order number, is a 409.
     */
    public void requireNewOrSamePendingOrder(ProviderId provider, String merchant, String orderNo, Money amount) {
        findOrder(provider, merchant, orderNo).ifPresent(existing -> {
            if (existing.status() != PaymentStatus.PENDING) {
                throw new RejectedRequestException(409, "order " + orderNo + " exists already with status "
                        + existing.status());
            }
            if (existing.amount() != null && existing.amount().compareTo(amount) != 0) {
                throw new RejectedRequestException(409, "order " + orderNo + " exists already with amount "
                        + existing.amount().text() + " " + existing.amount().currency());
            }
        });
    }

    /** The status an order had before it last moved to {@code status} (e.g. before a refund was requested). */
    public Optional<PaymentStatus> statusBefore(ProviderId provider, String merchant, String orderNo,
                                                PaymentStatus status) {
        return queries.statusBefore(provider.code(), merchant, orderNo, status);
    }

    /** What of the order can still be refunded: its captured amount less the refunds still standing. */
    public RefundableBalance refundableBalance(OrderState order) {
        return queries.refundableBalance(order.provider(), order.merchant(), order.orderNo(), order.amount());
    }
}
