package tw.twpay.hub.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events one claim took, delivered order by order (several orders side by side, one order's events one after
 * another). When one fails, the later events of its order in the same batch are given back unattempted: they may
 * only go out after the failed one, once its retry succeeds. The events the ERP accepted are recorded as delivered
 * together, in one transaction (one durable commit instead of one per event), at the end of the batch or earlier
 * when the batch runs long enough that their claims must be renewed.
 */
public final class DeliveryBatch {

    private final Set<String> heldSequences = ConcurrentHashMap.newKeySet();
    private final List<OutboxEntry> acceptedUnrecorded = new ArrayList<>();
    private volatile boolean abandoned;

    /**
     * The ledger database went away during the batch: nothing more of it is attempted, since no outcome could be
     * recorded. Its events stay claimed by this node, which gives them back when the database answers again.
     */
    void abandon() {
        abandoned = true;
    }

    boolean isAbandoned() {
        return abandoned;
    }

    void hold(String sequenceKey) {
        if (sequenceKey != null) {
            heldSequences.add(sequenceKey);
        }
    }

    boolean isHeld(String sequenceKey) {
        return sequenceKey != null && heldSequences.contains(sequenceKey);
    }

    /** The ERP accepted this event; it is recorded as delivered with the next {@link #takeAccepted()}. */
    synchronized void accepted(OutboxEntry entry) {
        acceptedUnrecorded.add(entry);
    }

    /** The events accepted since the last call, to be recorded as delivered now. */
    synchronized List<OutboxEntry> takeAccepted() {
        List<OutboxEntry> taken = List.copyOf(acceptedUnrecorded);
        acceptedUnrecorded.clear();
        return taken;
    }
}
