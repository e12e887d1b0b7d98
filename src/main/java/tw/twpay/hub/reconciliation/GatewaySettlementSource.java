package tw.twpay.hub.reconciliation;

import java.util.Set;
import tw.twpay.hub.provider.ProviderId;

/**
 * A settlement source that reads a gateway's books through its API, described once when it is made: whose books,
 * under which name, what they cover, and which merchants the daily job reconciles. The provider's class says
 * which merchants it can read and how ({@link #serves}, {@link #open}).
 */
public abstract class GatewaySettlementSource implements SettlementSource {

    private final ProviderId provider;
    private final String name;
    private final Coverage coverage;
    private final Set<String> scheduled;

    /** @param scheduledMerchants as {@link ScheduledMerchants#of} read them from the source's configuration key */
    protected GatewaySettlementSource(ProviderId provider, String name, Coverage coverage,
                                      Set<String> scheduledMerchants) {
        this.provider = provider;
        this.name = name;
        this.coverage = coverage;
        this.scheduled = scheduledMerchants;
    }

    @Override
    public final ProviderId provider() {
        return provider;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Coverage coverage() {
        return coverage;
    }

    @Override
    public final Set<String> scheduledMerchants() {
        return scheduled;
    }
}
