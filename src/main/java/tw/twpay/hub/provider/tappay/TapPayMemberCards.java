package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.MemberCardsQuery;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Get Member Card ({@code GET /api/v1/cards/tappay/{merchant}/member-cards?memberId=...}): the cards TapPay keeps
 * bound under a member id (the cardholder's {@code memberId} when the card was stored). Each card TapPay names by its
 * card_token is answered by the hub's card reference when the hub stored it (null otherwise); the token itself never
 * reaches the ERP.
 */
@Component("tapPayMemberCards")
public class TapPayMemberCards implements GatewayOperation<MemberCardsQuery> {

    private final TapPayMerchants merchants;
    private final TapPayCardVault vault;

    public TapPayMemberCards(TapPayMerchants merchants, TapPayCardVault vault) {
        this.merchants = merchants;
        this.vault = vault;
    }

    /** One of the member's cards; {@code cardRef} null when the card was not stored through this hub. */
    public record MemberCard(String cardRef, CardSummary card, String cardIdentifier) {
    }

    public record MemberCardsAnswer(String provider, String merchant, String memberId, List<MemberCard> cards) {
    }

    @Override
    public GatewayRequest request(MemberCardsQuery query) {
        TapPayMerchant merchant = merchants.require(query.merchant());
        if (query.memberId() == null || query.memberId().isBlank() || query.memberId().length() > 64) {
            throw RejectedRequestException.badRequest("query parameter memberId is required (at most 64 characters)");
        }
        vault.requireAvailable();
        return TapPayRequests.call(merchant, TapPayPaths.GET_MEMBER_CARD,
                TapPayRequests.getMemberCard(query.memberId(), merchant.partnerKey()), query);
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        MemberCardsQuery query = call.context(MemberCardsQuery.class);
        TapPayMerchant merchant = merchants.require(query.merchant());
        TapPayAnswer answer = TapPayAnswer.readSuccess(call, "TapPay refused Get Member Card");
        List<MemberCard> cards = new ArrayList<>();
        for (JsonNode card : answer.path("cards")) {
            String cardToken = TapPayJson.textField(card, "card_token");
            List<String> refs = cardToken == null ? List.of() : vault.cardRefsByTokens(merchant, List.of(cardToken));
            cards.add(new MemberCard(refs.isEmpty() ? null : refs.get(0), TapPayEvents.card(card),
                    TapPayJson.textField(card, "card_identifier")));
        }
        return new CommandResult(TapPay.ID, merchant.alias(), query.memberId(), List.of(),
                new MemberCardsAnswer(TapPay.ID.pathSegment(), merchant.alias(), query.memberId(), cards));
    }
}
