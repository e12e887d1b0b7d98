package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import tw.twpay.hub.provider.GatewayAnswer;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.UnknownOutcomeException;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * A TapPay answer's envelope ({@code status}, {@code msg}) with its body. TapPay answers refusals in the body with
 * HTTP 200; HTTP 401/403 mean the partner key was refused (nothing was done); any other non-2xx, a timeout, a lost
 * connection, an unreadable body or one of the "outcome unknown" statuses means TapPay may have acted: only a Record
 * query can tell, and nothing is recorded as failed.
 */
public record TapPayAnswer(int status, String msg, ObjectNode body) {

    public static final int SUCCESS = 0;
    /** Record and Reconciliation: no more records for the filter (the page may still carry some). */
    public static final int END_OF_LIST = 2;
    /**
     * 421 gateway timeout, 422 bank timeout (per TapPay's error table), 10001 and 10004 (bank system error / bank
     * time-out): the bank may have authorised.
     */
    private static final Set<Integer> OUTCOME_UNKNOWN = Set.of(421, 422, 10001, 10004);

    /**
     * A trade with this bank_transaction_id exists already (tappay.md: 6001, 10013): TapPay has an earlier attempt of
     * the same payment, whose outcome only Record can tell.
     */
    private static final Set<Integer> DUPLICATE_TRADE = Set.of(6001, 10013);

    public static boolean duplicateTrade(int status) {
        return DUPLICATE_TRADE.contains(status);
    }

    public static boolean outcomeUnknown(int status) {
        return OUTCOME_UNKNOWN.contains(status);
    }

    public boolean success() {
        return status == SUCCESS;
    }

    public String text(String field) {
        return TapPayJson.textField(body, field);
    }

    public JsonNode path(String field) {
        return body.path(field);
    }

    /** "status msg", for refusals: TapPay's msg is always passed on (codes changed meaning over the years). */
    public String describe() {
        return status + (msg == null || msg.isEmpty() ? "" : " " + msg);
    }

    /**
     * The answer of a call, or an {@link UnknownOutcomeException} when TapPay may have acted without saying so, or a
     * {@link GatewayAnswerException} when the partner key was refused. Outcome-unknown statuses in the body are
     * returned, the caller decides (a payment must not be failed on them).
     */
    public static TapPayAnswer read(GatewayCall call) {
        GatewayAnswer answer = call.answer();
        if (answer.status() == 401 || answer.status() == 403) {
            throw new GatewayAnswerException("TapPay refused the partner key (HTTP " + answer.status() + ")");
        }
        if (answer.outcomeUnknown() || !answer.success()) {
            throw unknown(answer.outcomeUnknown() ? "no answer" : "HTTP " + answer.status());
        }
        ObjectNode body = TapPayJson.parseObject(answer.body());
        if (body == null || !body.path("status").isIntegralNumber()) {
            throw unknown("an answer without a status");
        }
        return new TapPayAnswer(body.path("status").intValue(), TapPayJson.textField(body, "msg"), body);
    }

    /** The same as {@link #read}, and an outcome-unknown status in the body is an unknown outcome too. */
    public static TapPayAnswer readKnown(GatewayCall call) {
        TapPayAnswer answer = read(call);
        if (outcomeUnknown(answer.status())) {
            throw unknown("status " + answer.describe());
        }
        return answer;
    }

    /**
     * The answer of a call that must succeed: TapPay's refusal is the ERP's 422, "{@code refused}: status msg" (its
     * msg passed on); unknown outcomes and refused keys as in {@link #readKnown}.
     */
    public static TapPayAnswer readSuccess(GatewayCall call, String refused) {
        TapPayAnswer answer = readKnown(call);
        if (!answer.success()) {
            throw new RejectedRequestException(422, refused + ": " + answer.describe());
        }
        return answer;
    }

    static UnknownOutcomeException unknown(String what) {
        return new UnknownOutcomeException("TapPay gave " + what
                + "; the outcome is unknown (nothing is recorded as failed) and will be settled by a Record query");
    }
}
