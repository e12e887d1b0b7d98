package tw.twpay.hub.provider.tappay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tw.twpay.hub.canonical.PaymentStatus;

/** tappay.md's "Status → canonical" table, row by row. */
class TapPayStatusMappingTest {

    @ParameterizedTest
    @CsvSource({
            "0, true, 0, PENDING",
            "0, false, -1, AUTHORIZED",
            "0, false, 0, CAPTURE_REQUESTED",
            "0, false, 7, CAPTURE_REQUESTED",
            "10003, false, 0, FAILED",
            "121, false, -1, FAILED"})
    void payAnswers(int status, boolean paymentUrl, int delay, PaymentStatus expected) {
        assertThat(TapPayStatusMapping.ofPayAnswer(status, paymentUrl, delay)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "-1, false, 0, false, FAILED",
            "0, false, 0, true, AUTHORIZED",
            "0, false, 1764200000000, true, CAPTURE_REQUESTED",
            "1, true, 1764200000000, true, CAPTURED",
            "2, true, 0, true, PARTIALLY_REFUNDED",
            "3, true, 0, true, REFUNDED",
            "3, false, 0, true, VOIDED",
            "4, false, 0, false, PENDING",
            "5, false, 0, true, VOIDED",
            "5, false, 0, false, FAILED"})
    void recordStatuses(int recordStatus, boolean captured, long capMillis, boolean authorised,
                        PaymentStatus expected) {
        assertThat(TapPayStatusMapping.ofRecord(recordStatus, captured, capMillis, authorised)).isEqualTo(expected);
    }

    /**
     * vectors/tappay.json {@code tappay-status-codes-subset}: every record_status of the published enum has its row
     * in the table (the rows above, by name), and no other value is taken.
     */
    @Test
    void everyRecordStatusOfThePublishedEnumIsMapped() {
        JsonNode published = TapPayVectorsTest.vector("tappay-status-codes-subset").path("expected")
                .path("record_status");
        Map<String, PaymentStatus> byName = Map.of("ERROR", PaymentStatus.FAILED, "AUTH", PaymentStatus.AUTHORIZED,
                "OK", PaymentStatus.CAPTURED, "PARTIALREFUNDED", PaymentStatus.PARTIALLY_REFUNDED,
                "REFUNDED", PaymentStatus.REFUNDED, "PENDING", PaymentStatus.PENDING, "CANCEL", PaymentStatus.VOIDED);
        assertThat(published.size()).isEqualTo(byName.size());
        published.fields().forEachRemaining(entry -> {
            int recordStatus = Integer.parseInt(entry.getKey());
            // an authorised trade, captured when the record says it was captured or refunded after a capture
            boolean captured = recordStatus == 1 || recordStatus == 2 || recordStatus == 3;
            assertThat(TapPayStatusMapping.ofRecord(recordStatus, captured, 0, recordStatus != -1
                    && recordStatus != 4)).as(entry.getValue().asText())
                    .isEqualTo(byName.get(entry.getValue().asText()));
        });
    }

    @Test
    void refundAnswersAndUnknownStatuses() {
        assertThat(TapPayStatusMapping.ofRefundAnswer(false)).isEqualTo(PaymentStatus.VOIDED);
        assertThat(TapPayStatusMapping.ofRefundAnswer(true)).isEqualTo(PaymentStatus.REFUND_REQUESTED);
        assertThatThrownBy(() -> TapPayStatusMapping.ofRecord(9, false, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        for (int unknown : new int[] {421, 422, 10001, 10004}) {
            assertThat(TapPayAnswer.outcomeUnknown(unknown)).isTrue();
        }
        assertThat(TapPayAnswer.outcomeUnknown(10003)).isFalse();
    }
}
