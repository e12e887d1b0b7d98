package tw.twpay.hub.provider.flashpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlashPayJsonTest {

    private static FlashPayPayload parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return FlashPayJson.parse(bytes, 0, bytes.length, "dat");
    }

    @Test
    void numbersAndStringsAreKeptAsWrittenNullsAndNestingLeftOut() {
        FlashPayPayload payload = parse("""
                {"amt":200,"tx_amt":"855.00","fee":0.50,"install_period":"0","phone":null,"flag":true,
                 "nested":{"a":[1,2]},"list":[{"x":1}],"ord_time":"2022-05-27 11:38:38+08","url":"http:\\/\\/a\\/b"}""");
        assertThat(payload.fields()).containsEntry("amt", "200").containsEntry("tx_amt", "855.00")
                .containsEntry("fee", "0.50").containsEntry("install_period", "0").containsEntry("flag", "true")
                .containsEntry("ord_time", "2022-05-27 11:38:38+08").containsEntry("url", "http://a/b")
                .doesNotContainKeys("phone", "nested", "list");
    }

    @Test
    void anythingButOneObjectIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> parse("[1]")).hasMessage("dat is not a JSON object");
        assertThatThrownBy(() -> parse("{\"a\":\"secret\"")).hasMessage("dat is not a JSON object");
        assertThatThrownBy(() -> parse("{\"a\":1} {\"b\":2}")).hasMessage("dat is not a JSON object");
        assertThatThrownBy(() -> parse("ret_code=00")).hasMessage("dat is not a JSON object");
    }
}
