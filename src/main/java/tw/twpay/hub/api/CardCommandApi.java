package tw.twpay.hub.api;

import tw.twpay.hub.provider.ProviderRoutes;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.provider.CommandKind;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.web.RejectedRequestException;

/** Reads stored-card commands (token charges, binding status) and finds the provider route for them. */
@Component("cardCommandApi")
public class CardCommandApi {

    private final ProviderRoutes routes;

    public CardCommandApi(ProviderRoutes routes) {
        this.routes = routes;
    }

    public ChargeCardCommand parseCharge(@Body String json) {
        JsonNode body = RequestJson.object(json);
        JsonNode cardNode = body.path("card");
        ChargeCardCommand.CardDetails card = null;
        if (cardNode.isObject()) {
            card = new ChargeCardCommand.CardDetails(RequestJson.required(cardNode, "number").replaceAll("[ -]", ""),
                    RequestJson.required(cardNode, "expiry"), RequestJson.required(cardNode, "cvc"));
            if (!card.number().matches("\\d{13,19}")) {
                throw RejectedRequestException.badRequest("card.number must be 13 to 19 digits");
            }
            if (!CardSummary.isExpiry(card.expiry())) {
                throw RejectedRequestException.badRequest("card.expiry must be YYYY-MM");
            }
            if (!card.cvc().matches("\\d{3,4}")) {
                throw RejectedRequestException.badRequest("card.cvc must be 3 or 4 digits");
            }
        }
        String tokenValue = RequestJson.optional(body, "tokenValue");
        if ((card == null) == (tokenValue == null)) {
            throw RejectedRequestException.badRequest("give either card (first charge, binds a token) or tokenValue");
        }
        JsonNode holderNode = body.path("cardholder");
        ChargeCardCommand.Cardholder cardholder = holderNode.isObject()
                ? new ChargeCardCommand.Cardholder(RequestJson.optional(holderNode, "phone"),
                RequestJson.optional(holderNode, "lastName"), RequestJson.optional(holderNode, "firstName"))
                : null;
        return new ChargeCardCommand(ProviderId.of(RequestJson.required(body, "provider")),
                RequestJson.required(body, "merchant"), RequestJson.required(body, "orderNo"),
                RequestJson.money(body.path("amount"), true), RequestJson.freeText(body, "description"),
                RequestJson.optional(body, "email"), RequestJson.required(body, "tokenTerm"), tokenValue, card,
                cardholder, ProviderFields.of(body));
    }

    public CardBindingQuery parseBindingQuery(@Header("provider") String provider, @Header("merchant") String merchant,
                                              @Header("tokenTerm") String tokenTerm,
                                              @Header("tokenValue") String tokenValue) {
        if (tokenValue == null || tokenValue.isBlank()) {
            throw RejectedRequestException.badRequest("query parameter tokenValue is required");
        }
        return new CardBindingQuery(ProviderId.of(provider), merchant, tokenTerm, tokenValue);
    }

    /**
     * {@code POST /cards/bind} and {@code POST /cards/push-token}: {"provider":..,"merchant":..} and the provider's own
     * fields.
     */
    public StoredCardCommand parseBind(@Body String json) {
        JsonNode body = RequestJson.object(json);
        return new StoredCardCommand(ProviderId.of(RequestJson.required(body, "provider")),
                RequestJson.required(body, "merchant"), null, ProviderFields.of(body));
    }

    /** {@code /cards/{provider}/{merchant}/{cardRef}/...}: a stored card, with an optional body. */
    public StoredCardCommand parseStoredCard(@Header("provider") String provider, @Header("merchant") String merchant,
                                             @Header("cardRef") String cardRef, @Body String json) {
        return new StoredCardCommand(ProviderId.of(provider), merchant, cardRef,
                ProviderFields.of(RequestJson.object(json)));
    }

    /** {@code GET /cards/{provider}/{merchant}/member-cards?memberId=...} */
    public MemberCardsQuery parseMemberCards(@Header("provider") String provider, @Header("merchant") String merchant,
                                             @Header("memberId") String memberId) {
        if (memberId == null || memberId.isBlank()) {
            throw RejectedRequestException.badRequest("query parameter memberId is required");
        }
        return new MemberCardsQuery(ProviderId.of(provider), merchant, memberId);
    }

    public String memberCardsRoute(@Body MemberCardsQuery query) {
        return routes.require(query.provider(), CommandKind.GET_MEMBER_CARD);
    }

    public String barcodeRoute(@Body StoredCardCommand command) {
        return routes.require(command.provider(), CommandKind.GET_BARCODE);
    }

    public String pushTokenRoute(@Body StoredCardCommand command) {
        return routes.require(command.provider(), CommandKind.PUSH_TOKEN);
    }

    public String bindCardRoute(@Body StoredCardCommand command) {
        return routes.require(command.provider(), CommandKind.BIND_CARD);
    }

    public String removeCardRoute(@Body StoredCardCommand command) {
        return routes.require(command.provider(), CommandKind.REMOVE_CARD);
    }

    public String updateCardholderRoute(@Body StoredCardCommand command) {
        return routes.require(command.provider(), CommandKind.UPDATE_CARDHOLDER);
    }

    public String checkAffiliateCodeRoute(@Body StoredCardCommand command) {
        return routes.require(command.provider(), CommandKind.CHECK_AFFILIATE_CODE);
    }

    public String cardMetadataRoute(@Body StoredCardCommand command) {
        return routes.require(command.provider(), CommandKind.CARD_METADATA);
    }

    public String chargeRoute(@Body ChargeCardCommand command) {
        return routes.require(command.provider(), CommandKind.CHARGE_CARD);
    }

    public String bindingRoute(@Body CardBindingQuery query) {
        return routes.require(query.provider(), CommandKind.CARD_BINDING);
    }

    /** Is this cardholder's card bound to this token, and since when? */
    public record CardBindingQuery(ProviderId provider, String merchant, String tokenTerm, String tokenValue) {
    }
}
