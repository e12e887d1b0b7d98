package tw.twpay.hub.provider;

/**
 * What a provider contributes to the shared callback pipeline ({@code provider-callback} in
 * {@code routes/callback-pipeline.camel.yaml}): decode → (confirm with the gateway) → store → acknowledge. Receiving,
 * the size limit, the transactional store and the one answer of every refusal are the pipeline's.
 *
 * <p>An implementation is a Spring bean named in the provider's {@code templatedRoute}. A provider fills in only what
 * it has: a callback the provider signs is verified in {@link #decode} and needs no confirmation; an unsigned one
 * (NewebPay's {@code Period}, TapPay's notifies, FlashPay's unkeyed {@code chk}) is only a hint, and names the query
 * that confirms it in {@link #confirmation}.
 */
public interface CallbackChannel {

    /**
     * Verifies and decodes a callback into ledger facts.
     *
     * @throws tw.twpay.hub.web.RejectedRequestException when the callback is not authentic, not well-formed, or names
     *                                                   an unknown merchant; the reason goes to the log only
     */
    CallbackFacts decode(CallbackRequest request);

    /**
     * The gateway query that confirms the decoded facts before anything is stored, or null when they need none (the
     * callback was verified by its signature, or reports nothing that moves money).
     */
    default GatewayRequest confirmation(CallbackFacts decoded) {
        return null;
    }

    /**
     * The facts as the gateway confirmed them, from the answer to {@link #confirmation}: what the gateway says is
     * stored, not what the callback claimed. A confirmation that failed, disagrees or could not be made throws
     * (a {@link tw.twpay.hub.web.RejectedRequestException} or an upstream failure), and nothing is stored.
     */
    default CallbackFacts confirm(CallbackConfirmation confirmation) {
        return confirmation.decoded();
    }

    /** The provider's acknowledgement, called only after the facts were committed. */
    CallbackAcknowledgement acknowledge(StoredCallback stored);
}
