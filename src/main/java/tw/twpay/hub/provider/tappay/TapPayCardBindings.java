package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.StoredCardCommand;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Bind Card ({@code POST /api/v1/cards/bind}): stores a card from a prime without paying (TapPay makes a 1-unit
 * authorisation and refunds it). The card's secrets go to the vault, the ERP gets the card reference.
 */
@Component("tapPayCardBindings")
public class TapPayCardBindings implements GatewayOperation<StoredCardCommand> {

    private final TapPayMerchants merchants;
    private final TapPayCardVault vault;
    private final Clock clock;

    public TapPayCardBindings(TapPayMerchants merchants, TapPayCardVault vault, Clock clock) {
        this.merchants = merchants;
        this.vault = vault;
        this.clock = clock;
    }

    @Override
    public GatewayRequest request(StoredCardCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        vault.requireAvailable();
        String prime = command.fields().requiredText("prime");
        if (prime.length() > 128 || !prime.matches("[A-Za-z0-9_]+")) {
            throw RejectedRequestException.badRequest("prime must be the string TapPay's front-end SDK returned");
        }
        String currency = command.fields().text("currency") == null ? "TWD"
                : command.fields().text("currency").toUpperCase(Locale.ROOT);
        if (!merchant.currencies().contains(currency)) {
            throw RejectedRequestException.badRequest("TapPay merchant '" + merchant.alias() + "' does not take "
                    + currency);
        }
        ObjectNode cardholder = TapPayPrimePayments.cardholder(command.fields().object("cardholder"));
        return TapPayRequests.call(merchant, TapPayPaths.BIND_CARD, TapPayRequests.bindCard(prime,
                merchant.merchantId(), merchant.merchantGroupId(), currency, cardholder, merchant.partnerKey()),
                command);
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        StoredCardCommand command = call.context(StoredCardCommand.class);
        TapPayMerchant merchant = merchants.require(command.merchant());
        TapPayAnswer answer = TapPayAnswer.readSuccess(call, "TapPay did not bind the card");
        return StoredCardAnswer.stored(merchant, vault.store(merchant, null, answer.body(),
                OffsetDateTime.now(clock)), null);
    }
}
