package tw.twpay.hub.sandbox.newebpay;

import java.time.LocalDate;

/**
 * The card a simulated customer pays with, reduced at once to what the gateway reports back: the first six and
 * last four digits and an expiry. The full number is never kept, logged or sent anywhere.
 *
 * <p>A test chooses the card with the optional form field {@code SandboxCardNo} (the real gateway asks the customer
 * on its own page instead); without it the customer pays with {@link #DEFAULT_NUMBER}.
 *
 * @param expiry YYMM, as NewebPay's Exp
 */
record SandboxCard(String bin6, String last4, String expiry, boolean declinedByIssuer, boolean cancelledInBankBatch) {

    /** NewebPay's published test card. */
    static final String DEFAULT_NUMBER = "4000221111111111";
    /** The issuer declines this one (CRE10003), so a test can ask for a refused card. */
    static final String DECLINED_NUMBER = "4000000000000002";

    /** Cancelling this card's authorisation is left to the bank's batch: the gateway answers TRA20001. */
    static final String BANK_BATCH_CANCEL_NUMBER = "4000000000000010";

    static final String FIELD = "SandboxCardNo";

    /**
     * The card of the form's SandboxCardNo, or the default card; cards expire three years from today.
     *
     * @param refusal the status to refuse a SandboxCardNo that is not a card number with
     */
    static SandboxCard chosenIn(SandboxForm form, LocalDate today, String refusal) {
        String number = form.text(FIELD);
        if (number == null) {
            number = DEFAULT_NUMBER;
        }
        number = number.replace(" ", "").replace("-", "");
        if (!number.matches("\\d{13,19}")) {
            throw new SimulatedGatewayRefusal(refusal, "SandboxCardNo 不是卡號 (SandboxCardNo must be 13 to 19 digits)");
        }
        String expiry = String.format("%02d12", (today.getYear() + 3) % 100);
        return of(number, expiry);
    }

    /** The card of a full number (digits only), keeping only what the gateway reports back. */
    static SandboxCard of(String number, String expiry) {
        return new SandboxCard(number.substring(0, 6), number.substring(number.length() - 4), expiry,
                DECLINED_NUMBER.equals(number), BANK_BATCH_CANCEL_NUMBER.equals(number));
    }

    /** As the period notifies write it: 400022******1111. */
    String masked() {
        return bin6 + "******" + last4;
    }
}
