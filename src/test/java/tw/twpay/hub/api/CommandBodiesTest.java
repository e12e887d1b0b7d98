package tw.twpay.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.provider.CommandKind;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.provider.ProviderRoutes;
import tw.twpay.hub.provider.flashpay.FlashPayRequestFields;
import tw.twpay.hub.provider.newebpay.NewebPayRequestFields;
import tw.twpay.hub.provider.tappay.TapPayRequestFields;
import tw.twpay.hub.web.RejectedRequestException;

/** The fields a request body may have, with the providers' real declarations; and what RequestJson refuses. */
class CommandBodiesTest {

    /** Here every provider offers every command (the routes' 404 is RequestBodyRoutesTest's). */
    static final ProviderRoutes EVERY_ROUTE = new ProviderRoutes(null) {
        @Override
        public String require(ProviderId provider, CommandKind command) {
            return command.endpointOf(provider);
        }
    };

    // the field declarations need no merchant
    final CommandBodies bodies = new CommandBodies(List.of(new NewebPayRequestFields(null),
            new TapPayRequestFields(null), new FlashPayRequestFields(null)), EVERY_ROUTE);

    static JsonNode json(String text) {
        return RequestJson.object(text);
    }

    String refusal(String body, CommandBody request, ProviderId provider) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> bodies.requireKnownFields(json(body), request, provider));
        assertThat(thrown).isInstanceOf(RejectedRequestException.class);
        assertThat(((RejectedRequestException) thrown).status()).isEqualTo(400);
        return thrown.getMessage();
    }

    @Test
    void anAmountWithoutItsWrapperIsRefusedNamingTheFieldAndTheShape() {
        String reason = refusal("{\"value\":\"100\"}", CommandBody.REFUND, ProviderId.NEWEBPAY);
        assertThat(reason).contains("unknown field \"value\"").contains("refund")
                .contains("\"amount\":{\"value\":\"855\",\"currency\":\"TWD\"}");
        assertThat(refusal("{\"amount\":{\"value\":\"100\",\"currencyy\":\"TWD\"}}", CommandBody.CAPTURE,
                ProviderId.TAPPAY)).contains("unknown field \"amount.currencyy\"")
                .contains("did you mean \"amount.currency\"");
    }

    @Test
    void aProviderReadsItsOwnFieldsAndNoOtherProvidersFields() {
        assertThatCode(() -> bodies.requireKnownFields(json("""
                {"provider":"tappay","merchant":"m","orderNo":"o","amount":{"value":"1"},"description":"d",
                 "prime":"p","cardholder":{"phone":"0912345678","name":"n","email":"e"},"installments":3}"""),
                CommandBody.CREATE_PAYMENT, ProviderId.TAPPAY)).doesNotThrowAnyException();
        assertThat(refusal("{\"prime\":\"p\"}", CommandBody.CREATE_PAYMENT, ProviderId.NEWEBPAY))
                .contains("unknown field \"prime\" for a newebpay create-payment").contains("only tappay reads it");
        assertThat(refusal("{\"cardholder\":{\"nmae\":\"n\"}}", CommandBody.CREATE_PAYMENT, ProviderId.TAPPAY))
                .contains("\"cardholder.nmae\"").contains("did you mean \"cardholder.name\"");
        // refundId is TapPay's, and only for withdrawing a refund
        assertThatCode(() -> bodies.requireKnownFields(json("{\"refundId\":\"R1\"}"), CommandBody.CANCEL_REFUND,
                ProviderId.TAPPAY)).doesNotThrowAnyException();
        assertThat(refusal("{\"refundId\":\"R1\"}", CommandBody.REFUND, ProviderId.TAPPAY))
                .contains("unknown field \"refundId\"");
        assertThat(refusal("{\"amount\":{\"value\":\"1\"}}", CommandBody.QUERY, ProviderId.TAPPAY))
                .contains("unknown field \"amount\" for a tappay query");
    }

    @Test
    void theInstalmentSpellingIsInstallmentsForEveryProviderAndTheOldTapPayNameStillPasses() {
        for (ProviderId provider : List.of(ProviderId.NEWEBPAY, ProviderId.TAPPAY, ProviderId.FLASHPAY)) {
            assertThat(bodies.fields(CommandBody.CREATE_PAYMENT, provider)).extracting(BodyField::name)
                    .contains("installments");
        }
        assertThat(bodies.fields(CommandBody.CREATE_PAYMENT, ProviderId.TAPPAY))
                .filteredOn(field -> field.name().equals("instalment")).singleElement()
                .satisfies(field -> assertThat(field.deprecated()).isTrue());
        assertThat(refusal("{\"instalment\":3}", CommandBody.CREATE_PAYMENT, ProviderId.NEWEBPAY))
                .contains("did you mean \"installments\"");
        assertThat(refusal("{\"instalments\":3}", CommandBody.CREATE_PAYMENT, ProviderId.FLASHPAY))
                .contains("did you mean \"installments\"");
    }

    @Test
    void aProviderWithoutDeclarationsReadsTheCanonicalFieldsOnly() {
        ProviderId other = ProviderId.of("otherpay");
        assertThat(refusal("{\"installments\":3}", CommandBody.CREATE_PAYMENT, other))
                .contains("(only flashpay, newebpay, tappay reads it)");
        assertThat(bodies.currencies(other, "any")).containsExactly("TWD");
    }

    @Test
    void theRefusalNeverRepeatsTheValueNorACardNumberOrControlCharactersInTheName() {
        assertThat(refusal("{\"cardNo\":\"4111111111111111\"}", CommandBody.CHARGE_CARD, ProviderId.NEWEBPAY))
                .contains("\"cardNo\"").doesNotContain("4111");
        assertThat(refusal("{\"4111111111111111\":1}", CommandBody.CHARGE_CARD, ProviderId.NEWEBPAY))
                .doesNotContain("4111111111111111");
        assertThat(refusal("{\"card\":{\"cvc\\r\\nX-Injected\":1}}", CommandBody.CHARGE_CARD, ProviderId.NEWEBPAY))
                .isEqualTo("unknown field in \"card\" whose name is not letters, digits, '_' or '-' for a newebpay"
                        + " charge-card");
    }

    @Test
    void anUnpairedSurrogateIsRefusedNamingTheField() {
        assertThatThrownBy(() -> json("{\"description\":\"caf\\ud800\"}"))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("description contains an unpaired UTF-16 surrogate");
        assertThatThrownBy(() -> json("{\"cardholder\":{\"name\":\"\\udc00x\"}}"))
                .hasMessageStartingWith("cardholder.name contains an unpaired");
        assertThatThrownBy(() -> json("{\"methods\":[\"CREDIT\",\"\\ud83d\"]}"))
                .hasMessageStartingWith("methods[1] contains an unpaired");
        assertThatThrownBy(() -> json("{\"\\ud800\":1}")).hasMessageContaining("a field name contains an unpaired");
        // a whole pair is a character (😀)
        assertThat(json("{\"description\":\"\\ud83d\\ude00\"}").path("description").asText()).isEqualTo("😀");
    }

    @Test
    void aMissingCurrencyIsAskedForAndAGivenOneIsNot() {
        AtomicInteger asked = new AtomicInteger();
        Money given = RequestJson.money(json("{\"amount\":{\"value\":\"1.01\",\"currency\":\"USD\"}}").path("amount"),
                true, () -> {
                    asked.incrementAndGet();
                    return "TWD";
                });
        assertThat(given).isEqualTo(Money.of("1.01", "USD"));
        assertThat(asked).hasValue(0);
        assertThat(RequestJson.money(json("{\"amount\":{\"value\":\"1.01\"}}").path("amount"), true, () -> "USD"))
                .isEqualTo(Money.of("1.01", "USD"));
        assertThatThrownBy(() -> RequestJson.money(json("{\"amount\":\"855\"}").path("amount"), true, () -> "TWD"))
                .hasMessageStartingWith("amount must be an object");
        assertThatThrownBy(() -> RequestJson.money(json("{\"amount\":{\"value\":\"1\",\"currency\":1}}")
                .path("amount"), true, () -> "TWD")).hasMessageStartingWith("amount.currency must be a string");
    }
}
