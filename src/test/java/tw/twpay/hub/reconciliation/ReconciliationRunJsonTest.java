package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.events.CanonicalJson;

/** What the reconciliation API shows of a run's settlement file: its name, not where the server keeps it. */
class ReconciliationRunJsonTest {

    private static ReconciliationRun run(String inputRef) {
        OffsetDateTime now = OffsetDateTime.parse("2026-11-26T04:30:00+08:00");
        return new ReconciliationRun("run-1", "NEWEBPAY", "shop", LocalDate.of(2026, 11, 25),
                LocalDate.of(2026, 11, 25), "newebpay-settlement-file", RunTrigger.FILE, RunState.RUNNING,
                new ReconciliationRun.Progress(0, 0, 0, 0, now), 0, null, now, null, null, null, null, null, inputRef);
    }

    @Test
    void theInputIsShownByItsFileNameOnly() throws Exception {
        String path = "/srv/twpay/data/settlement-files/.imports/6f1c2f0e-4d1b-4f43-9e55-0d2a8f9b7c10.csv";
        String json = CanonicalJson.toText(run(path));
        JsonNode node = CanonicalJson.mapper().readTree(json);

        assertThat(node.path("inputRef").asText()).isEqualTo("6f1c2f0e-4d1b-4f43-9e55-0d2a8f9b7c10.csv");
        assertThat(json).doesNotContain("/srv/twpay").doesNotContain(".imports");
        assertThat(CanonicalJson.mapper().readTree(CanonicalJson.toText(run("C:\\hub\\data\\x.csv")))
                .path("inputRef").asText()).isEqualTo("x.csv");
        // the engine still reads the file from where it is kept
        assertThat(run(path).inputRef()).isEqualTo(path);
    }

    @Test
    void aRunWithoutAnInputFileHasNone() throws Exception {
        JsonNode node = CanonicalJson.mapper().readTree(CanonicalJson.toText(run(null)));
        assertThat(node.path("inputRef").isMissingNode() || node.path("inputRef").isNull()).isTrue();
    }
}
