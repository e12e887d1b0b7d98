package tw.twpay.hub.crypto;

/**
 * Input to a decoder or cipher is malformed. The message only names what is wrong with the shape of the input;
 * it never quotes the input itself, because that may be plaintext, ciphertext or key material.
 */
public final class CryptoFormatException extends RuntimeException {

    /** What is wrong, so callers can phrase their own message for the field they were decoding. */
    public enum Reason {
        EMPTY_CIPHERTEXT("ciphertext is empty"),
        CIPHERTEXT_NOT_BLOCK_ALIGNED("ciphertext length is not a multiple of 16 bytes"),
        BAD_PADDING("bad padding"),
        HEX_ODD_LENGTH("hex text has odd length"),
        HEX_NOT_HEX("hex text contains a character that is not a hex digit");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public CryptoFormatException(Reason reason) {
        // No stack-trace suppression: these are rare and the trace helps, and it holds no data.
        super(reason.description());
        this.reason = reason;
    }

    /**
     * What is wrong with the named field, for a log line or a decode failure: never its value, so it cannot leak
     * ciphertext, plaintext or keys.
     */
    public String describe(String field) {
        return switch (reason) {
            case HEX_ODD_LENGTH -> field + " has odd length";
            case HEX_NOT_HEX -> field + " is not hex";
            case EMPTY_CIPHERTEXT -> field + " is empty";
            case CIPHERTEXT_NOT_BLOCK_ALIGNED -> field + " is not a whole number of 16-byte AES blocks";
            case BAD_PADDING -> field + " has bad padding (wrong HashKey/HashIV or altered ciphertext)";
        };
    }

    public Reason reason() {
        return reason;
    }
}
