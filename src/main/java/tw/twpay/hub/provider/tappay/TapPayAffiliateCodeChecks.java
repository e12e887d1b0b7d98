package tw.twpay.hub.provider.tappay;

import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.StoredCardCommand;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Check Affiliate Code ({@code POST /api/v1/cards/tappay/{merchant}/{cardRef}/affiliate-code}
 * {@code {"affiliateCodeName":"...","affiliateCodeGroupName":"..."}}): is the stored card a co-branded card of that
 * affiliate code? TapPay's {@code result_code} 0 = yes, 1 = no.
 */
@Component("tapPayAffiliateCodeChecks")
public class TapPayAffiliateCodeChecks implements GatewayOperation<StoredCardCommand> {

    private final TapPayMerchants merchants;
    private final TapPayCardVault vault;

    public TapPayAffiliateCodeChecks(TapPayMerchants merchants, TapPayCardVault vault) {
        this.merchants = merchants;
        this.vault = vault;
    }

    public record AffiliateCodeAnswer(String provider, String merchant, String cardRef, String affiliateCodeName,
                                      boolean matches) {
    }

    record Check(TapPayCardVault.OpenedCard card, String codeName) {
    }

    @Override
    public GatewayRequest request(StoredCardCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        String codeName = command.fields().requiredText("affiliateCodeName");
        String groupName = command.fields().text("affiliateCodeGroupName");
        if (codeName.length() > 20 || (groupName != null && groupName.length() > 50)) {
            throw RejectedRequestException.badRequest(
                    "affiliateCodeName is at most 20 characters, affiliateCodeGroupName at most 50");
        }
        TapPayCardVault.OpenedCard card = vault.open(merchant, command.cardRef());
        return TapPayRequests.call(merchant, TapPayPaths.CHECK_AFFILIATE_CODE, TapPayRequests.checkAffiliateCode(
                groupName, codeName, card.cardToken(), card.cardKey(), merchant.partnerKey()),
                new Check(card, codeName));
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        Check check = call.context(Check.class);
        TapPayMerchant merchant = merchants.require(check.card().merchant());
        TapPayAnswer answer = TapPayAnswer.readKnown(call);
        if (!answer.success() || !answer.path("result_code").canConvertToInt()) {
            throw new RejectedRequestException(422, "TapPay did not check the affiliate code: " + answer.describe());
        }
        return new CommandResult(TapPay.ID, merchant.alias(), check.card().cardRef(), List.of(),
                new AffiliateCodeAnswer(TapPay.ID.pathSegment(), merchant.alias(), check.card().cardRef(),
                        check.codeName(), answer.path("result_code").asInt() == 0));
    }
}
