package tw.twpay.hub.provider.flashpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import tw.twpay.hub.provider.GatewayRequest;

/**
 * The JSON a request carries inside its envelope, and the envelope around it. The browser's trade form posts the five
 * fields ver, mid, dat, key, chk; querytrade.php takes the same five as one JSON object, as FlashPay's own SDKs send it.
 */
final class FlashPayRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlashPayRequests() {
    }

    /** The request JSON in the map's order; amounts go in as JSON numbers, everything else as given. */
    static String json(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a FlashPay request of plain values could not be written as JSON", e);
        }
    }

    /**
     * An amount as the JSON number FlashPay's {@code amt} takes (the manual types it double, in yuan): 855 for a whole
     * amount, 500.98 with its decimals — never 855.0000 as the ledger reads it back, nor 8E+2.
     */
    static BigDecimal amount(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** ver, mid, dat, key, chk of the sealed JSON. */
    static Map<String, String> envelope(FlashPayMerchant merchant, String json) {
        FlashPayEnvelope sealed = merchant.codec().seal(json);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ver", FlashPay.VERSION);
        fields.put("mid", merchant.merchantId());
        fields.put("dat", sealed.dat());
        fields.put("key", sealed.key());
        fields.put("chk", sealed.chk());
        return fields;
    }

    /** A querytrade.php call (107, 106 or 8) with this JSON inside. */
    static GatewayRequest queryTrade(FlashPayMerchant merchant, Map<String, ?> fields, Object context) {
        return GatewayRequest.json(merchant.queryUrl(), json(envelope(merchant, json(fields))), context)
                .withTimeout(FlashPay.CALL_TIMEOUT);
    }
}
