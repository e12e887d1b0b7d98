package tw.twpay.hub.provider.tappay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.StoredCardCommand;
import tw.twpay.hub.canonical.CardAction;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Remove Card ({@code POST /api/v1/cards/tappay/{merchant}/{cardRef}/remove}): TapPay forgets the card; the hub
 * marks it DELETED (kept sealed for the audit trail, never charged again) and tells the ERP.
 */
@Component("tapPayCardRemovals")
public class TapPayCardRemovals implements GatewayOperation<StoredCardCommand> {

    private final TapPayMerchants merchants;
    private final TapPayCardVault vault;
    private final Clock clock;

    public TapPayCardRemovals(TapPayMerchants merchants, TapPayCardVault vault, Clock clock) {
        this.merchants = merchants;
        this.vault = vault;
        this.clock = clock;
    }

    @Override
    public GatewayRequest request(StoredCardCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        TapPayCardVault.OpenedCard card = vault.open(merchant, command.cardRef());
        return TapPayRequests.call(merchant, TapPayPaths.REMOVE_CARD, TapPayRequests.card(card.cardKey(),
                card.cardToken(), merchant.partnerKey()), card);
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        TapPayCardVault.OpenedCard card = call.context(TapPayCardVault.OpenedCard.class);
        TapPayMerchant merchant = merchants.require(card.merchant());
        TapPayAnswer answer = TapPayAnswer.readKnown(call);
        // 2011: TapPay has no such card any more, which is what removing asked for
        if (!answer.success() && answer.status() != TapPayCardNotifyChannel.CARD_NOT_FOUND) {
            throw new RejectedRequestException(422, "TapPay did not remove the card: " + answer.describe());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        vault.updateStatus(merchant, card.cardRef(), TokenStatus.DELETED, null, now);
        CardLifecycleEvent removed = new CardLifecycleEvent(TapPay.CODE, merchant.alias(), merchant.portalId(),
                card.cardRef(), TokenStatus.DELETED, null, null, null, CardAction.NONE, card.card(), now, now,
                EventSource.COMMAND, "CARD_REMOVED", Integer.toString(answer.status()), answer.msg());
        return new CommandResult(TapPay.ID, merchant.alias(), card.cardRef(), List.of(new LedgerFact(
                LedgerFact.key(TapPay.CODE, merchant.alias(), "card", card.cardRef(), "removed"), removed, null)),
                new StoredCardAnswer(TapPay.ID.pathSegment(), merchant.alias(), card.cardRef(), TokenStatus.DELETED,
                        card.card()));
    }
}
