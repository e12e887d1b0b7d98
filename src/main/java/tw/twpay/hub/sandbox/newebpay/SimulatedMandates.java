package tw.twpay.hub.sandbox.newebpay;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The simulated gateway's NDNP mandates, in memory, by MerchantID and PeriodNo; at most {@value #CAPACITY}, the
 * oldest go first. Thread-safe like {@link SimulatedTrades}: one lock, and mandates are only touched inside
 * {@link #byPeriodNo}.
 */
@Component
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class SimulatedMandates {

    static final int CAPACITY = 10_000;

    private record PeriodKey(String merchantId, String periodNo) {
    }

    private record OrderKey(String merchantId, String merOrderNo) {
    }

    private final Map<OrderKey, PeriodKey> periodOfOrder = new HashMap<>();
    private final Map<PeriodKey, SimulatedMandate> byPeriod = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PeriodKey, SimulatedMandate> eldest) {
            if (size() > CAPACITY) {
                periodOfOrder.remove(new OrderKey(eldest.getKey().merchantId(), eldest.getValue().merOrderNo));
                return true;
            }
            return false;
        }
    };

    /** @throws SimulatedGatewayRefusal PER10004 when the merchant already has a mandate with this MerOrderNo */
    synchronized void record(SimulatedMandate mandate) {
        requireOrderNoFree(mandate.merchantId, mandate.merOrderNo);
        PeriodKey key = new PeriodKey(mandate.merchantId, mandate.periodNo);
        byPeriod.put(key, mandate);
        periodOfOrder.put(new OrderKey(mandate.merchantId, mandate.merOrderNo), key);
    }

    /** @throws SimulatedGatewayRefusal PER10004 when the merchant already has a mandate with this MerOrderNo */
    synchronized void requireOrderNoFree(String merchantId, String merOrderNo) {
        if (periodOfOrder.containsKey(new OrderKey(merchantId, merOrderNo))) {
            throw new SimulatedGatewayRefusal("PER10004", "委託單編號重複 (MerOrderNo " + merOrderNo
                    + " already has a mandate)");
        }
    }

    /** Applies {@code action} to the merchant's mandate under the lock; empty when there is none. */
    synchronized <T> Optional<T> byPeriodNo(String merchantId, String periodNo, Function<SimulatedMandate, T> action) {
        SimulatedMandate mandate = byPeriod.get(new PeriodKey(merchantId, periodNo));
        return mandate == null ? Optional.empty() : Optional.ofNullable(action.apply(mandate));
    }
}
