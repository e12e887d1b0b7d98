package tw.twpay.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The {@code amount} of a command. An amount without a currency is only read where it can mean one currency: the
 * order's, for an operation on an order the hub knows; else the merchant's, when it takes only one (NewebPay and
 * FlashPay merchants take TWD). Otherwise it is refused, naming {@code amount.currency}, rather than taken as TWD.
 */
@Component("commandAmounts")
public class CommandAmounts {

    private final CommandBodies bodies;
    private final CommandLedger ledger;

    public CommandAmounts(CommandBodies bodies, CommandLedger ledger) {
        this.bodies = bodies;
        this.ledger = ledger;
    }

    /** The amount of a new order (payment, charge, mandate): required. */
    public Money ofNewOrder(JsonNode body, ProviderId provider, String merchant) {
        return RequestJson.money(body.path("amount"), true, () -> onlyCurrency(provider, merchant));
    }

    /** The amount of an operation on an existing order (capture, refund, amend); null when none is given. */
    public Money ofOrder(JsonNode body, ProviderId provider, String merchant, String orderNo, boolean required) {
        return RequestJson.money(body.path("amount"), required, () -> {
            Optional<Money> ordered = ledger.findOrder(provider, merchant, orderNo).map(OrderState::amount);
            return ordered.isPresent() ? ordered.get().currency() : onlyCurrency(provider, merchant);
        });
    }

    private String onlyCurrency(ProviderId provider, String merchant) {
        Set<String> currencies = bodies.currencies(provider, merchant);
        if (currencies.size() != 1) {
            throw RejectedRequestException.badRequest("amount.currency is required: " + provider.pathSegment()
                    + " merchant '" + merchant + "' takes " + String.join(", ", new TreeSet<>(currencies)));
        }
        return currencies.iterator().next();
    }
}
