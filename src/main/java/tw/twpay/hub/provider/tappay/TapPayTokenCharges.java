package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.ChargeCardCommand;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Pay by Card Token ({@code POST /api/v1/cards/charges} with {@code "provider":"tappay"} and the card reference the
 * hub gave when the card was stored as {@code tokenValue}): the vault opens the card's card_key and card_token, the
 * order is claimed and journalled PENDING before the call, and the answer is read like Pay by Prime's. The hub never
 * takes card numbers for TapPay (the card is tokenised by TapPay's front-end SDK, Pay by Prime with remember).
 */
@Component("tapPayTokenCharges")
public class TapPayTokenCharges implements GatewayOperation<ChargeCardCommand> {

    private final TapPayMerchants merchants;
    private final TapPayOrderClaims claims;
    private final TapPayCardVault vault;
    private final TapPayPaymentAnswers answers;

    public TapPayTokenCharges(TapPayMerchants merchants, TapPayOrderClaims claims, TapPayCardVault vault,
                              TapPayPaymentAnswers answers) {
        this.merchants = merchants;
        this.claims = claims;
        this.vault = vault;
        this.answers = answers;
    }

    record Charge(ChargeCardCommand command, TapPayPaymentAnswers.Sent sent) {
    }

    @Override
    public GatewayRequest request(ChargeCardCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        if (command.card() != null) {
            throw RejectedRequestException.badRequest("TapPay cards are stored from a Pay by Prime with remember "
                    + "(or Bind Card); charge one with its card reference as tokenValue, never with card details");
        }
        TapPayOrders.requireOrderNo(command.orderNo());
        Money amount = command.amount();
        TapPayOrders.requireCurrency(merchant, amount);
        long wireAmount = TapPayAmounts.toWire(amount);
        String details = TapPayOrders.details(command.fields(), command.description());
        int delay = TapPayOrders.captureDelay(command.fields().text("capture"));
        TapPayCardVault.OpenedCard card = vault.open(merchant, command.tokenValue());
        if (!TokenStatus.ACTIVE.name().equals(card.status())) {
            throw new RejectedRequestException(409, "stored card " + card.cardRef() + " is " + card.status()
                    + "; ask the cardholder to bind a card again");
        }
        TapPayTrades.Trade trade = claims.claim(merchant, command.orderNo());
        ObjectNode body = TapPayRequests.payByToken(card.cardKey(), card.cardToken(), merchant.merchantId(),
                merchant.merchantGroupId(), wireAmount, amount.currency(), details, command.orderNo(),
                trade.bankTransactionId(), delay, merchant.partnerKey());
        LedgerFact intent = answers.intent(merchant, command.orderNo(), amount, trade, "Pay by Card Token");
        return TapPayRequests.call(merchant, TapPayPaths.PAY_BY_TOKEN, body, new Charge(command,
                        new TapPayPaymentAnswers.Sent(command.orderNo(), amount, trade, wireAmount, delay, false)))
                .withIntent(List.of(intent));
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        Charge charge = call.context(Charge.class);
        return answers.read(merchants.require(charge.command().merchant()), charge.sent(), call);
    }
}
