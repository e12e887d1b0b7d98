package tw.twpay.hub.provider.tappay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.StoredCardCommand;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Get Barcode ({@code POST /api/v1/cards/tappay/{merchant}/{cardRef}/barcode}, optional
 * {@code {"length":15,"validSeconds":90}}): a barcode the customer shows to pay with the stored card (Pay by
 * Barcode), valid for TapPay's barcode_update_secs. Nothing is journalled: no money moves until the barcode is paid.
 */
@Component("tapPayBarcodes")
public class TapPayBarcodes implements GatewayOperation<StoredCardCommand> {

    private final TapPayMerchants merchants;
    private final TapPayCardVault vault;
    private final Clock clock;

    public TapPayBarcodes(TapPayMerchants merchants, TapPayCardVault vault, Clock clock) {
        this.merchants = merchants;
        this.vault = vault;
        this.clock = clock;
    }

    public record BarcodeAnswer(String provider, String merchant, String cardRef, String barcode, int validSeconds,
                                OffsetDateTime validUntil) {
    }

    @Override
    public GatewayRequest request(StoredCardCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        Integer length = command.fields().integer("length").orElse(null);
        if (length != null && (length < 5 || length > 60)) {
            throw RejectedRequestException.badRequest("length must be 5 to 60");
        }
        Integer seconds = command.fields().integer("validSeconds").orElse(null);
        if (seconds != null && (seconds < 1 || seconds > 86_400)) {
            throw RejectedRequestException.badRequest("validSeconds must be 1 to 86400");
        }
        TapPayCardVault.OpenedCard card = vault.open(merchant, command.cardRef());
        if (!TokenStatus.ACTIVE.name().equals(card.status())) {
            throw new RejectedRequestException(409, "stored card " + card.cardRef() + " is " + card.status());
        }
        return TapPayRequests.call(merchant, TapPayPaths.GET_BARCODE, TapPayRequests.getBarcode(card.cardKey(),
                card.cardToken(), length, seconds, merchant.partnerKey()), card);
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        TapPayCardVault.OpenedCard card = call.context(TapPayCardVault.OpenedCard.class);
        TapPayMerchant merchant = merchants.require(card.merchant());
        TapPayAnswer answer = TapPayAnswer.readSuccess(call, "TapPay did not issue a barcode");
        String barcode = answer.text("barcode");
        if (barcode == null) {
            throw new GatewayAnswerException("TapPay issued no barcode");
        }
        // TapPay's default when it does not say (its documents: 90 s)
        int seconds = answer.path("barcode_update_secs").canConvertToInt()
                ? answer.path("barcode_update_secs").asInt() : 90;
        return new CommandResult(TapPay.ID, merchant.alias(), card.cardRef(), List.of(),
                new BarcodeAnswer(TapPay.ID.pathSegment(), merchant.alias(), card.cardRef(), barcode, seconds,
                        OffsetDateTime.now(clock).plusSeconds(seconds)));
    }
}
