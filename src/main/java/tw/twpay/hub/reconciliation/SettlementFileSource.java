package tw.twpay.hub.reconciliation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * A {@link SettlementSource} that reads a settlement file the merchant received from the provider, dropped in the
 * import folder or posted to the API, instead of asking the gateway. Not scheduled.
 */
public interface SettlementFileSource extends SettlementSource {

    /** Reads the header of a file before a run is started: a file with other columns is refused (400) naming them. */
    void checkHeader(InputStream file) throws IOException;

    @Override
    default Set<String> scheduledMerchants() {
        return Set.of();
    }
}
