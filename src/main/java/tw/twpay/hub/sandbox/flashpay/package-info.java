/**
 * An in-process FlashPay simulator for merchants whose environment is {@code sandbox}: under
 * {@code twpay.providers.flashpay.sandbox-base-url} it serves {@code trade.php} (the card page: pays, or declines the
 * card 4000000000000002, and posts a notify shaped like FlashPay's real ones to return_url) and
 * {@code querytrade.php} (107, 106, 8) in FlashPay's envelope, plus back-office control endpoints (capture, refund,
 * a payment whose notify is lost) so a walk-through can show what the hub learns by query.
 *
 * <p>Beans exist only with {@code twpay.sandbox.enabled=true}; the simulator builds its own codecs from the configured
 * sandbox merchants' keys and never acts for a merchant of FlashPay's test or production hosts. Return codes other
 * than "00" and the plain-JSON error shape are the simulator's own: FlashPay's manual does not list them.
 */
package tw.twpay.hub.sandbox.flashpay;
