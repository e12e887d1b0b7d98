package tw.twpay.hub.provider.flashpay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.reconciliation.PagedSettlementStream;
import tw.twpay.hub.reconciliation.SettlementRecord;
import tw.twpay.hub.reconciliation.SettlementWindow;

/**
 * A window read with 106 range queries: "page" {@code i} is the slice of days {@code from + 30·i} to
 * {@code min(to, from + 30·i + 29)}, the last one the slice that reaches {@code to}. A refusal or no answer fails the
 * run (nothing is concluded); the next slice is asked only when the previous one is used up.
 */
final class FlashPayRangePages extends PagedSettlementStream {

    private final SettlementWindow window;
    private final FlashPayRangeQueries rangeQueries;
    private final Function<GatewayRequest, GatewayCall> gateway;
    private final FlashPaySettlementRecords records;
    private final Predicate<String> ownOrder;

    /** @param ownOrder whether an ord_no 106 lists is this alias's order (not another store's of the mer_id) */
    FlashPayRangePages(SettlementWindow window, FlashPayRangeQueries rangeQueries,
                       Function<GatewayRequest, GatewayCall> gateway, FlashPaySettlementRecords records,
                       Predicate<String> ownOrder) {
        this.window = window;
        this.rangeQueries = rangeQueries;
        this.gateway = gateway;
        this.records = records;
        this.ownOrder = ownOrder;
    }

    @Override
    protected Page fetch(int pageIndex) {
        LocalDate from = window.from().plusDays((long) FlashPayRangeQueries.MAX_DAYS * pageIndex);
        LocalDate lastDay = from.plusDays(FlashPayRangeQueries.MAX_DAYS - 1L);
        LocalDate to = lastDay.isBefore(window.to()) ? lastDay : window.to();
        FlashPayRangeQueries.RangeAnswer answer = rangeQueries.answer(gateway.apply(
                rangeQueries.request(window.merchant(), from, to)));
        List<SettlementRecord> slice = new ArrayList<>(answer.orders().size());
        for (FlashPayPayload order : answer.orders()) {
            String orderNo = order.present("ord_no");
            if (orderNo == null || ownOrder.test(orderNo)) {
                slice.add(records.of(order));
            }
        }
        return new Page(slice, !to.isBefore(window.to()));
    }
}
