package tw.twpay.hub.provider;

/**
 * What came back from a gateway call. A call either got an HTTP answer (any status: reading a refusal is the
 * operation's business) or its outcome is unknown — timeout, connection refused or reset, no complete answer — in
 * which case the gateway may or may not have acted, and only a later query can tell.
 *
 * @param status      the HTTP status, or 0 when the outcome is unknown
 * @param contentType the answer's content type, or null
 * @param body        the answer as text ("" when none)
 * @param failure     why the outcome is unknown (for the log), or null
 */
public record GatewayAnswer(int status, String contentType, String body, String failure) {

    public GatewayAnswer {
        body = body == null ? "" : body;
    }

    public static GatewayAnswer unknownOutcome(String failure) {
        return new GatewayAnswer(0, null, "", failure);
    }

    /** No complete answer: the gateway may have acted. */
    public boolean outcomeUnknown() {
        return status == 0;
    }

    /** The gateway's server failed (5xx): it may have acted before failing. */
    public boolean serverError() {
        return status >= 500;
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }
}
