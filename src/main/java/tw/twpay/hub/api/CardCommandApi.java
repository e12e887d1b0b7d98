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
    private final CommandBodies bodies;
    private final CommandAmounts amounts;

    public CardCommandApi(ProviderRoutes routes, CommandBodies bodies, CommandAmounts amounts) {
        this.routes = routes;
        this.bodies = bodies;
        this.amounts = amounts;
    }

    public ChargeCardCommand parseCharge(@Body String json) {
        JsonNode body = RequestJson.object(json);
        ProviderId provider = ProviderId.of(RequestJson.required(body, "provider"));
        bodies.requireKnownFields(body, CommandBody.CHARGE_CARD, provider);
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
        String merchant = RequestJson.required(body, "merchant");
        return new ChargeCardCommand(provider, merchant, RequestJson.required(body, "orderNo"),
                amounts.ofNewOrder(body, provider, merchant), RequestJson.freeText(body, "description"),
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

    /** {@code POST /cards/bind}: {"provider":..,"merchant":..} and the provider's own fields. */
    public StoredCardCommand parseBind(@Body String json) {
        return newCard(json, CommandBody.BIND_CARD);
    }

    /** {@code POST /cards/push-token}: {"provider":..,"merchant":..} and the provider's own fields. */
    public StoredCardCommand parsePushToken(@Body String json) {
        return newCard(json, CommandBody.PUSH_TOKEN);
    }

    private StoredCardCommand newCard(String json, CommandBody request) {
        JsonNode body = RequestJson.object(json);
        ProviderId provider = ProviderId.of(RequestJson.required(body, "provider"));
        bodies.requireKnownFields(body, request, provider);
        return new StoredCardCommand(provider, RequestJson.required(body, "merchant"), null, ProviderFields.of(body));
    }

    /** {@code /cards/{provider}/{merchant}/{cardRef}/...}: a stored card, with an optional body. */
    public StoredCardCommand parseRemoveCard(@Header("provider") String provider, @Header("merchant") String merchant,
                                             @Header("cardRef") String cardRef, @Body String json) {
        return storedCard(provider, merchant, cardRef, json, CommandBody.REMOVE_CARD);
    }

    public StoredCardCommand parseCardMetadata(@Header("provider") String provider, @Header("merchant") String merchant,
                                               @Header("cardRef") String cardRef, @Body String json) {
        return storedCard(provider, merchant, cardRef, json, CommandBody.CARD_METADATA);
    }

    public StoredCardCommand parseCardholderUpdate(@Header("provider") String provider,
                                                   @Header("merchant") String merchant,
                                                   @Header("cardRef") String cardRef, @Body String json) {
        return storedCard(provider, merchant, cardRef, json, CommandBody.UPDATE_CARDHOLDER);
    }

    public StoredCardCommand parseAffiliateCodeCheck(@Header("provider") String provider,
                                                     @Header("merchant") String merchant,
                                                     @Header("cardRef") String cardRef, @Body String json) {
        return storedCard(provider, merchant, cardRef, json, CommandBody.CHECK_AFFILIATE_CODE);
    }

    public StoredCardCommand parseBarcodeRequest(@Header("provider") String provider,
                                                 @Header("merchant") String merchant,
                                                 @Header("cardRef") String cardRef, @Body String json) {
        return storedCard(provider, merchant, cardRef, json, CommandBody.GET_BARCODE);
    }

    private StoredCardCommand storedCard(String provider, String merchant, String cardRef, String json,
                                         CommandBody request) {
        ProviderId providerId = ProviderId.of(provider);
        JsonNode body = RequestJson.object(json);
        bodies.requireKnownFields(body, request, providerId);
        return new StoredCardCommand(providerId, merchant, cardRef, ProviderFields.of(body));
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
