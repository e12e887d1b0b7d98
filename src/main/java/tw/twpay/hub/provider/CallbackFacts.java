package tw.twpay.hub.provider;

import java.util.List;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * What a verified callback said, as facts for the ledger.
 *
 * @param facts   usually one; a callback may report several facts (a payment and a card binding)
 * @param context whatever the channel needs to acknowledge in its provider's format, or null
 */
public record CallbackFacts(CallbackRequest request, List<LedgerFact> facts, Object context) {

    public CallbackFacts {
        facts = List.copyOf(facts);
    }
}
