package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayAnswerException;

/**
 * The ERP's answer about a stored card: the hub's reference, the token's status, what may be said of the card, and
 * for Push Token the bank app's URL TapPay answered ({@code callback_url}), where the shop's app sends the cardholder
 * back.
 */
public record StoredCardAnswer(String provider, String merchant, String cardRef, TokenStatus tokenStatus,
                               CardSummary card, @JsonInclude(JsonInclude.Include.NON_NULL) String callbackUrl) {

    public StoredCardAnswer(String provider, String merchant, String cardRef, TokenStatus tokenStatus,
                            CardSummary card) {
        this(provider, merchant, cardRef, tokenStatus, card, null);
    }

    /**
     * The result of a command that stored a card (Bind Card, Push Token): the vault's fact about it and this answer.
     *
     * @param facts  what {@link TapPayCardVault#store} returned; none means TapPay sent no card_secret
     * @param status the token's status to answer; null: the stored card's
     */
    static CommandResult stored(TapPayMerchant merchant, List<LedgerFact> facts, TokenStatus status) {
        return stored(merchant, facts, status, null);
    }

    /** The same, with the bank app's URL of a Push Token answer (null: none). */
    static CommandResult stored(TapPayMerchant merchant, List<LedgerFact> facts, TokenStatus status,
                                String callbackUrl) {
        if (facts.isEmpty()) {
            throw new GatewayAnswerException("TapPay answered success but sent no card_secret");
        }
        CardLifecycleEvent stored = (CardLifecycleEvent) facts.get(0).event();
        return new CommandResult(TapPay.ID, merchant.alias(), stored.tokenRef(), facts,
                new StoredCardAnswer(TapPay.ID.pathSegment(), merchant.alias(), stored.tokenRef(),
                        status == null ? stored.tokenStatus() : status, stored.card(), callbackUrl));
    }
}
