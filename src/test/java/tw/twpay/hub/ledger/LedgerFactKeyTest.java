package tw.twpay.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fact keys: one key for one list of parts, and the keys already stored for ordinary parts unchanged. */
class LedgerFactKeyTest {

    @Test
    void partsThatHoldTheSeparatorOrTheEscapeMakeDifferentKeys() {
        assertThat(LedgerFact.key("TAPPAY", "shop", "A|B", "C")).isNotEqualTo(LedgerFact.key("TAPPAY", "shop", "A", "B|C"));
        assertThat(LedgerFact.key("X", "A\\", "B")).isNotEqualTo(LedgerFact.key("X", "A\\|B"));
        assertThat(LedgerFact.key("X", "A\\|", "B")).isNotEqualTo(LedgerFact.key("X", "A\\", "|B"));
    }

    @Test
    void ordinaryPartsAreJoinedAsBefore() {
        assertThat(LedgerFact.key("NEWEBPAY", "shop", "ORDER_1", "T2026", "SUCCESS", null, 12L, true))
                .isEqualTo("NEWEBPAY|shop|ORDER_1|T2026|SUCCESS||12|true");
        String stored = LedgerFact.key("TAPPAY", "shop", "A-1", "D123", "pay", "0");
        assertThat(LedgerFact.extend(stored, "settles REFUND of 2026-11-25T10:00Z"))
                .isEqualTo("TAPPAY|shop|A-1|D123|pay|0|settles REFUND of 2026-11-25T10:00Z");
    }
}
