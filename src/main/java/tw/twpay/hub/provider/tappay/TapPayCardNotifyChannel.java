package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
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
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.StoredCallback;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * TapPay's card notify ({@code POST /callbacks/tappay/{merchant}/card-notify}, TSP, hourly, unsigned): its
 * {@code card_token} array names one card's tokens. Each stored card it names is re-checked with Card Metadata (with
 * that card's own card_key and card_token), and what Card Metadata says of that card becomes its card lifecycle
 * event: a new expiry to record, or SUSPENDED/DELETED → stop charging and ask for a new card.
 */
@Component("tapPayCardNotifyChannel")
public class TapPayCardNotifyChannel implements CallbackChannel {

    /** Card Metadata: the card key and token are not (or no longer) TapPay's. */
    static final int CARD_NOT_FOUND = 2011;

    private final TapPayMerchants merchants;
    private final TapPayCardVault vault;
    private final ProducerTemplate producer;
    private final Clock clock;

    public TapPayCardNotifyChannel(TapPayMerchants merchants, TapPayCardVault vault, ProducerTemplate producer,
                                   Clock clock) {
        this.merchants = merchants;
        this.vault = vault;
        this.producer = producer;
        this.clock = clock;
    }

    /** The stored cards the notify names, in a fixed order. */
    record NotifiedCards(TapPayMerchant merchant, List<String> cardRefs) {
    }

    /** What Card Metadata said of one stored card. */
    private record Checked(String cardRef, TokenStatus status, CardSummary card, TapPayAnswer answer) {

        String expiry() {
            return card == null ? null : card.expiry();
        }
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
        List<String> cardRefs = vault.cardRefsByTokens(merchant, tokens).stream().distinct().sorted().toList();
        if (cardRefs.isEmpty()) {
            throw RejectedRequestException.badRequest("TapPay card notify names no card the hub stored");
        }
        return new CallbackFacts(request, List.of(), new NotifiedCards(merchant, cardRefs));
    }

    /** Card Metadata of the first stored card; {@link #confirm} asks about the others. */
    @Override
    public GatewayRequest confirmation(CallbackFacts decoded) {
        NotifiedCards cards = (NotifiedCards) decoded.context();
        return metadata(cards.merchant(), cards.cardRefs().get(0));
    }

    private GatewayRequest metadata(TapPayMerchant merchant, String cardRef) {
        TapPayCardVault.OpenedCard card = vault.open(merchant, cardRef);
        return TapPayRequests.call(merchant, TapPayPaths.CARD_METADATA,
                TapPayRequests.card(card.cardKey(), card.cardToken(), merchant.partnerKey()), cardRef);
    }

    /**
     * Every stored card the notify names, as its own Card Metadata says. The charging gate
     * ({@code tappay_card.status}, which Pay by Card Token reads) follows before the ledger write: the ledger has no
     * hook to run it in its transaction, and after the commit a failure would leave the ERP told to stop charging
     * while the hub still charges. Setting a status is idempotent; should the ledger write then fail, the card is
     * already stopped (the safe side) and the notify is refused, so nothing is acknowledged that was not stored.
     */
    @Override
    public CallbackFacts confirm(CallbackConfirmation confirmation) {
        NotifiedCards cards = (NotifiedCards) confirmation.decoded().context();
        TapPayMerchant merchant = cards.merchant();
        List<Checked> checked = new ArrayList<>();
        checked.add(checked(cards.cardRefs().get(0), confirmation.call()));
        for (String cardRef : cards.cardRefs().subList(1, cards.cardRefs().size())) {
            checked.add(checked(cardRef, call(metadata(merchant, cardRef))));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<LedgerFact> facts = new ArrayList<>();
        for (Checked card : checked) {
            if (card.status() != TokenStatus.UNKNOWN) {
                vault.updateStatus(merchant, card.cardRef(), card.status(), card.expiry(), now);
            }
            facts.add(fact(merchant, card, now, vault.statusSince(merchant, card.cardRef())));
        }
        return new CallbackFacts(confirmation.decoded().request(), facts, cards);
    }

    private static Checked checked(String cardRef, GatewayCall call) {
        TapPayAnswer answer = TapPayAnswer.readKnown(call);
        if (answer.status() == CARD_NOT_FOUND) {
            return new Checked(cardRef, TokenStatus.DELETED, null, answer);
        }
        if (!answer.success()) {
            throw RejectedRequestException.badRequest("Card Metadata of stored card " + cardRef + " refused: "
                    + answer.describe());
        }
        return new Checked(cardRef, tokenStatus(TapPayJson.textField(answer.path("card_info"), "token_status")),
                TapPayEvents.card(answer.path("card_info")), answer);
    }

    /**
     * The card's event. The notify holds neither an id nor a time to key on; its key holds what Card Metadata said
     * and since when the vault has known it ({@link TapPayCardVault#statusSince}): a card may go ACTIVE → SUSPENDED →
     * ACTIVE, and each change is a fact of its own, while a notify TapPay sends again (its 200 lost) finds the card
     * as the first one left it: the same key, a duplicate, not a second event for the ERP.
     */
    private static LedgerFact fact(TapPayMerchant merchant, Checked card, OffsetDateTime now, OffsetDateTime since) {
        CardAction action = switch (card.status()) {
            case SUSPENDED, DELETED -> CardAction.STOP_CHARGING_AND_REBIND;
            case ACTIVE -> card.expiry() != null ? CardAction.UPDATE_EXPIRY : CardAction.NONE;
            default -> CardAction.NONE;
        };
        TapPayAnswer answer = card.answer();
        CardLifecycleEvent event = new CardLifecycleEvent(TapPay.CODE, merchant.alias(), merchant.portalId(),
                card.cardRef(), card.status(), card.expiry(), null, null, action, card.card(), now, now,
                EventSource.CALLBACK, "token_status " + card.status(), Integer.toString(answer.status()), answer.msg());
        return new LedgerFact(LedgerFact.key(TapPay.CODE, merchant.alias(), "card", card.cardRef(), "metadata",
                card.status(), card.expiry(), since.toInstant().toEpochMilli()), event, TapPayJson.text(answer.body()));
    }

    /** Card Metadata of a further card, through the same gateway route as the pipeline's confirmation. */
    private GatewayCall call(GatewayRequest request) {
        try {
            return producer.requestBody("direct:gateway-call", request, GatewayCall.class);
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
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

    /** The facts, and the charging gate before them, are committed: TapPay gets its 200. */
    @Override
    public CallbackAcknowledgement acknowledge(StoredCallback stored) {
        return CallbackAcknowledgement.json("{\"status\":0,\"msg\":\"OK\"}");
    }
}
