package tw.twpay.hub.provider;

/**
 * A command carried out by calling the provider's back-end API: the {@code provider-gateway-command} route template
 * runs {@link #request} → journal the request's intent → {@code gateway-call} → {@link #answer} → store the result's
 * facts → answer the ERP. The request checks everything it can before anything is sent (a refused command is a
 * {@link tw.twpay.hub.web.RejectedRequestException}, 4xx, and nothing is sent or stored).
 *
 * @param <C> the command this operation carries out (e.g. {@code api.PaymentOperationCommand})
 */
public interface GatewayOperation<C> {

    /** The provider's request for the command, with whatever reading the answer needs as its context. */
    GatewayRequest request(C command);

    /**
     * Reads the answer into facts and the ERP's answer. An answer that cannot be trusted is a
     * {@link GatewayAnswerException}; a refusal by the gateway a 4xx; an unknown outcome must not be recorded as a
     * failure (see {@link UnknownOutcomeException}).
     */
    CommandResult answer(GatewayCall call);
}
