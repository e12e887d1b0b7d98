package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.provider.ProviderId;

/**
 * The key a repair's fact is stored under: different gateway records are different facts, whatever characters the
 * gateway's order and trade numbers hold, and an ordinary record keeps the key it always had.
 */
class RepairFactKeysTest {

    private static final SettlementWindow WINDOW =
            SettlementWindow.day(ProviderId.of("newebpay"), "shop", LocalDate.of(2026, 11, 25));

    @TempDir
    Path folder;

    @Test
    void twoRecordsWhoseNumbersHoldTheSeparatorAreTwoFacts() throws IOException {
        // a settlement file's order and trade numbers are free text (the CSV reader checks no charset)
        Path file = folder.resolve("newebpay-shop-2026-11-25.csv");
        Files.writeString(file, "order_no,trade_no,status,amount\n"
                + "A,T|CAPTURED|RECONCILIATION|U,CAPTURED,100\n"
                + "A|RECONCILIATION|T|CAPTURED,U,CAPTURED,200\n", StandardCharsets.UTF_8);
        List<SettlementRecord> records = new ArrayList<>();
        try (SettlementStream stream = SettlementCsv.open(file, "MS1")) {
            stream.forEachRemaining(records::add);
        }
        assertThat(records).hasSize(2);
        String first = RepairFacts.key(WINDOW, records.get(0), records.get(0).orderNo());
        String second = RepairFacts.key(WINDOW, records.get(1), records.get(1).orderNo());
        // before: both NEWEBPAY|shop|A|RECONCILIATION|T|CAPTURED|RECONCILIATION|U|CAPTURED, one event id, and the
        // second repair was dropped as a duplicate of the first
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anOrdinaryRecordKeepsItsKey() {
        SettlementRecord refunded = new SettlementRecord(SettlementRecord.Presence.REPORTED, "T1", "A1",
                PaymentStatus.PARTIALLY_REFUNDED, Money.twd(100), Money.twd(30),
                SettlementRecord.Meaning.TRADE_STATE, null, null, null, null);
        assertThat(RepairFacts.key(WINDOW, refunded, "A1"))
                .isEqualTo("NEWEBPAY|shop|A1|RECONCILIATION|T1|PARTIALLY_REFUNDED|30.00");
    }
}
