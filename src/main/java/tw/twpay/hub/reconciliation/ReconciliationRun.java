package tw.twpay.hub.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
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
        // where the hub keeps the run's settlement file; callers see its file name, never the server's folders
        @JsonSerialize(converter = FileNameOnly.class) String inputRef) {

    /** What a run has done so far; written every chunk while it runs. */
    public record Progress(long recordsRead, long matched, long repaired, long discrepancies,
                           OffsetDateTime heartbeatAt) {
    }

    /** The last part of a path, whichever separator the node that stored it used. */
    static final class FileNameOnly extends StdConverter<String, String> {
        @Override
        public String convert(String path) {
            return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        }
    }
}
