package tw.twpay.hub.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A run as the API shows it: window, state, progress, and the summary once done. */
public record ReconciliationRun(
        String id,
        String provider,
        String merchant,
        LocalDate from,
        LocalDate to,
        String source,
        RunTrigger trigger,
        RunState state,
        Progress progress,
        int attempts,
        OffsetDateTime nextAttemptAt,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        String node,
        String lastError,
        JsonNode summary,
        String inputRef) {

    /** What a run has done so far; written every chunk while it runs. */
    public record Progress(long recordsRead, long matched, long repaired, long discrepancies,
                           OffsetDateTime heartbeatAt) {
    }
}
