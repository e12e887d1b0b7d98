package tw.twpay.hub.sandbox.newebpay;

import java.math.BigDecimal;

/**
 * The card issuer behind the simulated gateway: approves everything except what a test asks to fail, by amount or
 * by card, so that failures can be produced on purpose without a special merchant.
 */
final class SimulatedIssuer {

    /** An amount of 13 is refused, so a test can ask for a failed payment with any card. */
    static final BigDecimal FAILING_AMOUNT = new BigDecimal("13");
    /** Above this the simulated card limit is exceeded. */
    static final BigDecimal CARD_LIMIT = new BigDecimal("200000");

    private SimulatedIssuer() {
    }

    /**
     * The issuer's answer to authorising the amount on the card.
     *
     * @param checkAmount false for the gateway's own card check (NDNP's 10-dollar authorisation), which the amount
     *                    rules do not concern
     */
    static Authorisation authorise(BigDecimal amount, SandboxCard card, boolean checkAmount) {
        if (checkAmount && (amount.compareTo(FAILING_AMOUNT) == 0 || amount.compareTo(CARD_LIMIT) > 0)) {
            return Authorisation.refused("CRE10001", "授權失敗", "05");
        }
        if (card.declinedByIssuer()) {
            return Authorisation.refused("CRE10003", "發卡行拒絕交易 (card declined by the issuer)", "05");
        }
        return new Authorisation(true, GatewayAnswer.SUCCESS, "授權成功", "00", SimulatedReferenceNumbers.authCode());
    }

    /** An e-wallet payment: the amount of 13 fails as the gateway's 模擬失敗 does (MPG03009). */
    static Authorisation payByWallet(BigDecimal amount) {
        if (amount.compareTo(FAILING_AMOUNT) == 0) {
            return Authorisation.refused("MPG03009", "交易失敗", "");
        }
        return new Authorisation(true, GatewayAnswer.SUCCESS, "付款成功", "00", "");
    }

    /**
     * @param status      SUCCESS or the gateway's failure code
     * @param respondCode the bank's response code: 00 approved, 05 do not honour, 54 expired card
     * @param authCode    six digits when approved, empty otherwise
     */
    record Authorisation(boolean approved, String status, String message, String respondCode, String authCode) {

        static Authorisation refused(String status, String message, String respondCode) {
            return new Authorisation(false, status, message, respondCode, "");
        }
    }
}
