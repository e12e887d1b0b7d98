package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tw.twpay.hub.crypto.MerchantHashKeys;

class NewebPayCheckCodesTest {

    private static final String HASH_KEY = "Fs5cX1TGqYM2PpdbE14a9H83YQSQF5jn";
    private static final String HASH_IV = "C6AcmfqJILwgnhIP";
    private static final NewebPayCheckCodes CODES = new NewebPayCheckCodes(MerchantHashKeys.of(HASH_KEY, HASH_IV));

    private static Map<String, String> queryAnswer() {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("MerchantID", "MS127874575");
        result.put("Amt", "30");
        result.put("TradeNo", "23092714215835071");
        result.put("MerchantOrderNo", "Vanespl_ec_1695795668");
        result.put("TradeStatus", "1");
        result.put("CheckCode", "79C5227AF869AE4F25FDF4E22B928D5B52E415D9905EC6912D7807E18C3FFACA");
        return result;
    }

    @Test
    void fieldOrderDoesNotMatter() {
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("MerchantOrderNo", "Vanespl_ec_1695795668");
        reversed.put("MerchantID", "MS127874575");
        reversed.put("Amt", 30);

        assertThat(CODES.checkValue(reversed))
                .isEqualTo("CD326F689018E7862727547F85CECD7DD7AE0FDB7782DE2C1E46B4417245B51F");
    }

    @Test
    void genuineQueryAnswerVerifies() {
        CODES.verifyQueryResponse(new NewebPayPayload("SUCCESS", "", queryAnswer()));
    }

    @Test
    void answerForAnotherOrderFailsVerification() {
        Map<String, String> result = queryAnswer();
        result.put("MerchantOrderNo", "Vanespl_ec_1695795669");

        assertThatThrownBy(() -> CODES.verifyQueryResponse(new NewebPayPayload("SUCCESS", "", result)))
                .isInstanceOf(NewebPayDecodeException.class).hasMessage("CheckCode mismatch");
    }

    @Test
    void answerWithoutTheSignedFieldsIsRejectedByName() {
        Map<String, String> withoutCode = queryAnswer();
        withoutCode.remove("CheckCode");
        Map<String, String> withoutTradeNo = queryAnswer();
        withoutTradeNo.remove("TradeNo");

        assertThatThrownBy(() -> CODES.verifyQueryResponse(new NewebPayPayload("SUCCESS", "", withoutCode)))
                .isInstanceOf(NewebPayDecodeException.class).hasMessage("query response has no CheckCode");
        assertThatThrownBy(() -> CODES.verifyQueryResponse(new NewebPayPayload("SUCCESS", "", withoutTradeNo)))
                .isInstanceOf(NewebPayDecodeException.class).hasMessage("query response has no TradeNo");
    }

    @Test
    void malformedReceivedCheckCodeDoesNotMatch() {
        Map<String, String> fields = queryAnswer();
        fields.remove("CheckCode");

        assertThat(CODES.checkCodeMatches(fields, "79C5")).isFalse();
        assertThat(CODES.checkCodeMatches(fields, null)).isFalse();
    }

    @Test
    void toStringNeverPrintsTheKeys() {
        assertThat(CODES.toString()).doesNotContain(HASH_KEY).doesNotContain(HASH_IV);
        assertThat(NewebPayCheckCodes.forKeyText("abcdefg", "1234567").toString()).doesNotContain("abcdefg");
    }
}
