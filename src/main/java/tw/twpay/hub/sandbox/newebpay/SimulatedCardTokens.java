package tw.twpay.hub.sandbox.newebpay;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The card tokens (約定信用卡) of the simulated gateway, in memory: each binds one card, reduced to what
 * {@link SandboxCard} keeps, to one merchant and one cardholder reference (TokenTerm). A token is only ever found
 * again under the same MerchantID and TokenTerm it was made for, as the gateway only charges it for those.
 * Holds at most {@value #CAPACITY}; the oldest go first, so a long-running sandbox cannot fill the heap.
 *
 * <p>Thread-safe: every method holds the store's lock, and a {@link Binding} is immutable.
 */
@Component
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class SimulatedCardTokens {

    static final int CAPACITY = 10_000;

    /**
     * A card bound to a token.
     *
     * @param tokenLife       TokenLife as the binding request sent it (YYMM), empty for a token without end
     * @param createdOn       the Taipei date of the binding
     * @param updaterEnrolled whether the Card Account Updater (CAU) took the token on; NPA-B103 reports it as
     *                        CAUtokenCreateStatus
     */
    record Binding(String merchantId, String tokenTerm, String tokenValue, SandboxCard card, String tokenLife,
                   LocalDate createdOn, boolean updaterEnrolled) {

        @Override
        public String toString() {
            // the token charges the card with the merchant's keys: never printed whole
            return "Binding[" + merchantId + ", " + tokenTerm + ", token ..."
                    + tokenValue.substring(Math.max(0, tokenValue.length() - 4)) + ", " + card.masked() + "]";
        }
    }

    private record TokenKey(String merchantId, String tokenTerm, String tokenValue) {
    }

    private final Map<TokenKey, Binding> bindings = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TokenKey, Binding> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * Binds the card to the token, which the gateway made for the trade that authorised the card
     * ({@link SimulatedReferenceNumbers#tokenValue()}: 256 random bits, so two never meet).
     */
    synchronized void bind(Binding binding) {
        bindings.put(new TokenKey(binding.merchantId(), binding.tokenTerm(), binding.tokenValue()), binding);
    }

    /** The binding of this token, when it is one of this merchant's for this TokenTerm. */
    synchronized Optional<Binding> find(String merchantId, String tokenTerm, String tokenValue) {
        return Optional.ofNullable(bindings.get(new TokenKey(merchantId, tokenTerm, tokenValue)));
    }

    synchronized int size() {
        return bindings.size();
    }
}
