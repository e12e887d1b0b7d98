package tw.twpay.hub.provider;

/** A gateway request with the answer it got: what an operation reads to decide the command's outcome. */
public record GatewayCall(GatewayRequest request, GatewayAnswer answer) {

    /** The request's context, as the operation that made it stored it. */
    public <T> T context(Class<T> type) {
        return type.cast(request.context());
    }

    /**
     * The body of a 2xx answer, for gateways that answer every refusal in the body with status 200. No complete
     * answer or a 5xx is an {@link UnknownOutcomeException} (the gateway may have acted); any other status a
     * {@link GatewayAnswerException}.
     */
    public String successBody() {
        if (answer.outcomeUnknown() || answer.serverError()) {
            throw new UnknownOutcomeException("the payment provider did not answer in time or failed ("
                    + (answer.outcomeUnknown() ? "no answer" : "HTTP " + answer.status())
                    + "); the outcome is unknown and will be settled by a query");
        }
        if (!answer.success()) {
            throw new GatewayAnswerException("the payment provider answered HTTP " + answer.status());
        }
        return answer.body();
    }
}
