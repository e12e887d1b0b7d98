package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.newebpay.NewebPayUnconfirmedPeriods.Unconfirmed;

/**
 * The missed-notify poll's confirmation of a {@code Period} notify the hub could not confirm when it came: the same
 * QueryTradeInfo (for the period charge's {@code MerchantOrderNo_N}, or the mandate order's first charge or card
 * check) and the same checks as {@link NewebPayPeriodNotifyChannel}; once confirmed, the notify's facts are stored as
 * the callback would have stored them (same keys, so NewebPay's own retry is a duplicate). A mandate has no query of
 * its own in the NDNP manual: only its trade can be asked about.
 */
@Component("newebPayPeriodConfirmations")
public class NewebPayPeriodConfirmations implements GatewayOperation<Unconfirmed> {

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final NewebPayMerchants merchants;
    private final NewebPayQueryThrottle throttle;
    private final NewebPayMandateAmounts mandateAmounts;
    private final Clock clock;

    public NewebPayPeriodConfirmations(NewebPayMerchants merchants, NewebPayQueryThrottle throttle,
                                       NewebPayMandateAmounts mandateAmounts, Clock clock) {
        this.merchants = merchants;
        this.throttle = throttle;
        this.mandateAmounts = mandateAmounts;
        this.clock = clock;
    }

    private record Pending(Unconfirmed unconfirmed, NewebPayPeriodNotice notice) {
    }

    @Override
    public GatewayRequest request(Unconfirmed unconfirmed) {
        NewebPayMerchant merchant = merchants.require(unconfirmed.merchant(), NewebPayMerchantKind.NDNP);
        NewebPayPeriodNotice notice = NewebPayPeriodNotice.of(merchant, merchant.codec().decode(unconfirmed.period()));
        if (!unconfirmed.tradeOrderNo().equals(notice.tradeOrderNo())) {
            throw new IllegalStateException("kept period notify of " + unconfirmed.tradeOrderNo()
                    + " names another trade");
        }
        throttle.beforeQuery(merchant.alias(), notice.tradeOrderNo());
        return NewebPayTradeQueries.queryTradeInfo(merchant, notice.tradeOrderNo(), notice.tradeAmount().toPlainString(),
                clock, new Pending(unconfirmed, notice)).withTimeout(QUERY_TIMEOUT);
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        Pending pending = call.context(Pending.class);
        NewebPayPeriodNotice notice = pending.notice();
        NewebPayPeriodConfirmation.requireConfirmed(notice, call.successBody(), throttle);
        return new CommandResult(NewebPay.ID, notice.merchant().alias(), notice.tradeOrderNo(),
                NewebPayPeriodMapper.facts(notice, pending.unconfirmed().receivedAt(), notice.payload().toJson(),
                        mandateAmounts.expectedCharge(notice)), null);
    }
}
