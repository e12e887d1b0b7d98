package tw.twpay.hub.provider.tappay;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.StoredCardCommand;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Push Token ({@code POST /api/v1/cards/push-token} {@code {"provider":"tappay","merchant":..,"tspPushToken":..}}):
 * the token a bank's app handed to the shop's app becomes a stored card, like Bind Card: card_key and card_token go
 * to the vault, the ERP gets the card reference (and TapPay's {@code callback_url}, where the shop's app sends the
 * cardholder back to the bank's app). TapPay offers it on production only, so a {@code test} merchant is
 * refused before anything is sent (the in-process simulator answers it for {@code sandbox} merchants).
 */
@Component("tapPayPushTokens")
public class TapPayPushTokens implements GatewayOperation<StoredCardCommand> {

    private final TapPayMerchants merchants;
    private final TapPayCardVault vault;
    private final Clock clock;

    public TapPayPushTokens(TapPayMerchants merchants, TapPayCardVault vault, Clock clock) {
        this.merchants = merchants;
        this.vault = vault;
        this.clock = clock;
    }

    @Override
    public GatewayRequest request(StoredCardCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        if (TapPayEnvironment.TEST.apiBaseUrl().equals(merchant.apiBaseUrl())) {
            throw RejectedRequestException.badRequest("TapPay offers Push Token on production only; merchant '"
                    + merchant.alias() + "' is a test merchant");
        }
        vault.requireAvailable();
        String pushToken = command.fields().requiredText("tspPushToken");
        if (pushToken.length() > 1000) {
            throw RejectedRequestException.badRequest("tspPushToken must be at most 1000 characters");
        }
        return TapPayRequests.call(merchant, TapPayPaths.PUSH_TOKEN,
                TapPayRequests.pushToken(pushToken, merchant.partnerKey()), command);
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        StoredCardCommand command = call.context(StoredCardCommand.class);
        TapPayMerchant merchant = merchants.require(command.merchant());
        TapPayAnswer answer = TapPayAnswer.readKnown(call);
        if (!answer.success()) {
            throw new RejectedRequestException(422, "TapPay did not tokenise the pushed card: " + answer.describe()
                    + describeNetwork(answer));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        // the vault stores the card ACTIVE; should TapPay say otherwise (e.g. still processing), its word is kept
        String told = answer.text("token_status");
        TokenStatus status = told == null ? TokenStatus.ACTIVE : TapPayCardNotifyChannel.tokenStatus(told);
        CommandResult result = StoredCardAnswer.stored(merchant, vault.store(merchant, null, answer.body(), now),
                status, answer.text("callback_url"));
        if (status != TokenStatus.ACTIVE) {
            vault.updateStatus(merchant, result.orderNo(), status, null, now);
        }
        return result;
    }

    /** The card network's code and message, when TapPay passed them on. */
    private static String describeNetwork(TapPayAnswer answer) {
        String status = answer.text("card_network_status");
        String msg = answer.text("card_network_msg");
        return status == null && msg == null ? "" : " (card network: " + (status == null ? "" : status)
                + (msg == null ? "" : " " + msg) + ")";
    }
}
