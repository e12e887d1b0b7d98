package tw.twpay.hub.reconciliation;

import java.util.Iterator;

/**
 * The gateway's records of one window, read one at a time (a source fetches the next page when the previous one is
 * used up, so a day of a million trades is never all in memory). Closed by the engine when the run ends.
 */
public interface SettlementStream extends Iterator<SettlementRecord>, AutoCloseable {

    /** Releases what the stream holds (an open file, a cursor); nothing to release by default. */
    @Override
    default void close() {
    }

    static SettlementStream of(Iterator<SettlementRecord> records) {
        return new SettlementStream() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public SettlementRecord next() {
                return records.next();
            }
        };
    }
}
