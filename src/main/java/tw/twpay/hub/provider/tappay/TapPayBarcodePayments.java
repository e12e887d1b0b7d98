package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.CreatePaymentCommand;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Pay by Barcode ({@code POST /api/v1/payments/barcode} with {@code "provider":"tappay"} and the customer's
 * {@code "barcode"}, e.g. one Get Barcode issued for a stored card). Money moves, so it is checked and journalled like
 * Pay by Prime: amount and currency before anything is sent, the order claimed with its bank_transaction_id and
 * PENDING journalled before the call, an unknown outcome left PENDING for Record to settle (never resent).
 */
@Component("tapPayBarcodePayments")
public class TapPayBarcodePayments implements GatewayOperation<CreatePaymentCommand> {

    private final TapPayMerchants merchants;
    private final TapPayOrderClaims claims;
    private final TapPayPaymentAnswers answers;

    public TapPayBarcodePayments(TapPayMerchants merchants, TapPayOrderClaims claims, TapPayPaymentAnswers answers) {
        this.merchants = merchants;
        this.claims = claims;
        this.answers = answers;
    }

    record BarcodePayment(String merchant, TapPayPaymentAnswers.Sent sent) {
    }

    @Override
    public GatewayRequest request(CreatePaymentCommand command) {
        TapPayMerchant merchant = merchants.require(command.merchant());
        TapPayOrders.requireOrderNo(command.orderNo());
        Money amount = command.amount();
        TapPayOrders.requireCurrency(merchant, amount);
        long wireAmount = TapPayAmounts.toWire(amount);
        String barcode = command.fields().requiredText("barcode");
        if (!barcode.matches("[A-Za-z0-9]{5,60}")) {
            throw RejectedRequestException.badRequest("barcode must be 5 to 60 letters and digits");
        }
        String details = TapPayOrders.details(command.fields(), command.description());
        int delay = TapPayOrders.captureDelay(command.fields().text("capture"));
        TapPayTrades.Trade trade = claims.claim(merchant, command.orderNo());
        ObjectNode body = TapPayRequests.payByBarcode(barcode, merchant.merchantId(), merchant.merchantGroupId(),
                wireAmount, amount.currency(), details, command.orderNo(), trade.bankTransactionId(), delay,
                merchant.partnerKey());
        return TapPayRequests.call(merchant, TapPayPaths.PAY_BY_BARCODE, body, new BarcodePayment(merchant.alias(),
                        new TapPayPaymentAnswers.Sent(command.orderNo(), amount, trade, wireAmount, delay, false)))
                .withIntent(List.of(answers.intent(merchant, command.orderNo(), amount, trade, "Pay by Barcode")));
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        BarcodePayment payment = call.context(BarcodePayment.class);
        return answers.read(merchants.require(payment.merchant()), payment.sent(), call);
    }
}
