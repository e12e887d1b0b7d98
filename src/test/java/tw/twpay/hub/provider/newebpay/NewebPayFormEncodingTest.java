package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NewebPayFormEncodingTest {

    @Test
    void encodesLikeTheGatewaysSdkInMapOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ItemDesc", "a b*c~d'(e)!藍");
        fields.put("Amt", 30);
        fields.put("Email", "test@neweb.com.tw");
        fields.put("NotifyURL", "https://example.com/n?x=1&y=2");

        assertThat(NewebPayFormEncoding.encode(fields)).isEqualTo(
                "ItemDesc=a+b*c%7Ed%27%28e%29%21%E8%97%8D&Amt=30&Email=test%40neweb.com.tw"
                        + "&NotifyURL=https%3A%2F%2Fexample.com%2Fn%3Fx%3D1%26y%3D2");
    }

    @Test
    void nullValuesAreLeftOutAndAmountsArePlain() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Amt", new BigDecimal("3E+1"));
        fields.put("Email", null);
        fields.put("ItemDesc", "");

        assertThat(NewebPayFormEncoding.encode(fields)).isEqualTo("Amt=30&ItemDesc=");
    }

    @Test
    void sortedEncodingOrdersByName() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("TradeNo", "T");
        fields.put("Amt", 1);
        fields.put("MerchantOrderNo", "O");
        fields.put("MerchantID", "M");

        assertThat(NewebPayFormEncoding.encodeSorted(fields))
                .isEqualTo("Amt=1&MerchantID=M&MerchantOrderNo=O&TradeNo=T");
    }

    @Test
    void decodeKeepsOrderAndToleratesEmptyPieces() {
        assertThat(NewebPayFormEncoding.decode("b=2&&a=%E8%97%8D+x&flag&c=&b=3")).containsExactly(
                Map.entry("b", "3"), Map.entry("a", "藍 x"), Map.entry("flag", ""), Map.entry("c", ""));
        assertThat(NewebPayFormEncoding.decode("")).isEmpty();
    }
}
