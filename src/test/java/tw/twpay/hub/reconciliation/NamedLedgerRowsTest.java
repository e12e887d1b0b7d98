package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamedLedgerRowsTest {

    @Test
    void namesExactlyTheRowsAddedAcrossBlocksAndWordEdges() {
        NamedLedgerRows named = new NamedLedgerRows();
        long[] rows = {1, 63, 64, 65_535, 65_536, 1_000_000, 5_000_000_123L};
        for (long row : rows) {
            named.add(row);
        }

        for (long row : rows) {
            assertThat(named.contains(row)).as("row %d", row).isTrue();
        }
        for (long row : new long[] {0, 2, 62, 65, 65_534, 65_537, 999_999, 1_000_001, 5_000_000_122L, 131_072}) {
            assertThat(named.contains(row)).as("row %d", row).isFalse();
        }
    }
}
