/**
 * An in-process TapPay simulator for merchants whose environment is {@code sandbox}: it serves, under
 * {@code twpay.providers.tappay.sandbox-base-url}, the back-end paths of {@code https://sandbox.tappaysdk.com} in
 * TapPay's JSON shapes (status/msg envelope, JSON number amounts, epoch-millisecond times), keeps its trades in
 * memory, and posts the backend notify of 3-D Secure payments over real HTTP.
 *
 * <p>TapPay's published sandbox test primes pay: Direct Pay's {@code test_3a2f…}, Apple Pay's {@code ap_test_…} and
 * Google Pay's {@code gp_test_…} at once, LINE Pay's {@code ln_test_…} on its redirect page. Conventions of the
 * simulator (not TapPay's): an amount whose last three digits are 402 is declined (10003, bank code 05); 421
 * authorises but answers status 421 (the outcome the hub cannot know, for Record to settle); a scheduled capture
 * reaches the bank after {@code twpay.sandbox.tappay.capture-batch-delay}. The routes are in {@code routes/sandbox/tappay-sandbox.camel.yaml}, loaded
 * (with these beans) only with {@code twpay.sandbox.enabled}.
 */
package tw.twpay.hub.sandbox.tappay;
