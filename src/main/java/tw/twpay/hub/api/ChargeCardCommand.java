package tw.twpay.hub.api;

import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.provider.ProviderId;

/**
 * A back-end card charge ({@code POST /api/v1/card-payments}): the first one with the card's details binds the card
 * to a token for the cardholder reference {@code tokenTerm}; later ones charge the token. {@link #toString()} never
 * shows card data.
 *
 * @param tokenValue the token from the first charge; null for a first charge
 * @param card       the card for a first charge; null when charging a token
 * @param cardholder required by providers whose cardholder authentication needs it (NewebPay Passkey)
 * @param fields     the request as sent, for fields only the named provider reads
 */
public record ChargeCardCommand(
        ProviderId provider,
        String merchant,
        String orderNo,
        Money amount,
        String description,
        String email,
        String tokenTerm,
        String tokenValue,
        CardDetails card,
        Cardholder cardholder,
        ProviderFields fields) {

    public ChargeCardCommand {
        fields = fields == null ? ProviderFields.none() : fields;
    }

    /** Card data: only ever passed on encrypted to the provider, never stored, logged or echoed. */
    public record CardDetails(String number, String expiry, String cvc) {

        @Override
        public String toString() {
            return "CardDetails[****]";
        }
    }

    /** @param phone E.164, e.g. +886912345678 */
    public record Cardholder(String phone, String lastName, String firstName) {
    }

    @Override
    public String toString() {
        return "ChargeCardCommand[" + provider + ", " + merchant + ", " + orderNo + ", " + amount
                + (card != null ? ", first charge" : ", token charge") + "]";
    }
}
