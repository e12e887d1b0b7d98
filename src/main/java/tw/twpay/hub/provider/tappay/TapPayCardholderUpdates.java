package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.ProviderFields;
import tw.twpay.hub.api.StoredCardCommand;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Update Cardholder ({@code POST /api/v1/cards/tappay/{merchant}/{cardRef}/cardholder} with the ERP's cardholder
 * fields): only the fields given are sent; TapPay keeps the latest. Answers the cardholder as TapPay now has it.
 */
@Component("tapPayCardholderUpdates")
public class TapPayCardholderUpdates implements GatewayOperation<StoredCardCommand> {

    /** The ERP's field, TapPay's field, TapPay's length limit. */
    private static final String[][] FIELDS = {
            {"name", "name", "40"}, {"phone", "phone_number", "40"}, {"email", "email", "40"},
            {"zipCode", "zip_code", "40"}, {"address", "address", "90"}, {"nationalId", "national_id", "40"},
            {"memberId", "member_id", "64"}};

    private final TapPayMerchants merchants;
    private final TapPayCardVault vault;

    public TapPayCardholderUpdates(TapPayMerchants merchants, TapPayCardVault vault) {
        this.merchants = merchants;
        this.vault = vault;
    }

    /** The answer: the card and its cardholder as TapPay now keeps it, in the ERP's field names. */
    public record CardholderAnswer(String provider, String merchant, String cardRef, Map<String, String> cardholder,
                                   Long updatedAtMillis) {
    }

    @Override
    public GatewayRequest request(StoredCardCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        ProviderFields holder = command.fields().object("cardholder");
        ObjectNode cardholder = TapPayJson.object();
        for (String[] field : FIELDS) {
            String value = holder.text(field[0]);
            if (value == null) {
                continue;
            }
            if (value.length() > Integer.parseInt(field[2])) {
                throw RejectedRequestException.badRequest("cardholder." + field[0] + " must be at most " + field[2]
                        + " characters");
            }
            cardholder.put(field[1], value);
        }
        if (cardholder.isEmpty()) {
            throw RejectedRequestException.badRequest(
                    "cardholder must give at least one of name, phone, email, zipCode, address, nationalId, memberId");
        }
        String phone = TapPayJson.textField(cardholder, "phone_number");
        if (phone != null && !phone.matches("(\\+[1-9]\\d{7,14}|09\\d{8})")) {
            throw RejectedRequestException.badRequest("cardholder.phone must be E.164 (+886912345678) or 09xxxxxxxx");
        }
        TapPayCardVault.OpenedCard card = vault.open(merchant, command.cardRef());
        return TapPayRequests.call(merchant, TapPayPaths.UPDATE_CARDHOLDER,
                TapPayRequests.updateCardholder(card.cardToken(), cardholder, merchant.partnerKey()), card);
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        TapPayCardVault.OpenedCard card = call.context(TapPayCardVault.OpenedCard.class);
        TapPayMerchant merchant = merchants.require(card.merchant());
        TapPayAnswer answer = TapPayAnswer.readSuccess(call, "TapPay did not update the cardholder");
        Map<String, String> cardholder = new LinkedHashMap<>();
        JsonNode told = answer.path("cardholder");
        for (String[] field : FIELDS) {
            String value = TapPayJson.textField(told, field[1]);
            if (value != null) {
                cardholder.put(field[0], value);
            }
        }
        Long updated = answer.path("update_millis").canConvertToLong() ? answer.path("update_millis").asLong() : null;
        return new CommandResult(TapPay.ID, merchant.alias(), card.cardRef(), List.of(),
                new CardholderAnswer(TapPay.ID.pathSegment(), merchant.alias(), card.cardRef(), cardholder, updated));
    }
}
