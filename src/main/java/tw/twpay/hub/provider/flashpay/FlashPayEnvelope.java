package tw.twpay.hub.provider.flashpay;

/**
 * The sealed form of one JSON request: {@code dat} (lower-case hex AES-256-CBC of the JSON), {@code key} (upper-case
 * SHA-256 of HashKey + JSON + HashIV) and {@code chk} (upper-case SHA-256 of dat as sent). Answers carry only dat and
 * chk. {@link #toString()} leaves the values out.
 */
public record FlashPayEnvelope(String dat, String key, String chk) {

    @Override
    public String toString() {
        return "FlashPayEnvelope[dat=" + dat.length() + " hex chars]";
    }
}
