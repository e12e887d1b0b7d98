package tw.twpay.hub.sandbox.newebpay;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tw.twpay.hub.provider.newebpay.NewebPayDecodeException;
import tw.twpay.hub.provider.newebpay.NewebPayFormEncoding;
import tw.twpay.hub.provider.newebpay.NewebPayMerchantKind;

/**
 * The fields of a request to the simulated gateway: the posted form, or the decrypted TradeInfo/PostData_ inside it.
 *
 * @param fields field name to value, in the order they were sent
 */
public record SandboxForm(Map<String, String> fields) {

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_]+");

    public SandboxForm {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The trimmed value, or null when the field is absent or blank. */
    public String text(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The value, refused with the gateway's status when absent or blank. */
    String required(String name, String status, String message) {
        String value = text(name);
        if (value == null) {
            throw new SimulatedGatewayRefusal(status, message);
        }
        return value;
    }

    /**
     * The sandbox merchant whose MerchantID this field carries; refused with {@code unknownStatus} when the field is
     * absent or names no sandbox merchant of that kind.
     */
    SandboxMerchant merchant(String field, SandboxMerchants merchants, NewebPayMerchantKind kind,
                              String unknownStatus) {
        String merchantId = required(field, unknownStatus, "商店代號不可空白 (" + field + " is missing)");
        return merchants.find(merchantId, kind).orElseThrow(() -> new SimulatedGatewayRefusal(
                unknownStatus, "查無此商店代號 (no sandbox " + kind + " merchant has this MerchantID)"));
    }

    /** Like {@link #merchant} for an API both kinds of merchant use (QueryTradeInfo). */
    SandboxMerchant anyMerchant(String field, SandboxMerchants merchants, String unknownStatus) {
        String merchantId = required(field, unknownStatus, "商店代號不可空白 (" + field + " is missing)");
        return merchants.find(merchantId, NewebPayMerchantKind.NDNF)
                .or(() -> merchants.find(merchantId, NewebPayMerchantKind.NDNP))
                .orElseThrow(() -> new SimulatedGatewayRefusal(unknownStatus,
                        "查無此商店代號 (no sandbox merchant has this MerchantID)"));
    }

    /** The fields sent encrypted in {@code field} (PostData_), decrypted with the merchant's HashKey and HashIV. */
    SandboxForm decrypted(String field, SandboxMerchant merchant, String missingStatus, String undecryptableStatus) {
        String cipherText = required(field, missingStatus, field + " 不可空白 (" + field + " is missing)");
        Map<String, String> decrypted;
        try {
            decrypted = NewebPayFormEncoding.decode(merchant.codec().decryptText(cipherText));
        } catch (NewebPayDecodeException e) {
            throw new SimulatedGatewayRefusal(undecryptableStatus, field + " 解密失敗 (" + e.getMessage() + ")");
        }
        // Another key decrypts to noise, and about one time in 256 that noise ends in valid padding: it is still
        // undecryptable to the gateway, not a request with odd fields.
        if (decrypted.isEmpty() || !decrypted.keySet().stream().allMatch(name -> FIELD_NAME.matcher(name).matches())) {
            throw new SimulatedGatewayRefusal(undecryptableStatus, field + " 解密失敗 (not a form of field names)");
        }
        return new SandboxForm(decrypted);
    }

    /**
     * What a refusal of this (decrypted) request echoes so the caller can tell which of its requests it was: the
     * merchant, and Amt, TradeNo and MerchantOrderNo where the request named them — never a card field.
     */
    Map<String, Object> identity(SandboxMerchant merchant) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("MerchantID", merchant.merchantId());
        BigDecimal amount = wholeAmount("Amt");
        if (amount != null) {
            result.put("Amt", amount);
        }
        for (String name : new String[] {"TradeNo", "MerchantOrderNo"}) {
            if (text(name) != null) {
                result.put(name, text(name));
            }
        }
        return result;
    }

    /**
     * A positive whole amount of New Taiwan dollars (the gateway has no decimals for TWD), or null when the field
     * is absent, not a number, fractional or not positive.
     */
    BigDecimal wholeAmount(String name) {
        String value = text(name);
        if (value == null || !value.matches("\\d{1,10}")) {
            return null;
        }
        BigDecimal amount = new BigDecimal(value);
        return amount.signum() > 0 ? amount : null;
    }
}
