package tw.twpay.hub.reconciliation;

import java.util.HashMap;
import java.util.Map;

/**
 * The H2 row ids of the ledger orders a run's items named, as a sparse bitmap: one bit per row in blocks of 65,536
 * rows, allocated only where the window's orders lie (a million orders written together take 16 blocks, 128 KB).
 * After the records, the window's orders are read once and those whose bit is clear are MISSING_AT_GATEWAY: H2 has no
 * hash anti-join, and gathering a million order numbers into its sorted temporary result took a third of the run.
 */
final class NamedLedgerRows {

    private static final int BLOCK_SHIFT = 16;
    private static final int WORDS_PER_BLOCK = (1 << BLOCK_SHIFT) / Long.SIZE;

    private final Map<Long, long[]> blocks = new HashMap<>();

    void add(long rowId) {
        long[] block = blocks.computeIfAbsent(rowId >>> BLOCK_SHIFT, index -> new long[WORDS_PER_BLOCK]);
        int bit = (int) (rowId & ((1 << BLOCK_SHIFT) - 1));
        block[bit >>> 6] |= 1L << bit;
    }

    boolean contains(long rowId) {
        long[] block = blocks.get(rowId >>> BLOCK_SHIFT);
        int bit = (int) (rowId & ((1 << BLOCK_SHIFT) - 1));
        return block != null && (block[bit >>> 6] & (1L << bit)) != 0;
    }
}
