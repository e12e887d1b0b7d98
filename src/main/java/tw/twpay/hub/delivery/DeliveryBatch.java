package tw.twpay.hub.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events one claim took, delivered one after another. When one fails, the later events of its order in the same
 * batch are given back unattempted: they may only go out after the failed one, once its retry succeeds. The events
 * the ERP accepted are collected here and recorded together when the batch is done.
 */
public final class DeliveryBatch {

    private final Set<String> heldSequences = ConcurrentHashMap.newKeySet();
    private final List<Long> delivered = new ArrayList<>();

    void hold(String sequenceKey) {
        if (sequenceKey != null) {
            heldSequences.add(sequenceKey);
        }
    }

    boolean isHeld(String sequenceKey) {
        return sequenceKey != null && heldSequences.contains(sequenceKey);
    }

    synchronized void delivered(long outboxId) {
        delivered.add(outboxId);
    }

    /** The events delivered since the last call, handed over once. */
    synchronized List<Long> takeDelivered() {
        List<Long> taken = List.copyOf(delivered);
        delivered.clear();
        return taken;
    }
}
