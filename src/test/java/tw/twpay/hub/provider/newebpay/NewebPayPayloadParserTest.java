package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NewebPayPayloadParserTest {

    @Test
    void jsonResultObjectBecomesFlatText() {
        NewebPayPayload payload = NewebPayPayloadParser.parse("{\"Status\":\"SUCCESS\",\"Message\":\"ok\","
                + "\"Result\":{\"Amt\":30,\"Rate\":1.50,\"Big\":12345678901234567890,\"Flag\":true,"
                + "\"ECI\":null,\"Name\":\"\\u85cd\\u65b0\",\"Inst\":{\"a\":[1, 2]}}}");

        assertThat(payload.result()).containsExactly(
                Map.entry("Amt", "30"), Map.entry("Rate", "1.50"), Map.entry("Big", "12345678901234567890"),
                Map.entry("Flag", "true"), Map.entry("Name", "藍新"), Map.entry("Inst", "{\"a\":[1,2]}"));
    }

    @Test
    void resultSentAsJsonTextIsUnwrapped() {
        NewebPayPayload nested = NewebPayPayloadParser.parse("{\"Status\":\"SUCCESS\",\"Message\":\"ok\","
                + "\"Result\":\"{\\\"Amt\\\":30,\\\"TradeNo\\\":\\\"T1\\\"}\"}");
        NewebPayPayload plain = NewebPayPayloadParser.parse(
                "{\"Status\":\"SUCCESS\",\"Message\":\"ok\",\"Result\":{\"Amt\":30,\"TradeNo\":\"T1\"}}");

        assertThat(nested).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "[]", "{}"})
    void emptyResultsOfFailedCallsAreEmptyMaps(String result) {
        NewebPayPayload payload = NewebPayPayloadParser.parse(
                "{\"Status\":\"TRA10021\",\"Message\":\"fail\",\"Result\":" + result + "}");

        assertThat(payload.isSuccess()).isFalse();
        assertThat(payload.status()).isEqualTo("TRA10021");
        assertThat(payload.result()).isEmpty();
    }

    @Test
    void stringRespondTypeWithFlatFields() {
        NewebPayPayload payload = NewebPayPayloadParser.parse(
                "Status=SUCCESS&Message=%E6%88%90%E5%8A%9F&MerchantID=MS1&Amt=30&ItemDesc=a+b");

        assertThat(payload).isEqualTo(new NewebPayPayload("SUCCESS", "成功",
                Map.of("MerchantID", "MS1", "Amt", "30", "ItemDesc", "a b")));
    }

    @Test
    void resultFieldsWinOverSameNamedEnvelopeFieldsInBothForms() {
        NewebPayPayload form = NewebPayPayloadParser.parse(
                "Status=SUCCESS&Message=ok&Result%5BMerchantID%5D=SUB1&Result%5BAmt%5D=30&MerchantID=PLATFORM");
        NewebPayPayload json = NewebPayPayloadParser.parse(
                "{\"MerchantID\":\"PLATFORM\",\"Status\":\"SUCCESS\",\"Message\":\"ok\","
                        + "\"Result\":{\"MerchantID\":\"SUB1\",\"Amt\":30}}");

        assertThat(form.result()).containsEntry("MerchantID", "SUB1").containsEntry("Amt", "30").hasSize(2);
        assertThat(json).isEqualTo(form);
    }

    @Test
    void envelopeFieldsWithoutAResultAreResultData() {
        NewebPayPayload payload = NewebPayPayloadParser.parse(
                " \n{\"Status\":\"1000\",\"Message\":\"ok\",\"UID\":\"MS1\",\"Version\":\"1.1\"}");

        assertThat(payload.result()).containsExactly(Map.entry("UID", "MS1"), Map.entry("Version", "1.1"));
        assertThat(payload.isSuccess()).isFalse();
    }

    @Test
    void missingMessageIsEmpty() {
        assertThat(NewebPayPayloadParser.parse("{\"Status\":\"SUCCESS\"}").message()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Message\":\"ok\",\"Result\":{}}", "Message=ok&Amt=30", ""})
    void payloadWithoutStatusIsRejected(String text) {
        assertThatThrownBy(() -> NewebPayPayloadParser.parse(text))
                .isInstanceOf(NewebPayDecodeException.class).hasMessage("payload has no Status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Status\":\"SUCCESS\",\"Result\":{\"Card\":\"4000221111111111\"",
            "{\"Status\":\"SUCCESS\",\"Result\":{\"Card\":4000221111111111x}}"})
    void malformedJsonIsRejectedWithoutQuotingIt(String text) {
        assertThatThrownBy(() -> NewebPayPayloadParser.parse(text))
                .isInstanceOf(NewebPayDecodeException.class)
                .hasMessage("payload is not valid JSON")
                .hasNoCause();
    }

    @Test
    void resultThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> NewebPayPayloadParser.parse("{\"Status\":\"SUCCESS\",\"Result\":[1]}"))
                .isInstanceOf(NewebPayDecodeException.class).hasMessage("Result is a non-empty JSON array");
        assertThatThrownBy(() -> NewebPayPayloadParser.parse("{\"Status\":\"SUCCESS\",\"Result\":\"oops\"}"))
                .isInstanceOf(NewebPayDecodeException.class).hasMessage("payload is not valid JSON");
        assertThatThrownBy(() -> NewebPayPayloadParser.parse("{\"Status\":\"SUCCESS\",\"Result\":\"[1]\"}"))
                .isInstanceOf(NewebPayDecodeException.class).hasMessage("Result is text but not a JSON object");
        assertThatThrownBy(() -> NewebPayPayloadParser.parse("{\"Status\":\"SUCCESS\",\"Result\":30}"))
                .isInstanceOf(NewebPayDecodeException.class)
                .hasMessage("Result is neither a JSON object nor JSON text");
    }

    @Test
    void malformedPercentEscapeIsRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> NewebPayPayloadParser.parse("Status=SUCCESS&CardNo=4000221111111111%G1"))
                .isInstanceOf(NewebPayDecodeException.class)
                .hasMessage("form text contains a malformed percent-escape")
                .hasNoCause();
    }

    @Test
    void payloadResultIsUnmodifiable() {
        NewebPayPayload payload = NewebPayPayloadParser.parse("Status=SUCCESS&Amt=30");

        assertThatThrownBy(() -> payload.result().put("Amt", "1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
