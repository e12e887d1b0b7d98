package tw.twpay.hub.provider;

/** A decoded callback with the gateway's answer to the query that confirms it. */
public record CallbackConfirmation(CallbackFacts decoded, GatewayCall call) {
}
