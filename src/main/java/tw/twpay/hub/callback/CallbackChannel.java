package tw.twpay.hub.callback;

/**
 * What a provider contributes to the shared callback pipeline ({@code routes/callback-pipeline.camel.yaml}):
 * how to verify, decrypt and map one kind of callback, and how to acknowledge it. Receiving, the size limit, the
 * transactional store and error answers are the pipeline's.
 *
 * <p>An implementation is a Spring bean named in the provider's {@code templatedRoute}.
 */
public interface CallbackChannel {

    /**
     * Verifies and decodes a callback into ledger facts.
     *
     * @throws tw.twpay.hub.web.RejectedRequestException with a 4xx and a reason when the callback is not authentic,
     *                                                   not well-formed, or names an unknown merchant
     */
    CallbackFacts decode(CallbackRequest request);

    /** The provider's acknowledgement, called only after the facts were committed. */
    CallbackAcknowledgement acknowledge(StoredCallback stored);
}
