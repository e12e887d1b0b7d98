package tw.twpay.hub.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events one claim took, delivered one after another. When one fails, the later events of its order in the same
 * batch are given back unattempted: they may only go out after the failed one, once its retry succeeds.
 */
public final class DeliveryBatch {

    private final Set<String> heldSequences = ConcurrentHashMap.newKeySet();
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
}
