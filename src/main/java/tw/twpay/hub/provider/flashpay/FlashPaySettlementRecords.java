package tw.twpay.hub.provider.flashpay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Function;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.reconciliation.SettlementRecord;

/**
 * One 106 entry as a settlement record: the order's current state ({@code order_status} through
 * {@link FlashPayStatusMapping}, {@code 00} older than the authorisation time-out counted FAILED as the 107 query
 * does), its amount ({@code tx_amt}), what has been refunded of it in all ({@code tot_ret_amt}: a further partial
 * refund made in the back office shows only there), FlashPay's {@code order_no} as the trade id. An entry without
 * {@code order_status} or an amount is asked about again with 107; an entry without {@code ord_no}, a status
 * FlashPay does not document, or money moved without an amount even by 107, fails the run (nothing is concluded).
 */
final class FlashPaySettlementRecords {

    private final FlashPayMerchant merchant;
    private final Function<GatewayRequest, GatewayCall> gateway;
    private final Duration authorisationTimeout;
    private final Clock clock;

    FlashPaySettlementRecords(FlashPayMerchant merchant, Function<GatewayRequest, GatewayCall> gateway,
                              Duration authorisationTimeout, Clock clock) {
        this.merchant = merchant;
        this.gateway = gateway;
        this.authorisationTimeout = authorisationTimeout;
        this.clock = clock;
    }

    SettlementRecord of(FlashPayPayload entry) {
        String orderNo = entry.present("ord_no");
        if (orderNo == null) {
            throw new GatewayAnswerException("FlashPay's " + FlashPayRangeQueries.WHAT + " lists an order without ord_no");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            FlashPayPayload order = entry.present("order_status") != null && FlashPayTradeMapper.amount(entry) != null
                    ? entry : details(orderNo);
            BigDecimal refunded = FlashPayTradeMapper.decimal(order, "tot_ret_amt");
            PaymentStatus status = FlashPayStatusMapping.of(order.field("order_status"),
                    FlashPayTradeMapper.decimal(order, "tot_pay_amt"), refunded);
            OffsetDateTime orderedAt = FlashPayTradeMapper.taipeiTime(order.present("ord_time"));
            if (FlashPayStatusMapping.AUTHORISING_OR_FAILED.equals(order.field("order_status")) && orderedAt != null
                    && orderedAt.isBefore(now.minus(authorisationTimeout))) {
                status = PaymentStatus.FAILED;
            }
            FlashPayTradeMapper.reportedAmount(order, status); // refuses money moved without an amount
            PaymentEvent trade = FlashPayTradeMapper.payment(merchant, order, orderNo, status,
                    EventSource.RECONCILIATION, now);
            return SettlementRecord.reported(trade.providerTradeId(), orderNo, status, trade.amount(),
                    trade.occurredAt(), merchant.merchantId(), trade.providerStatus(),
                    CanonicalJson.toText(order.fields())).withRefunded(refunded == null ? null
                    : new Money(refunded, "TWD"));
        } catch (FlashPayDecodeException | IllegalArgumentException e) {
            // (an amount the hub cannot hold, such as 855.005, too: the run fails naming the order)
            throw new GatewayAnswerException("FlashPay's " + FlashPayRangeQueries.WHAT + ", order " + orderNo + ": "
                    + e.getMessage());
        }
    }

    /** The order as a 107 query reports it. */
    private FlashPayPayload details(String orderNo) {
        return FlashPayTradeQueries.confirmedAnswer(merchant,
                gateway.apply(FlashPayTradeQueries.request(merchant, orderNo, orderNo)), orderNo);
    }
}
