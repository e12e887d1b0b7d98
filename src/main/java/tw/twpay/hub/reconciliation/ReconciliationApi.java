package tw.twpay.hub.reconciliation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.OperatorRequestBody;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.web.PageParameters;
import tw.twpay.hub.web.RejectedRequestException;

/** {@code /api/v1/reconciliations}: start a run, follow it, read and resolve its discrepancies. */
@Component("reconciliationApi")
public class ReconciliationApi {


    private final ReconciliationRuns runs;
    private final ReconciliationItems items;
    private final SettlementSources sources;
    private final ReconciliationProperties properties;
    private final Clock clock;

    public ReconciliationApi(ReconciliationRuns runs, ReconciliationItems items, SettlementSources sources,
                             ReconciliationProperties properties, Clock clock) {
        this.runs = runs;
        this.items = items;
        this.sources = sources;
        this.properties = properties;
        this.clock = clock;
    }

    /** {"provider","merchant","date"} or {"provider","merchant","from","to"}: a new RUNNING run (409 if one runs). */
    public ReconciliationRun start(String body) {
        OperatorRequestBody request = OperatorRequestBody.of(body, "provider", "merchant", "date", "from", "to");
        SettlementWindow window = window(request.text("provider"), request.text("merchant"),
                request.optionalText("date"), request.optionalText("from"), request.optionalText("to"));
        SettlementSource source = sources.gatewaySource(window.provider());
        requireServed(source, window);
        String id = runs.create(window, source.name(), null, RunTrigger.API, OffsetDateTime.now(clock));
        return runs.require(id);
    }

    public List<ReconciliationRun> list(@Header("provider") String provider, @Header("merchant") String merchant,
                                        @Header("date") String date, @Header("state") String state,
                                        @Header("limit") String limit) {
        return runs.list(provider == null || provider.isBlank() ? null : ProviderId.of(provider).code(),
                blankToNull(merchant), date == null || date.isBlank() ? null : date("date", date),
                state == null || state.isBlank() ? null : runState(state), PageParameters.limit(limit));
    }

    public ReconciliationRun get(@Header("id") String id) {
        return runs.require(id);
    }

    /**
     * One page of the run's discrepancies (JSON: {"items":[...],"next":"<after>"}), or all of them as CSV when the
     * client accepts text/csv.
     */
    public void discrepancies(Exchange exchange) {
        var message = exchange.getMessage();
        String runId = message.getHeader("id", String.class);
        runs.require(runId);
        DiscrepancyKind kind = kind(message.getHeader("kind", String.class));
        String accept = message.getHeader("Accept", String.class);
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv")) {
            StringBuilder csv = new StringBuilder(DiscrepancyCsv.HEADER);
            items.eachDiscrepancy(runId, kind, item -> DiscrepancyCsv.append(csv, item));
            message.removeHeaders("*");
            message.setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=UTF-8");
            message.setHeader("Content-Disposition", "attachment; filename=\"reconciliation-" + runId + ".csv\"");
            // a BOM, so a spreadsheet opens the order numbers and provider words in UTF-8
            message.setBody("\uFEFF" + csv);
            return;
        }
        int limit = PageParameters.limit(message.getHeader("limit", String.class));
        long after = PageParameters.after(message.getHeader("after", String.class));
        List<ReconciliationItem> page = items.discrepancies(runId, kind, after, limit);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page);
        answer.put("next", page.size() < limit ? null : String.valueOf(page.get(page.size() - 1).id()));
        message.setBody(answer);
    }

    /** {"note":"...","resolvedBy":"..."}: who resolved the discrepancy and why, written once. */
    public ReconciliationItem resolve(@Header("id") String runId, @Header("itemId") String itemId, String body) {
        OperatorRequestBody request = OperatorRequestBody.of(body, "note", "resolvedBy");
        String note = request.text("note");
        String by = request.text("resolvedBy");
        if (note.length() > 2000 || by.length() > 128) {
            throw RejectedRequestException.badRequest("note is at most 2000 characters, resolvedBy 128");
        }
        requireItemsFinal(runs.require(runId));
        if (itemId == null || itemId.isBlank()) {
            throw RejectedRequestException.badRequest("itemId is required");
        }
        return items.resolve(runId, PageParameters.nonNegative("itemId", itemId, 0L), by, note, OffsetDateTime.now(clock));
    }

    /**
     * A run's items are final once it is DONE, or FAILED with no attempt to come. A run that is RUNNING (or is taken
     * over after its node stopped) or waits for its retry lists its items again from the top, and a resolution
     * written on one of them now would be dropped with it, the discrepancy listed again unresolved: 409.
     */
    private static void requireItemsFinal(ReconciliationRun run) {
        if (run.state() == RunState.RUNNING) {
            throw new RejectedRequestException(409, "reconciliation run " + run.id() + " is RUNNING: its"
                    + " discrepancies are final, and can be resolved, once it is DONE");
        }
        if (run.state() == RunState.FAILED && run.nextAttemptAt() != null) {
            throw new RejectedRequestException(409, "reconciliation run " + run.id() + " failed and is tried again"
                    + " at " + run.nextAttemptAt() + ", which lists its discrepancies again from the top: resolve"
                    + " them once it is DONE");
        }
    }

    /** The window of a request, checked: known provider, dates, at most max-window-days, not in the future. */
    SettlementWindow window(String provider, String merchant, String date, String from, String to) {
        LocalDate first;
        LocalDate last;
        if (date != null) {
            if (from != null || to != null) {
                throw RejectedRequestException.badRequest("give either date or from and to, not both");
            }
            first = date("date", date);
            last = first;
        } else if (from != null && to != null) {
            first = date("from", from);
            last = date("to", to);
        } else {
            throw RejectedRequestException.badRequest("date, or from and to, is required");
        }
        if (last.isBefore(first)) {
            throw RejectedRequestException.badRequest("to must not be before from");
        }
        if (last.toEpochDay() - first.toEpochDay() + 1 > properties.maxWindowDays()) {
            throw RejectedRequestException.badRequest("a run covers at most " + properties.maxWindowDays() + " days");
        }
        if (!last.isBefore(LocalDate.now(clock.withZone(SettlementWindow.BUSINESS_ZONE)).plusDays(1))) {
            throw RejectedRequestException.badRequest("the window must end today (Asia/Taipei) at the latest");
        }
        return new SettlementWindow(ProviderId.of(provider), merchant, first, last);
    }

    static void requireServed(SettlementSource source, SettlementWindow window) {
        if (!source.serves(window.merchant())) {
            throw RejectedRequestException.notFound("no merchant " + window.merchant() + " of " + window.provider()
                    + " to reconcile");
        }
    }

    static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw RejectedRequestException.badRequest(field + " must be a date like 2026-11-25");
        }
    }


    /** A cursor or id: item ids are database identities, so any long (never cut to an int). */

    private static DiscrepancyKind kind(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DiscrepancyKind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RejectedRequestException.badRequest("kind must be one of " + List.of(DiscrepancyKind.values()));
        }
    }

    private static RunState runState(String value) {
        try {
            return RunState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RejectedRequestException.badRequest("state must be RUNNING, DONE or FAILED");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
