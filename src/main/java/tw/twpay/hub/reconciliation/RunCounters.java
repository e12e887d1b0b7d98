package tw.twpay.hub.reconciliation;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** What a run has counted so far (one thread per run, so plain fields). */
public final class RunCounters {

    long recordsRead;
    long matched;
    long repaired;
    long discrepancies;
    long unanswered;

    public long recordsRead() {
        return recordsRead;
    }

    MapSqlParameterSource parameters() {
        return new MapSqlParameterSource()
                .addValue("recordsRead", recordsRead)
                .addValue("matched", matched)
                .addValue("repaired", repaired)
                .addValue("discrepancies", discrepancies);
    }

    @Override
    public String toString() {
        return "read=" + recordsRead + " matched=" + matched + " repaired=" + repaired + " discrepancies="
                + discrepancies + " unanswered=" + unanswered;
    }
}
