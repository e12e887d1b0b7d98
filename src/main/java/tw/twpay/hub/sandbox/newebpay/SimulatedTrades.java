package tw.twpay.hub.sandbox.newebpay;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The simulated gateway's trades, in memory, by MerchantID and MerchantOrderNo (the latest attempt) and by TradeNo.
 * Holds at most {@value #CAPACITY}; the oldest go first, so a long-running sandbox cannot fill the heap.
 *
 * <p>Thread-safe: one lock guards both maps and every trade, and callers read or change a trade only inside
 * {@link #byOrderNo}/{@link #byTradeNo}, so a check and the change it allows happen together.
 */
@Component
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class SimulatedTrades {

    static final int CAPACITY = 10_000;

    private record OrderKey(String merchantId, String merchantOrderNo) {
    }

    private final Map<String, OrderKey> orderOfTradeNo = new HashMap<>();
    private final Map<OrderKey, SimulatedTrade> byOrder = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<OrderKey, SimulatedTrade> eldest) {
            if (size() > CAPACITY) {
                orderOfTradeNo.remove(eldest.getValue().tradeNo);
                return true;
            }
            return false;
        }
    };

    /**
     * Records a payment attempt; it replaces an earlier failed attempt on the same order.
     *
     * @throws SimulatedGatewayRefusal MPG03008 when the order already has a trade that did not fail
     */
    synchronized void record(SimulatedTrade trade) {
        OrderKey key = new OrderKey(trade.merchantId, trade.merchantOrderNo);
        SimulatedTrade earlier = byOrder.get(key);
        if (earlier != null && earlier.blocksOrderNo()) {
            throw new SimulatedGatewayRefusal("MPG03008", "已存在相同的商店訂單編號 (MerchantOrderNo "
                    + trade.merchantOrderNo + " was already paid)");
        }
        if (earlier != null) {
            orderOfTradeNo.remove(earlier.tradeNo);
            byOrder.remove(key);
        }
        byOrder.put(key, trade);
        orderOfTradeNo.put(trade.tradeNo, key);
    }

    /** Applies {@code action} to the order's latest trade under the lock; empty when the gateway has none. */
    synchronized <T> Optional<T> byOrderNo(String merchantId, String merchantOrderNo, Function<SimulatedTrade, T> action) {
        SimulatedTrade trade = byOrder.get(new OrderKey(merchantId, merchantOrderNo));
        return trade == null ? Optional.empty() : Optional.ofNullable(action.apply(trade));
    }

    /** Applies {@code action} to the merchant's trade with this TradeNo under the lock; empty when there is none. */
    synchronized <T> Optional<T> byTradeNo(String merchantId, String tradeNo, Function<SimulatedTrade, T> action) {
        OrderKey key = orderOfTradeNo.get(tradeNo);
        if (key == null || !key.merchantId().equals(merchantId)) {
            return Optional.empty();
        }
        return byOrderNo(key.merchantId(), key.merchantOrderNo(), action);
    }

    synchronized int size() {
        return byOrder.size();
    }
}
