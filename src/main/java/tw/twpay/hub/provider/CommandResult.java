package tw.twpay.hub.provider;

import java.util.List;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * A command's outcome: the facts to journal and what to answer the ERP once they are stored.
 *
 * @param response the answer body; null means "the order's state and history after storing"
 */
public record CommandResult(ProviderId provider, String merchant, String orderNo, List<LedgerFact> facts,
                            Object response) {

    public CommandResult {
        facts = List.copyOf(facts);
    }
}
