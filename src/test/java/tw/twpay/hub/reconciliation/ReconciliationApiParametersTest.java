package tw.twpay.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * The paging and id parameters of the reconciliation API: the {@code next} cursor the API gives is taken back
 * whatever its size, an item id is never cut to 32 bits, and a page of fewer than one item is a 400.
 */
@HubTest
class ReconciliationApiParametersTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReconciliationItems items;

    HubHttp http;
    String runId;
    List<Long> itemIds;

    @BeforeEach
    void aFinishedRunWithThreeDiscrepanciesWhoseIdsAreOverAThousand() {
        http = new HubHttp(port);
        runId = UUID.randomUUID().toString();
        LocalDate day = LocalDate.of(2018, 1, 1).plusDays(Math.floorMod(runId.hashCode(), 300));
        jdbc.update("insert into reconciliation_run (id, provider, merchant, window_from, window_to, source,"
                + " trigger_kind, state, attempts, records_read, matched, repaired, discrepancies, created_at,"
                + " started_at, finished_at) values (?, 'NEWEBPAY', 'shop', ?, ?, 'newebpay-query-trade-info', 'API',"
                + " 'DONE', 1, 3, 0, 0, 3, current_timestamp, current_timestamp, current_timestamp)", runId, day, day);
        // the ids of a ledger that has listed a few thousand items
        long next = jdbc.queryForObject("select coalesce(max(id), 0) from reconciliation_item", Long.class) + 5000;
        jdbc.execute("alter table reconciliation_item alter column id restart with " + next);
        List<ReconciliationItem> listed = new ArrayList<>();
        for (String orderNo : List.of("PAGE-1", "PAGE-2", "PAGE-3")) {
            listed.add(new ReconciliationItem(0, runId, DiscrepancyKind.AMOUNT_MISMATCH, orderNo, "T-" + orderNo,
                    "CAPTURED", Money.twd(90), null, "SUCCESS", "CAPTURED", Money.twd(100), null, null, null));
        }
        items.insert(listed);
        itemIds = jdbc.queryForList("select id from reconciliation_item where run_id = ? order by id", Long.class,
                runId);
        assertThat(itemIds).hasSize(3).allMatch(id -> id > 1000);
    }

    @Test
    void theNextCursorIsTakenBackWhateverItsSize() {
        List<String> orderNos = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            HttpResponse<String> page = http.get(discrepancies() + "?limit=1" + (after == null ? "" : "&after=" + after));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode answer = json(page);
            answer.path("items").forEach(item -> orderNos.add(item.path("orderNo").asText()));
            after = answer.path("next").isMissingNode() || answer.path("next").isNull() ? null
                    : answer.path("next").asText();
            pages++;
        } while (after != null && pages < 10);
        assertThat(orderNos).containsExactly("PAGE-1", "PAGE-2", "PAGE-3");

        HttpResponse<String> beyond = http.get(discrepancies() + "?after=" + (1L << 40));
        assertThat(beyond.statusCode()).isEqualTo(200);
        assertThat(json(beyond).path("items").size()).isZero();
    }

    @Test
    void aPageOfFewerThanOneItemOrMoreThanAThousandIsRefused() {
        for (String limit : List.of("0", "1001")) {
            HttpResponse<String> page = http.get(discrepancies() + "?limit=" + limit);
            assertThat(page.statusCode()).as(limit).isEqualTo(400);
            assertThat(json(page).path("detail").asText()).as(limit).isEqualTo("limit must be 1 to 1000");
        }
        HttpResponse<String> runs = http.get("/api/v1/reconciliations?limit=0");
        assertThat(runs.statusCode()).isEqualTo(400);
        assertThat(json(http.get(discrepancies() + "?limit=1000")).path("items").size()).isEqualTo(3);
    }

    @Test
    void anItemIdIsNeverCutTo32Bits() {
        long real = itemIds.get(0);
        HttpResponse<String> wrapped = http.post(discrepancies() + "/" + ((1L << 32) + real) + "/resolve",
                "application/json", "{\"resolvedBy\":\"finance.lin\",\"note\":\"checked\"}");
        assertThat(wrapped.statusCode()).as(wrapped.body()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select resolved_by from reconciliation_item where id = ?", String.class, real))
                .isNull();

        HttpResponse<String> resolved = http.post(discrepancies() + "/" + real + "/resolve", "application/json",
                "{\"resolvedBy\":\"finance.lin\",\"note\":\"checked\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(json(resolved).path("id").asLong()).isEqualTo(real);
    }

    /** A misspelt field is refused naming it, as in the payment commands: a window is never taken by default. */
    @Test
    void aBodyFieldTheRequestDoesNotTakeIsRefusedNamingIt() {
        HttpResponse<String> start = http.post("/api/v1/reconciliations", "application/json",
                "{\"provider\":\"newebpay\",\"merchant\":\"shop\",\"date\":\"2026-11-25\",\"until\":\"2026-11-26\"}");
        assertThat(start.statusCode()).isEqualTo(400);
        assertThat(json(start).path("detail").asText()).startsWith("unknown field \"until\"").contains("from, to");

        HttpResponse<String> resolve = http.post(discrepancies() + "/" + itemIds.get(1) + "/resolve",
                "application/json", "{\"resolvedBy\":\"finance.lin\",\"note\":\"ok\",\"comment\":\"x\"}");
        assertThat(resolve.statusCode()).isEqualTo(400);
        assertThat(json(resolve).path("detail").asText()).startsWith("unknown field \"comment\"");
        assertThat(jdbc.queryForObject("select resolved_by from reconciliation_item where id = ?", String.class,
                itemIds.get(1))).isNull();
    }

    private String discrepancies() {
        return "/api/v1/reconciliations/" + runId + "/discrepancies";
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return CanonicalJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
