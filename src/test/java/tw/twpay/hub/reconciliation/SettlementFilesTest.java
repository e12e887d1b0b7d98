package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.web.RejectedRequestException;

/** The settlement CSV read and refused, the discrepancy CSV written, and paged gateway answers. */
class SettlementFilesTest {

    @TempDir
    Path folder;

    @Test
    void readsTheDocumentedColumnsInAnyOrderWithQuotesAndABom() throws IOException {
        Path file = write("\uFEFFstatus,amount,order_no,trade_no,time,currency,provider_status,refunded\r\n"
                + "CAPTURED,\"1200\",\"A,1\",T1,2026-11-25 23:59:59,TWD,Settled,\r\n"
                + "\r\n"
                + "partially_refunded,80.5,A2,,2026-11-25 10:00:00,USD,,30.25\r\n");
        List<SettlementRecord> records = new ArrayList<>();
        try (SettlementStream stream = SettlementCsv.open(file, "MS1")) {
            stream.forEachRemaining(records::add);
        }
        assertThat(records).hasSize(2);
        assertThat(records.get(1).status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(records.get(1).amount()).isEqualTo(new Money(new BigDecimal("80.50"), "USD"));
        assertThat(records.get(1).refunded()).isEqualTo(new Money(new BigDecimal("30.25"), "USD"));
        assertThat(records.get(0).refunded()).isNull();
        // a line is one settled operation: a ledger that has moved on from it agrees with it
        assertThat(records).extracting(SettlementRecord::meaning)
                .containsOnly(SettlementRecord.Meaning.SETTLED_OPERATION);
        assertThat(records.get(1).providerTradeId()).isNull();
        assertThat(records.get(0).orderNo()).isEqualTo("A,1");
        assertThat(records.get(0).amount()).isEqualTo(Money.twd(1200));
        assertThat(records.get(0).providerStatus()).isEqualTo("Settled");
        assertThat(records.get(0).merchantId()).isEqualTo("MS1");
        assertThat(records.get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-25T23:59:59+08:00"));
    }

    @Test
    void aBadLineFailsTheRunNamingTheLine() throws IOException {
        Path file = write("order_no,trade_no,status,amount\nA1,T1,CAPTURED,10\nA2,T2,PAID,10\n");
        try (SettlementStream stream = SettlementCsv.open(file, "MS1")) {
            assertThat(stream.next().orderNo()).isEqualTo("A1");
            assertThatThrownBy(stream::hasNext).hasMessageContaining("line 3").hasMessageContaining("status");
        }
    }

    @Test
    void otherColumnsAreRefusedByName() {
        assertThatThrownBy(() -> SettlementCsv.header("MerchantOrderNo,TradeNo,status,amount"))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("[MerchantOrderNo, TradeNo]")
                .hasMessageContaining("order_no");
        assertThatThrownBy(() -> SettlementCsv.header("order_no,trade_no,status"))
                .hasMessageContaining("lacks the required columns [amount]");
        assertThatThrownBy(() -> SettlementCsv.header(null)).hasMessageContaining("header row");
        assertThatThrownBy(() -> SettlementCsv.header("order_no,order_no,trade_no,status,amount"))
                .hasMessageContaining("twice");
    }

    @Test
    void droppedFileNamesCarryProviderMerchantAndWindow() {
        var single = SettlementFileImports.DROPPED_NAME.matcher("newebpay-shop-recurring-2026-11-25.csv");
        assertThat(single.matches()).isTrue();
        assertThat(single.group(1)).isEqualTo("newebpay");
        assertThat(single.group(2)).isEqualTo("shop-recurring");
        assertThat(single.group(3)).isEqualTo("2026-11-25");
        var range = SettlementFileImports.DROPPED_NAME.matcher("newebpay-shop-2026-11-01_2026-11-25.csv");
        assertThat(range.matches()).isTrue();
        assertThat(range.group(4)).isEqualTo("2026-11-25");
        assertThat(SettlementFileImports.DROPPED_NAME.matcher("settlement.csv").matches()).isFalse();
    }

    @Test
    void discrepancyCsvQuotesAndDefusesFormulas() {
        StringBuilder csv = new StringBuilder();
        DiscrepancyCsv.append(csv, new ReconciliationItem(7, "run", DiscrepancyKind.AMOUNT_MISMATCH, "=HYPERLINK(1)",
                "T1", "CAPTURED", Money.twd(450), null, "a \"quoted\", word", "AUTHORIZED", Money.twd(500), null, null,
                new ReconciliationItem.Resolution(OffsetDateTime.parse("2026-11-26T10:00:00+08:00"), "lin",
                        "line one\nline two")));
        assertThat(csv.toString()).isEqualTo("7,AMOUNT_MISMATCH,'=HYPERLINK(1),T1,CAPTURED,450.00,TWD,,"
                + "\"a \"\"quoted\"\", word\",AUTHORIZED,500.00,TWD,,2026-11-26T10:00+08:00,lin,"
                + "\"line one\nline two\"\r\n");
    }

    @Test
    void pagesAreFetchedOnlyWhenThePreviousOneIsUsedUpAndTheLastPageEndsTheStream() {
        AtomicInteger fetched = new AtomicInteger();
        PagedSettlementStream stream = new PagedSettlementStream() {
            @Override
            protected Page fetch(int pageIndex) {
                fetched.incrementAndGet();
                return switch (pageIndex) {
                    case 0 -> new Page(List.of(record("A"), record("B")), false);
                    case 1 -> new Page(List.of(), false);
                    case 2 -> new Page(List.of(record("C")), true);
                    default -> throw new AssertionError("fetched past the last page");
                };
            }
        };
        assertThat(fetched).hasValue(0);
        assertThat(stream.next().orderNo()).isEqualTo("A");
        assertThat(fetched).hasValue(1);
        assertThat(stream.next().orderNo()).isEqualTo("B");
        assertThat(stream.next().orderNo()).isEqualTo("C");
        assertThat(stream.hasNext()).isFalse();
        assertThat(stream.pagesFetched()).isEqualTo(3);
    }

    private static SettlementRecord record(String orderNo) {
        return SettlementRecord.reported(null, orderNo, PaymentStatus.CAPTURED, Money.twd(1), null, null, null, null);
    }

    private Path write(String text) throws IOException {
        Path file = folder.resolve("f.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
