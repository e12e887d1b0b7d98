package tw.twpay.hub.provider;

import java.util.List;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.LedgerQueries;
import tw.twpay.hub.ledger.OrderHistory;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.ledger.RefundableBalance;
import tw.twpay.hub.ledger.StoreOutcome;
import tw.twpay.hub.ledger.StoreResult;
import tw.twpay.hub.security.ApiCaller;
import tw.twpay.hub.web.RejectedRequestException;

/** The ledger as commands see it: the order they act on, the intent before a call, and what the provider answered. */
@Component("commandLedger")
public class CommandLedger {

    private static final Logger log = LoggerFactory.getLogger(CommandLedger.class);

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
            if (result.facts().stream().allMatch(fact -> fact.event().source() == EventSource.QUERY)) {
                storeQuery(result, issuedBy);
            } else {
                appender.appendAll(result.facts(), issuedBy);
            }
        }
        if (result.response() != null) {
            return result.response();
        }
        return history(result.provider(), result.merchant(), result.orderNo());
    }

    /**
     * Stores the PENDING fact of a payment page the hub hands out without calling the provider (a {@link
     * LocalOperation}: the signed form the customer's browser posts), then answers the page. The page is handed out
     * only when its fact opened the order, or is the page asked for again (a duplicate): another page of the same
     * order in another amount, stored between this one's check that the order is new and its store (two requests at
     * once, on one node or two), has made the order's amount its own, and this page is refused as a request arriving
     * a moment later is (409) — paid, it would be a payment in an amount the order does not have.
     */
    public Object storePage(CommandResult result, @ExchangeProperty(ApiCaller.EXCHANGE_PROPERTY) String issuedBy) {
        List<StoreResult> stored = appender.appendAll(result.facts(), issuedBy);
        for (int i = 0; i < stored.size(); i++) {
            StoreOutcome outcome = stored.get(i).outcome();
            if (outcome != StoreOutcome.APPLIED && outcome != StoreOutcome.DUPLICATE
                    && result.facts().get(i).event() instanceof PaymentEvent page) {
                log.warn("{} order {} of merchant {}: a page in {} {} was not handed out, the order was opened"
                        + " meanwhile by another request ({})", result.provider(), result.orderNo(),
                        result.merchant(), page.amount() == null ? null : page.amount().text(),
                        page.amount() == null ? null : page.amount().currency(), outcome);
                requireNewOrSamePendingOrder(result.provider(), result.merchant(), result.orderNo(), page.amount());
                throw new RejectedRequestException(409, "order " + result.orderNo() + " was opened at the same time"
                        + " by another request; query it, or ask again");
            }
        }
        return result.response() != null ? result.response() : history(result.provider(), result.merchant(),
                result.orderNo());
    }

    /**
     * What a query of the gateway learned about an order, with an operation standing on it. The gateway's word is
     * what it did: a withdrawal it carried out (a capture or refund request cancelled) shows as the status before the
     * withdrawn request, a step back that is stored as one (a reverting fact, keyed by the withdrawal, so that an
     * older fact of that status does not make it a duplicate) rather than ignored. The operation is settled once the
     * order's status is the one the gateway reports — and it started settle-unknown-after ago; else it stays, and the
     * order takes no other operation.
     */
    private void storeQuery(CommandResult result, String issuedBy) {
        ProviderId provider = result.provider();
        Optional<PaymentOperationsInFlight.Standing> standing =
                operationsInFlight.standing(provider, result.merchant(), result.orderNo());
        List<LedgerFact> facts = result.facts();
        PaymentStatus reported = reportedStatus(result);
        if (standing.isPresent() && reported != null
                && withdrawalDone(standing.get(), provider, result.merchant(), result.orderNo(), reported)) {
            String withdrawal = "settles " + standing.get().operation() + " of " + standing.get().startedAt();
            facts = facts.stream().map(fact -> isPaymentOf(fact, result.orderNo())
                    ? new LedgerFact(LedgerFact.extend(fact.factKey(), withdrawal), fact.event(), fact.rawPayload(), true)
                    : fact).toList();
        }
        appender.appendAll(facts, issuedBy);
        if (standing.isEmpty()) {
            return;
        }
        PaymentStatus now = findOrder(provider, result.merchant(), result.orderNo()).map(OrderState::status).orElse(null);
        if (reported == null || reported == now) {
            operationsInFlight.settledByQuery(provider, result.merchant(), result.orderNo());
        } else {
            log.warn("{} order {} keeps its {} in flight: the gateway reports {}, the ledger says {}", provider,
                    result.orderNo(), standing.get().operation(), reported, now);
        }
    }

    /** Whether the gateway reports the status the standing withdrawal leads back to, where the ledger is not yet. */
    private boolean withdrawalDone(PaymentOperationsInFlight.Standing standing, ProviderId provider, String merchant,
                                   String orderNo, PaymentStatus reported) {
        Optional<OrderState> order = findOrder(provider, merchant, orderNo);
        if (!standing.withdraws() || order.isEmpty()) {
            return false;
        }
        PaymentStatus status = order.get().status();
        if (standing.operation() == PaymentOperation.CANCEL_CAPTURE) {
            return status == PaymentStatus.CAPTURE_REQUESTED && reported == PaymentStatus.AUTHORIZED;
        }
        return status == PaymentStatus.REFUND_REQUESTED && reported == statusBefore(provider, merchant, orderNo,
                PaymentStatus.REFUND_REQUESTED).orElse(PaymentStatus.CAPTURED);
    }

    /** The status the query reports for the order: that of its last payment fact; null when it has none. */
    private static PaymentStatus reportedStatus(CommandResult result) {
        PaymentStatus reported = null;
        for (LedgerFact fact : result.facts()) {
            if (isPaymentOf(fact, result.orderNo())) {
                reported = ((PaymentEvent) fact.event()).status();
            }
        }
        return reported;
    }

    private static boolean isPaymentOf(LedgerFact fact, String orderNo) {
        return fact.event() instanceof PaymentEvent payment && orderNo.equals(payment.orderNo())
                && payment.status() != null;
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

    /** What the hub last heard of a stored card's token (a binding, a card updater's notice); empty if nothing. */
    public Optional<String> cardTokenStatus(ProviderId provider, String merchant, String tokenRef) {
        return queries.cardToken(provider.code(), merchant, tokenRef).map(LedgerQueries.CardTokenState::status);
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

    /** What of the order can still be refunded: its captured amount less what the gateway and the hub refunded. */
    public RefundableBalance refundableBalance(OrderState order) {
        return queries.refundableBalance(order.provider(), order.merchant(), order.orderNo(), order.amount());
    }
}
