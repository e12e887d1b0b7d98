package tw.twpay.hub.sandbox.flashpay;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The simulated gateway's orders, in memory, by merchant and ord_no (unique per merchant, as FlashPay requires). */
@Component
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class SimulatedFlashPayTrades {

    private final Map<String, SimulatedFlashPayTrade> trades = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(4133);

    private static String key(String merchantId, String orderNo) {
        return merchantId + "|" + orderNo;
    }

    Optional<SimulatedFlashPayTrade> find(String merchantId, String orderNo) {
        return Optional.ofNullable(trades.get(key(merchantId, orderNo)));
    }

    /** Records a new order; false when the merchant used the ord_no already. */
    boolean add(SimulatedFlashPayTrade trade) {
        return trades.putIfAbsent(key(trade.merchantId(), trade.orderNo()), trade) == null;
    }

    /** FlashPay's own order number, e.g. FP2611261000004134. */
    String nextFlashPayOrderNo(String yymmddhh) {
        return "FP" + yymmddhh + String.format("%08d", sequence.incrementAndGet());
    }

    /** The merchant's orders whose ord_time falls on a day in the range. */
    List<SimulatedFlashPayTrade> between(String merchantId, LocalDate startDate, LocalDate endDate) {
        return trades.values().stream()
                .filter(trade -> trade.merchantId().equals(merchantId))
                .filter(trade -> {
                    LocalDate day = LocalDate.parse(trade.orderTime().substring(0, 10));
                    return !day.isBefore(startDate) && !day.isAfter(endDate);
                })
                .sorted(java.util.Comparator.comparing(SimulatedFlashPayTrade::orderTime))
                .toList();
    }
}
