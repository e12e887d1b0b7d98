/**
 * An in-process NewebPay (藍新金流) simulator for merchants whose environment is {@code sandbox}: it serves, under
 * {@code twpay.providers.newebpay.sandbox-base-url}, the paths of {@code https://ccore.newebpay.com} in the gateway's
 * wire formats (MPG form, QueryTradeInfo, CreditCard Cancel/Close, NDNP period pages and APIs), keeps its trades and
 * mandates in memory, and posts the gateway's callbacks to the NotifyURL of each request over real HTTP.
 *
 * <p>The routes are in {@code routes/sandbox/newebpay-sandbox.camel.yaml}, loaded (and these beans created) only with
 * {@code twpay.sandbox.enabled=true} (see {@link tw.twpay.hub.sandbox.SandboxRoutes});
 * the simulator only ever acts for merchants configured with environment {@code sandbox}. Status codes of refusals
 * follow the shape of NewebPay's (MPG0xxxx, TRA1xxxx, CRE1xxxx); the hub only relies on {@code SUCCESS} versus
 * anything else.
 */
package tw.twpay.hub.sandbox.newebpay;
