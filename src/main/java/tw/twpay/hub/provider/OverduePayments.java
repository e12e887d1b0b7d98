package tw.twpay.hub.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tw.twpay.hub.ledger.LedgerQueries;
import tw.twpay.hub.ledger.LedgerQueries.OrderKey;

/**
 * The payments a provider's missed-notify poll settles by query: still PENDING {@code after} their creation (the
 * callback never came, or a command's answer was lost) and not older than {@code giveUp}, oldest first, a bounded
 * batch per poll; then those with a payment operation whose outcome is unknown ({@link PaymentOperationsInFlight}),
 * started within {@code giveUp} too.
 * Only of merchants this hub still has configured.
 */
@Component
public class OverduePayments {

    private static final int BATCH = 500;

    private final LedgerQueries ledger;
    private final PaymentOperationsInFlight operationsInFlight;
    private final Clock clock;

    public OverduePayments(LedgerQueries ledger, PaymentOperationsInFlight operationsInFlight, Clock clock) {
        this.ledger = ledger;
        this.operationsInFlight = operationsInFlight;
        this.clock = clock;
    }

    public List<OrderKey> of(ProviderId provider, Duration after, Duration giveUp, Set<String> merchants) {
        return Stream.concat(pending(provider, after, giveUp, merchants).stream(),
                        unsettledOperations(provider, giveUp, merchants).stream())
                .distinct()
                .toList();
    }

    /** Only the orders still PENDING {@code after} their creation. */
    public List<OrderKey> pending(ProviderId provider, Duration after, Duration giveUp, Set<String> merchants) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ledger.pendingOrders(provider.code(), now.minus(giveUp), now.minus(after), BATCH).stream()
                .filter(order -> merchants.contains(order.merchant()))
                .toList();
    }

    /** Only the orders with a payment operation whose outcome is unknown. */
    public List<OrderKey> unsettledOperations(ProviderId provider, Duration giveUp, Set<String> merchants) {
        return operationsInFlight.unsettled(provider, giveUp).stream()
                .filter(order -> merchants.contains(order.merchant()))
                .toList();
    }
}
