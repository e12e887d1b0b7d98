package tw.twpay.hub.sandbox.newebpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.twpay.hub.provider.newebpay.NewebPayFormEncoding;

/**
 * What the gateway says: Status, Message and the Result fields, written as RespondType asks. JSON escapes non-ASCII
 * as {@code \\uXXXX}, as PHP's {@code json_encode} does on the real gateway; an empty Result is {@code []}, PHP's
 * empty array. Each field keeps the JSON type the manuals' own examples show for it, and those differ from field to
 * field, amounts included: QueryTradeInfo's Amt is a number while its BackBalance, Inst, InstFirst and InstEach are
 * strings, the mandate result's PeriodAmt and AlterAmt's AlterAmt and NewNextAmt are strings, and a field without a
 * value may be {@code null}. So the hub's parser meets the real shapes. RespondType {@code String} is the flat form
 * text {@code Status=..&Message=..&MerchantID=..} (null fields left out).
 *
 * @param result Result fields in the gateway's order, each as the example types it: a {@link java.math.BigDecimal}
 *               or Integer is written as a JSON number, a String as a string, null as null
 */
record GatewayAnswer(String status, String message, Map<String, Object> result) {

    static final String SUCCESS = "SUCCESS";
    static final String RESPOND_TYPE_STRING = "String";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    GatewayAnswer {
        result = result == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(result));
    }

    static GatewayAnswer success(String message, Map<String, Object> result) {
        return new GatewayAnswer(SUCCESS, message, result);
    }

    static GatewayAnswer refused(SimulatedGatewayRefusal refusal, Map<String, Object> result) {
        return new GatewayAnswer(refusal.status(), refusal.getMessage(), result);
    }

    boolean isSuccess() {
        return SUCCESS.equals(status);
    }

    /** JSON unless the request asked for RespondType=String. */
    String render(String respondType) {
        return RESPOND_TYPE_STRING.equals(respondType) ? formText() : json();
    }

    String json() {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Status", status);
        envelope.put("Message", message);
        envelope.put("Result", result.isEmpty() ? List.of() : result);
        return write(envelope);
    }

    String formText() {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("Status", status);
        flat.put("Message", message);
        flat.putAll(result);
        return NewebPayFormEncoding.encode(flat);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the simulated gateway's JSON", e);
        }
    }
}
