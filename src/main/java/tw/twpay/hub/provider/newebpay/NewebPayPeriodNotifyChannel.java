package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.OrderState;
import tw.twpay.hub.provider.CallbackAcknowledgement;
import tw.twpay.hub.provider.CallbackConfirmation;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.StoredCallback;
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

    private final NewebPayMerchants merchants;
    private final CommandLedger ledger;
    private final NewebPayQueryThrottle throttle;
    private final NewebPayUnconfirmedPeriods unconfirmedPeriods;
    private final NewebPayMandateAmounts mandateAmounts;
    private final Clock clock;

    public NewebPayPeriodNotifyChannel(NewebPayMerchants merchants, CommandLedger ledger,
                                       NewebPayQueryThrottle throttle, NewebPayUnconfirmedPeriods unconfirmedPeriods,
                                       NewebPayMandateAmounts mandateAmounts, Clock clock) {
        super(merchants, clock);
        this.unconfirmedPeriods = unconfirmedPeriods;
        this.mandateAmounts = mandateAmounts;
        this.merchants = merchants;
        this.ledger = ledger;
        this.throttle = throttle;
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
        return new CallbackFacts(request, map(notice, receivedAt, rawPayload), notice);
    }

    @Override
    List<LedgerFact> map(NewebPayMerchant merchant, NewebPayPayload payload, OffsetDateTime receivedAt, String raw) {
        return map(NewebPayPeriodNotice.of(merchant, payload), receivedAt, raw);
    }

    private List<LedgerFact> map(NewebPayPeriodNotice notice, OffsetDateTime receivedAt, String raw) {
        return NewebPayPeriodMapper.facts(notice, receivedAt, raw, mandateAmounts.expectedCharge(notice));
    }

    /** QueryTradeInfo for the trade the notify names; none for a mandate made without a trade. */
    @Override
    public GatewayRequest confirmation(CallbackFacts decoded) {
        NewebPayPeriodNotice notice = (NewebPayPeriodNotice) decoded.context();
        if (notice.kind() == NewebPayPeriodNotice.Kind.NO_TRADE) {
            return null;
        }
        // until the gateway confirms it, the notify waits for the missed-notify poll too (NewebPay's own retries may
        // run out while the gateway cannot be asked)
        unconfirmedPeriods.remember(notice.merchant(), notice.tradeOrderNo(), decoded.request().requiredField("Period"),
                notice.success());
        // forged notifies must not spend the merchant's queries into NewebPay's lock: the cap applies here too; the
        // order's tries are the poll's, which NewebPay's retries of this notify must not use up
        throttle.beforeCallbackConfirmation(notice.merchant().alias());
        return NewebPayTradeQueries.queryTradeInfo(notice.merchant(), notice.tradeOrderNo(),
                notice.tradeAmount().toPlainString(), clock, notice).withTimeout(CONFIRMATION_TIMEOUT);
    }

    /** The decoded facts, once the gateway's answer shows the same trade in a state that agrees. */
    @Override
    public CallbackFacts confirm(CallbackConfirmation confirmation) {
        NewebPayPeriodNotice notice = (NewebPayPeriodNotice) confirmation.decoded().context();
        NewebPayPeriodConfirmation.requireConfirmed(notice, confirmation.call().successBody(), throttle);
        return confirmation.decoded();
    }

    /** Stored: the missed-notify poll no longer needs to confirm it. */
    @Override
    public CallbackAcknowledgement acknowledge(StoredCallback stored) {
        NewebPayPeriodNotice notice = (NewebPayPeriodNotice) stored.callback().context();
        if (notice.tradeOrderNo() != null) {
            unconfirmedPeriods.settled(notice.merchant().alias(), notice.tradeOrderNo());
        }
        return super.acknowledge(stored);
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
}
