package tw.twpay.hub.provider.tappay;

import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.StoredCardCommand;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Card Metadata ({@code GET /api/v1/cards/tappay/{merchant}/{cardRef}/metadata}): TapPay's current view of a stored
 * card (TSP token status, card summary), answered as canonical values; 2011 means TapPay has no such card (DELETED).
 */
@Component("tapPayCardMetadataQueries")
public class TapPayCardMetadataQueries implements GatewayOperation<StoredCardCommand> {

    private final TapPayMerchants merchants;
    private final TapPayCardVault vault;

    public TapPayCardMetadataQueries(TapPayMerchants merchants, TapPayCardVault vault) {
        this.merchants = merchants;
        this.vault = vault;
    }

    @Override
    public GatewayRequest request(StoredCardCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        TapPayCardVault.OpenedCard card = vault.open(merchant, command.cardRef());
        return TapPayRequests.call(merchant, TapPayPaths.CARD_METADATA, TapPayRequests.card(card.cardKey(),
                card.cardToken(), merchant.partnerKey()), card);
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        TapPayCardVault.OpenedCard card = call.context(TapPayCardVault.OpenedCard.class);
        TapPayMerchant merchant = merchants.require(card.merchant());
        TapPayAnswer answer = TapPayAnswer.readKnown(call);
        TokenStatus status;
        CardSummary summary = card.card();
        if (answer.status() == TapPayCardNotifyChannel.CARD_NOT_FOUND) {
            status = TokenStatus.DELETED;
        } else if (answer.success()) {
            status = TapPayCardNotifyChannel.tokenStatus(TapPayJson.textField(answer.path("card_info"),
                    "token_status"));
            CardSummary told = TapPayEvents.card(answer.path("card_info"));
            summary = told != null ? told : summary;
        } else {
            throw new RejectedRequestException(422, "TapPay refused Card Metadata: " + answer.describe());
        }
        return new CommandResult(TapPay.ID, merchant.alias(), card.cardRef(), List.of(),
                new StoredCardAnswer(TapPay.ID.pathSegment(), merchant.alias(), card.cardRef(), status, summary));
    }
}
