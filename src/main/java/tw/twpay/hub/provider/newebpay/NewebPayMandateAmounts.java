package tw.twpay.hub.provider.newebpay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.MandateChange;
import tw.twpay.hub.canonical.MandateEvent;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.ledger.JournalEntry;
import tw.twpay.hub.ledger.OrderHistory;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.CommandLedger;

/**
 * What a period's charge of an NDNP mandate should amount to. NewebPay files each charge under a new order
 * ({@code MerchantOrderNo_N}), which the ledger has no amount for; the amount to check it against is the mandate's:
 * the one the hub created the mandate with, or the one the gateway last confirmed through AlterAmt before the charge
 * (NewNextAmt, journalled as the mandate's AMOUNT_CHANGED).
 */
@Component("newebPayMandateAmounts")
class NewebPayMandateAmounts {

    private final CommandLedger ledger;

    NewebPayMandateAmounts(CommandLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * The amount the notice's period charge should be; null for a notice that is not a period's charge, or of a
     * mandate the hub did not create (its charges are flagged UNKNOWN_ORDER instead).
     */
    Money expectedCharge(NewebPayPeriodNotice notice) {
        if (notice.kind() != NewebPayPeriodNotice.Kind.CHARGE) {
            return null;
        }
        String mandateOrderNo = notice.mandateOrderNo();
        Optional<OrderState> mandateOrder = ledger.findOrder(NewebPay.ID, notice.merchant().alias(), mandateOrderNo);
        if (mandateOrder.isEmpty() || !mandateOrder.get().createdByHub() || mandateOrder.get().amount() == null) {
            return null;
        }
        OffsetDateTime chargedAt = NewebPayTradeMapper.occurredAt(notice.payload());
        OrderHistory history = ledger.history(NewebPay.ID, notice.merchant().alias(), mandateOrderNo);
        Money inForce = mandateOrder.get().amount();
        for (JournalEntry entry : history.journal()) {
            Money changed = amountChangedTo(entry);
            // a change confirmed after the charge was made is for the periods after it
            if (changed != null && (chargedAt == null || entry.occurredAt() == null
                    || !entry.occurredAt().isAfter(chargedAt))) {
                inForce = changed;
            }
        }
        return inForce;
    }

    /** The new period amount of an AMOUNT_CHANGED mandate event, else null. */
    private static Money amountChangedTo(JournalEntry entry) {
        if (!MandateEvent.TYPE.equals(entry.eventType()) || !MandateChange.AMOUNT_CHANGED.name().equals(entry.status())
                || entry.event() == null) {
            return null;
        }
        JsonNode amount = entry.event().path("data").path("periodAmount");
        if (!amount.path("value").isTextual() && !amount.path("value").isNumber()) {
            return null;
        }
        return Money.of(amount.path("value").asText(), amount.path("currency").asText("TWD"));
    }
}
