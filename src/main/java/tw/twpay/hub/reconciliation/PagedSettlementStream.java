package tw.twpay.hub.reconciliation;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A {@link SettlementStream} over a gateway that answers in pages (TapPay's Reconciliation API: 200 records a page
 * until status 2; FlashPay's 106 range query: one call per 30 days). The subclass fetches one page; this class asks
 * for the next only when the previous one is used up.
 */
public abstract class PagedSettlementStream implements SettlementStream {

    private Iterator<SettlementRecord> page = List.<SettlementRecord>of().iterator();
    private boolean lastPageFetched;
    private int pagesFetched;

    /**
     * Fetches page number {@code pageIndex} (0 first).
     *
     * @return the page's records and whether it was the last one
     */
    protected abstract Page fetch(int pageIndex);

    /** One page of records; {@code last} ends the stream after these records (TapPay: status 2). */
    public record Page(List<SettlementRecord> records, boolean last) {
    }

    @Override
    public boolean hasNext() {
        while (!page.hasNext() && !lastPageFetched) {
            Page next = fetch(pagesFetched++);
            lastPageFetched = next.last();
            page = next.records().iterator();
        }
        return page.hasNext();
    }

    @Override
    public SettlementRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.next();
    }

    public int pagesFetched() {
        return pagesFetched;
    }
}
