package tw.twpay.hub.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import static java.util.Map.entry;

/**
 * What the OpenAPI document says each operation answers ({@link OpenApiDocument}): its success status, and every
 * error status the hub can give it, each a problem document (web/ProblemDocument). The errors are those the code
 * gives: the filters' (401/403 of the bearer check, 411/413 of the size limit, 415 and 400 of a body that is not
 * JSON or not UTF-8), http-errors' (500; 503 when the ledger database is unavailable; 502/504 of a provider call),
 * and each operation's own refusals ({@code RejectedRequestException}s of its beans and providers).
 */
final class OpenApiResponses {

    /**
     * An operation's success status and what it answers then, its own refusals, and whether it uses the ledger
     * database (then a 503 while the database is unavailable).
     */
    record Answers(int success, String description, boolean usesLedger, Set<Integer> refusals) {

        Answers(int success, String description, Integer... refusals) {
            this(success, description, true, Set.of(refusals));
        }
    }

    /** What each error status means, whichever operation gives it. */
    static final Map<Integer, String> ERRORS = Map.ofEntries(
            entry(400, "The request is malformed: a parameter or body field is missing, unknown or invalid, or the body"
                    + " is not valid UTF-8; the detail names it"),
            entry(401, "No valid credential: Authorization: Bearer with an API key or JWT is missing, unknown or"
                    + " expired"),
            entry(403, "The caller is not granted the scope of this path"),
            entry(404, "Not found: the detail names what (provider, merchant, order, card, run, item or command)"),
            entry(409, "Conflicts with the current state; the detail says which"),
            entry(411, "A chunked request body without Content-Length"),
            entry(413, "The request body exceeds twpay.http.max-body-bytes"),
            entry(415, "The request body is neither JSON nor absent"),
            entry(422, "The payment provider refused the command; the detail has its code and message"),
            entry(429, "NewebPay's query limit of the merchant is used up, or NewebPay has locked its queries; try"
                    + " later"),
            entry(500, "Internal error; the detail names the reference of the hub's log entry"),
            entry(502, "The payment provider failed: unreachable, or an answer that cannot be trusted"),
            entry(503, "The ledger database is unavailable and nothing was stored; try again after Retry-After"),
            entry(504, "The provider's outcome is unknown (no answer in time, or its answer could not be recorded):"
                    + " do not send the command again, a query settles it"));

    /**
     * A provider command that calls its gateway: a provider, merchant or command unknown, or the provider failed.
     * A payment or charge the gateway declines answers 200 with the order FAILED; other refusals are 422s.
     */
    private static final Integer[] GATEWAY = {400, 404, 502, 504};
    private static final Integer[] REFUSABLE = with(GATEWAY, 422);

    static final Map<String, Answers> BY_OPERATION = Map.ofEntries(
            entry("create-payment", new Answers(200, "What the customer's browser does next (FORM_POST) or, for a"
                    + " payment the provider charges at once, the order's state", with(GATEWAY, 409))),
            entry("pay-by-barcode", new Answers(200, "The order's state: AUTHORIZED, CAPTURE_REQUESTED or FAILED",
                    with(GATEWAY, 409))),
            entry("operate-on-payment", new Answers(200, "The order's state and history", with(REFUSABLE, 409, 429))),
            entry("get-payment", new Answers(200, "The order's canonical state and every journalled fact", 400, 404)),
            entry("find-payment", new Answers(200, "The order's canonical state and every journalled fact", 400, 404)),
            entry("create-subscription", new Answers(200, "What the customer's browser does next (FORM_POST)",
                    400, 404)),
            entry("alter-subscription", new Answers(200, "The mandate's change as the provider confirmed it",
                    REFUSABLE)),
            entry("charge-card", new Answers(200, "The order's state", with(GATEWAY, 409))),
            entry("bind-card", new Answers(200, "The stored card: cardRef, tokenStatus and the card summary",
                    REFUSABLE)),
            entry("push-token", new Answers(200, "The stored card: cardRef, tokenStatus and the card summary",
                    REFUSABLE)),
            entry("get-barcode", new Answers(200, "The barcode and how long it is valid", with(REFUSABLE, 409))),
            entry("remove-card", new Answers(200, "The card's tokenStatus DELETED", REFUSABLE)),
            entry("update-cardholder", new Answers(200, "The cardholder as the provider now keeps it", REFUSABLE)),
            entry("check-affiliate-code", new Answers(200, "Whether the card is of the affiliate code", REFUSABLE)),
            entry("get-card-metadata", new Answers(200, "The provider's view of the stored card", REFUSABLE)),
            entry("get-member-cards", new Answers(200, "The cards the provider keeps under the member id",
                    REFUSABLE)),
            entry("get-card-binding", new Answers(200, "Whether the card is bound to the token", REFUSABLE)),
            entry("list-dead-letters", new Answers(200, "A page of dead letters in id order", 400)),
            entry("redrive-dead-letter", new Answers(200, "The id put back in the outbox: {\"redriven\":[id]}",
                    400, 404, 409)),
            entry("redrive-all-dead-letters", new Answers(200, "The ids put back in the outbox: {\"redriven\":[...]}")),
            entry("list-operations-in-flight", new Answers(200, "{\"operations\":[...],\"more\":false}", 400)),
            entry("release-operation-in-flight", new Answers(200, "The operation released: {\"released\":{...}}",
                    400, 404, 409)),
            entry("get-payment-event-schema", new Answers(200, "The JSON Schema", false, Set.of())),
            entry("get-reconciliation-event-schema", new Answers(200, "The JSON Schema", false, Set.of())),
            entry("start-reconciliation", new Answers(202, "The run queued: its id, state RUNNING", 400, 404, 409)),
            entry("import-settlement-file", new Answers(202, "The run queued: its id, state RUNNING",
                    400, 404, 409)),
            entry("resolve-discrepancy", new Answers(200, "The item as resolved", 400, 404, 409)),
            entry("list-reconciliations", new Answers(200, "Runs, newest first", 400)),
            entry("get-reconciliation", new Answers(200, "The run", 404)),
            entry("list-discrepancies", new Answers(200, "A page {\"items\":[...],\"next\":...}, or every discrepancy"
                    + " as CSV", 400, 404)),
            entry("get-sandbox-erp-inbox", new Answers(200, "The events the sandbox ERP received, oldest first", false,
                    Set.of())));

    private OpenApiResponses() {
    }

    /**
     * Every error status of an operation: its own refusals, the bearer check's unless it is public, a body's when it
     * is a POST, 503 when it uses the ledger, and 500.
     */
    static Set<Integer> errors(Answers answers, boolean isPublic, boolean isPost) {
        Set<Integer> errors = new TreeSet<>(answers.refusals());
        errors.add(500);
        if (!isPublic) {
            errors.addAll(List.of(401, 403));
        }
        if (answers.usesLedger()) {
            errors.add(503);
        }
        if (isPost) {
            errors.addAll(List.of(400, 411, 413, 415));
        }
        return errors;
    }

    private static Integer[] with(Integer[] common, Integer... more) {
        Set<Integer> all = new TreeSet<>(List.of(common));
        all.addAll(List.of(more));
        return all.toArray(Integer[]::new);
    }
}
