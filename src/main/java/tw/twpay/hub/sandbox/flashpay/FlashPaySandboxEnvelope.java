package tw.twpay.hub.sandbox.flashpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.flashpay.FlashPayCodec;
import tw.twpay.hub.provider.flashpay.FlashPayDecodeException;

/**
 * The gateway's side of the envelope: a request's ver/mid/dat/key/chk checked as FlashPay checks them (the merchant
 * by mid, chk over dat, key over the decrypted JSON), and answers sealed as FlashPay seals them (dat and chk).
 */
@Component
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class FlashPaySandboxEnvelope {

    static final String VERSION = "1.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlashPaySandboxMerchants merchants;

    public FlashPaySandboxEnvelope(FlashPaySandboxMerchants merchants) {
        this.merchants = merchants;
    }

    /** A request that passed the gateway's checks: its merchant's codec and JSON. */
    record Opened(String merchantId, FlashPayCodec codec, JsonNode json) {
    }

    Opened open(Map<String, String> form) {
        String merchantId = form.get("mid");
        FlashPayCodec codec = merchants.codec(merchantId)
                .orElseThrow(() -> new SimulatedFlashPayRefusal("E10", "特店編號錯誤 (no sandbox merchant has this mid)"));
        if (!VERSION.equals(form.get("ver"))) {
            throw new SimulatedFlashPayRefusal("E11", "版本錯誤 (ver must be 1.0.0)");
        }
        String json;
        try {
            json = codec.openText(form.get("dat"), form.get("chk"));
        } catch (FlashPayDecodeException e) {
            throw new SimulatedFlashPayRefusal("E12", "資料檢查錯誤 (" + e.getMessage() + ")");
        }
        if (form.get("key") == null || !form.get("key").equalsIgnoreCase(codec.key(json))) {
            throw new SimulatedFlashPayRefusal("E13", "確認碼錯誤 (key is not SHA-256 of HashKey + JSON + HashIV)");
        }
        try {
            JsonNode tree = JSON.readTree(json);
            if (!tree.isObject() || !merchantId.equals(tree.path("mer_id").asText())) {
                throw new SimulatedFlashPayRefusal("E14", "特店編號不符 (mer_id is not the mid)");
            }
            return new Opened(merchantId, codec, tree);
        } catch (IOException e) {
            throw new SimulatedFlashPayRefusal("E12", "資料格式錯誤 (dat is not JSON)");
        }
    }

    /**
     * {@code ver=1.0.0&dat=..&chk=..} of this answer. The JSON is written as FlashPay's PHP writes it: slashes
     * escaped ({@code http:\/\/}), non-ASCII as-is.
     */
    static String seal(FlashPayCodec codec, Map<String, ?> answer) {
        String dat = codec.seal(json(answer)).dat();
        return "ver=" + VERSION + "&dat=" + dat + "&chk=" + FlashPayCodec.chk(dat);
    }

    static String json(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields).replace("/", "\\/");
        } catch (IOException e) {
            throw new IllegalStateException("a simulated answer of plain values could not be written", e);
        }
    }

    /** A server-side error: plain JSON, not encrypted (FlashPay manual §4 (2) d). */
    static String plainError(SimulatedFlashPayRefusal refusal) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("ret_code", refusal.code());
        error.put("ret_msg", refusal.getMessage());
        try {
            return JSON.writeValueAsString(error);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
