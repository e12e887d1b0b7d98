package tw.twpay.hub.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import tw.twpay.hub.web.RejectedRequestException;

class FormBodyTest {

    @Test
    void decodesEscapesAndPlusesAndTakesPlainValuesAsTheyAre() {
        assertThat(FormBody.parse("Status=SUCCESS&TradeInfo=9f3a0b&Message=%E6%8E%88%E6%AC%8A+%E6%88%90%E5%8A%9F"
                + "&Email=a%2Bb%40example.com&Empty=&Flag&Status=FAILED"))
                .containsExactly(
                        entry("Status", "SUCCESS"),
                        entry("TradeInfo", "9f3a0b"),
                        entry("Message", "授權 成功"),
                        entry("Email", "a+b@example.com"),
                        entry("Empty", ""),
                        entry("Flag", ""));
    }

    @Test
    void refusesMalformedEscapesAndTextThatWasNotUtf8EscapedOrNot() {
        assertThatThrownBy(() -> FormBody.parse("TradeInfo=9f%zz")).isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("malformed percent-escape");
        assertThatThrownBy(() -> FormBody.parse("Message=%C3%28")).isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("not valid UTF-8");
        // bytes that were not UTF-8 arrive in the body as U+FFFD, with no escape to decode
        assertThatThrownBy(() -> FormBody.parse("Message=ab\uFFFDcd")).isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("not valid UTF-8");
    }
}
