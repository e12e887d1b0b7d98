package tw.twpay.hub.provider.newebpay;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import tw.twpay.hub.crypto.ConstantTime;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.crypto.Sha256;

/**
 * The two plain-SHA-256 signatures of NewebPay's QueryTradeInfo API (NPA-B02):
 * <ul>
 *   <li>CheckValue, sent with the query: {@code IV={iv}&{sorted fields}&Key={key}} over Amt, MerchantID and
 *       MerchantOrderNo;</li>
 *   <li>CheckCode, returned in the answer: {@code HashIV={iv}&{sorted fields}&HashKey={key}} over Amt, MerchantID,
 *       MerchantOrderNo and TradeNo.</li>
 * </ul>
 * Fields are URL-encoded with their names in ascending order; the digest is upper-case hex. Both put the IV first
 * and differ only in the labels, unlike TradeSha which starts with the key.
 *
 * <p>Immutable and thread-safe; {@link #toString()} does not print the keys.
 */
public final class NewebPayCheckCodes {

    private static final String[] CHECK_CODE_FIELDS = {"Amt", "MerchantID", "MerchantOrderNo", "TradeNo"};

    private final String hashKey;
    private final String hashIv;

    public NewebPayCheckCodes(MerchantHashKeys keys) {
        this(keys.hashKey(), keys.hashIv());
    }

    private NewebPayCheckCodes(String hashKey, String hashIv) {
        this.hashKey = Objects.requireNonNull(hashKey, "HashKey");
        this.hashIv = Objects.requireNonNull(hashIv, "HashIV");
    }

    /**
     * For keys that are not AES-sized. These codes only hash the key text, so they work with any length, as in the
     * published examples and with merchants still on keys from the older MPG1 protocol.
     */
    public static NewebPayCheckCodes forKeyText(String hashKey, String hashIv) {
        return new NewebPayCheckCodes(hashKey, hashIv);
    }

    /** CheckValue for a QueryTradeInfo request; pass Amt, MerchantID and MerchantOrderNo. */
    public String checkValue(Map<String, ?> fields) {
        return Sha256.upperHex(checkValueInput(fields));
    }

    /** CheckCode as NewebPay computes it for a QueryTradeInfo answer; pass the fields it covers. */
    public String checkCode(Map<String, ?> fields) {
        return Sha256.upperHex(checkCodeInput(fields));
    }

    /** Constant-time check of a received CheckCode (either hex case); malformed or missing values do not match. */
    public boolean checkCodeMatches(Map<String, ?> fields, String receivedCheckCode) {
        byte[] expected = Sha256.digest(checkCodeInput(fields).getBytes(StandardCharsets.UTF_8));
        return ConstantTime.equalsHex(expected, receivedCheckCode);
    }

    /**
     * Verifies the CheckCode inside a QueryTradeInfo answer against the Amt, MerchantID, MerchantOrderNo and TradeNo
     * of the same answer.
     *
     * @throws NewebPayDecodeException "CheckCode mismatch", or which field the answer lacks
     */
    public void verifyQueryResponse(NewebPayPayload response) {
        String receivedCheckCode = response.field("CheckCode");
        if (receivedCheckCode == null) {
            throw new NewebPayDecodeException("query response has no CheckCode");
        }
        Map<String, String> covered = new LinkedHashMap<>();
        for (String field : CHECK_CODE_FIELDS) {
            String value = response.field(field);
            if (value == null) {
                throw new NewebPayDecodeException("query response has no " + field);
            }
            covered.put(field, value);
        }
        if (!checkCodeMatches(covered, receivedCheckCode)) {
            throw new NewebPayDecodeException("CheckCode mismatch");
        }
    }

    /** The text hashed into CheckValue; contains the keys, so only for tests. */
    String checkValueInput(Map<String, ?> fields) {
        return "IV=" + hashIv + "&" + NewebPayFormEncoding.encodeSorted(fields) + "&Key=" + hashKey;
    }

    /** The text hashed into CheckCode; contains the keys, so only for tests. */
    String checkCodeInput(Map<String, ?> fields) {
        return "HashIV=" + hashIv + "&" + NewebPayFormEncoding.encodeSorted(fields) + "&HashKey=" + hashKey;
    }

    @Override
    public String toString() {
        return "NewebPayCheckCodes[keys=<redacted>]";
    }
}
