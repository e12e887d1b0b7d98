package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.CardAction;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CallbackAcknowledgement;
import tw.twpay.hub.provider.CallbackChannel;
import tw.twpay.hub.provider.CallbackConfirmation;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.StoredCallback;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * TapPay's card notify ({@code POST /callbacks/tappay/{merchant}/card-notify}, TSP, hourly, unsigned): its
 * {@code card_token} array names one card's tokens. The card must be one the hub stored; it is re-checked with Card
 * Metadata (with the stored card_key) and what Card Metadata says becomes a card lifecycle event per stored card:
 * a new expiry to record, or SUSPENDED/DELETED → stop charging and ask for a new card.
 */
@Component("tapPayCardNotifyChannel")
public class TapPayCardNotifyChannel implements CallbackChannel {

    /** Card Metadata: the card key and token are not (or no longer) TapPay's. */
    static final int CARD_NOT_FOUND = 2011;

    private final TapPayMerchants merchants;
    private final TapPayCardVault vault;
    private final Clock clock;

    public TapPayCardNotifyChannel(TapPayMerchants merchants, TapPayCardVault vault, Clock clock) {
        this.merchants = merchants;
        this.vault = vault;
        this.clock = clock;
    }

    /** The stored cards the notify names, and what Card Metadata confirmed once it did. */
    record NotifiedCards(TapPayMerchant merchant, List<String> cardRefs, TokenStatus status, String expiry) {
    }

    @Override
    public CallbackFacts decode(CallbackRequest request) {
        TapPayMerchant merchant = merchants.require(request.merchant());
        ObjectNode notice = TapPayJson.parseObject(request.body());
        if (notice == null || !notice.path("card_token").isArray() || notice.path("card_token").isEmpty()) {
            throw RejectedRequestException.badRequest("TapPay card notify has no card_token array");
        }
        List<String> tokens = new ArrayList<>();
        for (JsonNode token : notice.path("card_token")) {
            if (!token.isTextual() || token.asText().isBlank() || token.asText().length() > 100) {
                throw RejectedRequestException.badRequest("TapPay card notify's card_token holds a non-token");
            }
            tokens.add(token.asText());
        }
        List<String> cardRefs = vault.cardRefsByTokens(merchant, tokens);
        if (cardRefs.isEmpty()) {
            throw RejectedRequestException.badRequest("TapPay card notify names no card the hub stored");
        }
        return new CallbackFacts(request, List.of(), new NotifiedCards(merchant, cardRefs, null, null));
    }

    /** Card Metadata of the stored card, with its own card_key and card_token. */
    @Override
    public GatewayRequest confirmation(CallbackFacts decoded) {
        NotifiedCards cards = (NotifiedCards) decoded.context();
        TapPayCardVault.OpenedCard card = vault.open(cards.merchant(), cards.cardRefs().get(0));
        return TapPayRequests.call(cards.merchant(), TapPayPaths.CARD_METADATA,
                TapPayRequests.card(card.cardKey(), card.cardToken(), cards.merchant().partnerKey()), cards);
    }

    @Override
    public CallbackFacts confirm(CallbackConfirmation confirmation) {
        NotifiedCards cards = (NotifiedCards) confirmation.decoded().context();
        TapPayAnswer answer = TapPayAnswer.readKnown(confirmation.call());
        TokenStatus status;
        CardSummary card = null;
        if (answer.status() == CARD_NOT_FOUND) {
            status = TokenStatus.DELETED;
        } else if (answer.success()) {
            status = tokenStatus(TapPayJson.textField(answer.path("card_info"), "token_status"));
            card = TapPayEvents.card(answer.path("card_info"));
        } else {
            throw RejectedRequestException.badRequest("Card Metadata refused: " + answer.describe());
        }
        String expiry = card == null ? null : card.expiry();
        CardAction action = switch (status) {
            case SUSPENDED, DELETED -> CardAction.STOP_CHARGING_AND_REBIND;
            case ACTIVE -> expiry != null ? CardAction.UPDATE_EXPIRY : CardAction.NONE;
            default -> CardAction.NONE;
        };
        OffsetDateTime now = OffsetDateTime.now(clock);
        TapPayMerchant merchant = cards.merchant();
        List<LedgerFact> facts = new ArrayList<>();
        for (String cardRef : cards.cardRefs()) {
            CardLifecycleEvent event = new CardLifecycleEvent(TapPay.CODE, merchant.alias(), merchant.portalId(),
                    cardRef, status, expiry, null, null, action, card, now, now, EventSource.CALLBACK,
                    "token_status " + status, Integer.toString(answer.status()), answer.msg());
            facts.add(new LedgerFact(LedgerFact.key(TapPay.CODE, merchant.alias(), "card", cardRef, "metadata",
                    status, expiry), event, TapPayJson.text(answer.body())));
        }
        return new CallbackFacts(confirmation.decoded().request(), facts,
                new NotifiedCards(merchant, cards.cardRefs(), status, expiry));
    }

    static TokenStatus tokenStatus(String tokenStatus) {
        if (tokenStatus == null) {
            return TokenStatus.UNKNOWN;
        }
        return switch (tokenStatus) {
            case "ACTIVE" -> TokenStatus.ACTIVE;
            case "SUSPENDED" -> TokenStatus.SUSPENDED;
            case "DELETED" -> TokenStatus.DELETED;
            default -> TokenStatus.UNKNOWN; // NOT_SUPPORT, REQUEST_PROCESSING
        };
    }

    /** After the events are committed the card table follows: a suspended or deleted card is no longer charged. */
    @Override
    public CallbackAcknowledgement acknowledge(StoredCallback stored) {
        NotifiedCards cards = (NotifiedCards) stored.callback().context();
        if (cards.status() != TokenStatus.UNKNOWN) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            cards.cardRefs().forEach(cardRef ->
                    vault.updateStatus(cards.merchant(), cardRef, cards.status(), cards.expiry(), now));
        }
        return CallbackAcknowledgement.json("{\"status\":0,\"msg\":\"OK\"}");
    }
}
