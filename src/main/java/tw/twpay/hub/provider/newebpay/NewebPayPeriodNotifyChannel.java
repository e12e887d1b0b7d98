package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.CallbackConfirmation;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * {@code /callbacks/newebpay/{merchant}/period-notify}: NDNP mandate creation and each period's charge. The single
 * field Period is encrypted but carries no hash, so decrypting it proves nothing (a padding oracle or a leaked key
 * would forge it): it is a hint, confirmed with the gateway before anything is stored. QueryTradeInfo, asked with
 * this merchant's keys for the trade the notify names, must answer with a verified CheckCode, the same order, TradeNo
 * and amount, and a trade state that agrees (paid for a success, not paid for a failure). A confirmation that fails,
 * disagrees or cannot be made stores nothing; the notify is refused, so the gateway sends it again.
 *
 * <p>A mandate made without any authorisation (PeriodStartType 3) has no trade to ask about, and NewebPay offers no
 * mandate query: it is stored only for a mandate order the hub itself created, for the amount the hub asked.
 * May arrive as multipart/form-data.
 */
@Component("newebPayPeriodNotifyChannel")
public class NewebPayPeriodNotifyChannel extends NewebPayCallbacks {

    /** A callback waits for this query: short, so the gateway's own call to us does not time out first. */
    private static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(10);
    /** TradeStatus: 1 paid; 0 unpaid, 2 failed, 3 cancelled (the card check), 6 refunded. */
    private static final String PAID = "1";
    private static final Set<String> NOT_PAID = Set.of("0", "2", "3");

    private final NewebPayMerchants merchants;
    private final CommandLedger ledger;
    private final Clock clock;

    public NewebPayPeriodNotifyChannel(NewebPayMerchants merchants, CommandLedger ledger, Clock clock) {
        super(merchants, clock);
        this.merchants = merchants;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    NewebPayMerchant merchantOf(CallbackRequest request) {
        return merchants.require(request.merchant(), NewebPayMerchantKind.NDNP);
    }

    @Override
    NewebPayPayload verifyAndDecrypt(NewebPayMerchant merchant, CallbackRequest request) {
        NewebPayPayload payload = merchant.codec().decode(request.requiredField("Period"));
        if (payload.field("MerchantID") == null) {
            throw new NewebPayDecodeException("Period result names no MerchantID");
        }
        return payload;
    }

    @Override
    CallbackFacts decoded(CallbackRequest request, NewebPayMerchant merchant, NewebPayPayload payload,
                          OffsetDateTime receivedAt, String rawPayload) {
        NewebPayPeriodNotice notice = NewebPayPeriodNotice.of(merchant, payload);
        if (notice.kind() == NewebPayPeriodNotice.Kind.NO_TRADE) {
            requireMandateOrderOfTheHub(notice);
        }
        return new CallbackFacts(request, NewebPayPeriodMapper.facts(notice, receivedAt, rawPayload), notice);
    }

    @Override
    List<LedgerFact> map(NewebPayMerchant merchant, NewebPayPayload payload, OffsetDateTime receivedAt, String raw) {
        return NewebPayPeriodMapper.facts(NewebPayPeriodNotice.of(merchant, payload), receivedAt, raw);
    }

    /** QueryTradeInfo for the trade the notify names; none for a mandate made without a trade. */
    @Override
    public GatewayRequest confirmation(CallbackFacts decoded) {
        NewebPayPeriodNotice notice = (NewebPayPeriodNotice) decoded.context();
        if (notice.kind() == NewebPayPeriodNotice.Kind.NO_TRADE) {
            return null;
        }
        return NewebPayTradeQueries.queryTradeInfo(notice.merchant(), notice.tradeOrderNo(),
                notice.tradeAmount().toPlainString(), clock, notice).withTimeout(CONFIRMATION_TIMEOUT);
    }

    /** The decoded facts, once the gateway's answer shows the same trade in a state that agrees. */
    @Override
    public CallbackFacts confirm(CallbackConfirmation confirmation) {
        NewebPayPeriodNotice notice = (NewebPayPeriodNotice) confirmation.decoded().context();
        NewebPayPayload answer = NewebPayQueryAnswers.verified(notice.merchant(), confirmation.call().successBody());
        String order = notice.tradeOrderNo();
        if (!order.equals(answer.field("MerchantOrderNo"))) {
            throw unconfirmed(notice, "the query answered about another order");
        }
        if (!notice.tradeNo().equals(answer.field("TradeNo"))) {
            throw unconfirmed(notice, "the gateway's trade of the order has another TradeNo");
        }
        if (!sameAmount(notice, answer.field("Amt"))) {
            throw unconfirmed(notice, "the gateway's trade of the order has another amount");
        }
        String tradeStatus = answer.field("TradeStatus");
        boolean agrees = notice.success()
                ? PAID.equals(tradeStatus) || (notice.kind() == NewebPayPeriodNotice.Kind.CARD_CHECK && "3".equals(tradeStatus))
                : NOT_PAID.contains(tradeStatus);
        if (!agrees) {
            throw unconfirmed(notice, "the gateway reports TradeStatus " + tradeStatus + " for a notify of "
                    + notice.payload().status());
        }
        return confirmation.decoded();
    }

    private void requireMandateOrderOfTheHub(NewebPayPeriodNotice notice) {
        String orderNo = notice.mandateOrderNo();
        OrderState order = ledger.findOrder(NewebPay.ID, notice.merchant().alias(), orderNo).orElseThrow(() ->
                RejectedRequestException.badRequest("period notify: mandate order " + orderNo
                        + " without a trade, and the hub never created it: it cannot be confirmed"));
        String periodAmount = notice.payload().field("PeriodAmt");
        if (!order.createdByHub() || order.amount() == null || periodAmount == null
                || order.amount().value().compareTo(new java.math.BigDecimal(periodAmount.trim())) != 0) {
            throw RejectedRequestException.badRequest("period notify: mandate order " + orderNo
                    + " without a trade does not match the mandate the hub asked for");
        }
    }

    private static boolean sameAmount(NewebPayPeriodNotice notice, String answered) {
        try {
            return answered != null && new java.math.BigDecimal(answered.trim()).compareTo(notice.tradeAmount()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static RejectedRequestException unconfirmed(NewebPayPeriodNotice notice, String why) {
        return RejectedRequestException.badRequest("period notify of order " + notice.tradeOrderNo()
                + " not confirmed: " + why);
    }
}
