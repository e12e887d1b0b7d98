package tw.twpay.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tw.twpay.hub.TwpayHubApplication;

/** The hub refuses to start on bad configuration, with a message naming the property. */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalTest {

    private static void start(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.add("--server.port=0");
        if (all.stream().noneMatch(arg -> arg.startsWith("--spring.datasource.url="))) {
            all.add("--spring.datasource.url=jdbc:h2:mem:refusal-" + System.nanoTime() + ";MODE=PostgreSQL");
        }
        new SpringApplicationBuilder(TwpayHubApplication.class).run(all.toArray(String[]::new)).close();
    }

    @Test
    void unreachableDatabaseNamesTheDatasourceUrl(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/twpay?password=hunter2",
                "--spring.datasource.username=twpay"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll())
                .contains("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/twpay")
                .contains("cannot be reached")
                .doesNotContain("hunter2");
    }

    @Test
    void unparseableDeliveryUriNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.delivery.uri=http://erp example/%zz"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("invalid twpay.delivery.uri");
    }

    @Test
    void deliveryUriOfUnknownComponentNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.delivery.uri=nosuchcomponent:erp"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("invalid twpay.delivery.uri");
    }

    @Test
    void webhookWithoutBodyMethodNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.delivery.uri=http://127.0.0.1:9/erp?httpMethod=GET&token=abc"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("invalid twpay.delivery.uri").contains("httpMethod=GET");
    }

    @Test
    void restDeliveryWithoutBodyMethodNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.delivery.uri=rest:get:hook?host=http://127.0.0.1:9"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("invalid twpay.delivery.uri").contains("rest:get");
    }

    @Test
    void deliveryUriThatCannotBeSentToNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.delivery.uri=timer:erp"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("invalid twpay.delivery.uri").contains("cannot send events");
    }

    @Test
    void leaseShorterThanOneDeliveryAttemptNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.delivery.lease-ms=1000"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("invalid twpay.delivery.lease-ms");
    }

    @Test
    void bodyReadTimeoutOfZeroNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.http.body-read-timeout=0s"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("twpay.http.body-read-timeout").contains("PT0S");
    }

    @Test
    void outboxRetentionShorterThanAnHourNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.delivery.retention=PT10M"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("twpay.delivery.retention").contains("PT10M");
    }

    @Test
    void newebPayKeyOfTheWrongLengthNamesMerchantAndFieldButNotTheValue(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.providers.newebpay.merchants.shop.hash-key=TooShortSecretKey"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll())
                .contains("invalid twpay.providers.newebpay.merchants.shop.hash-key")
                .contains("merchant shop")
                .doesNotContain("TooShortSecretKey");
    }

    @Test
    void newebPayIvOfTheWrongLengthNamesTheField(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.providers.newebpay.merchants.shop-recurring.hash-iv=SeventeenBytes!!!"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll())
                .contains("invalid twpay.providers.newebpay.merchants.shop-recurring.hash-iv")
                .doesNotContain("SeventeenBytes!!!");
    }

    @Test
    void newebPayMerchantWithoutMerchantIdNamesTheField(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.providers.newebpay.merchants.extra.hash-key=" + "k".repeat(32),
                "--twpay.providers.newebpay.merchants.extra.hash-iv=" + "v".repeat(16),
                "--twpay.providers.newebpay.merchants.extra.kind=NDNF"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("invalid twpay.providers.newebpay.merchants.extra.merchant-id");
    }
    @Test
    void merchantAliasWithASpaceIsRefusedNamingTheKeyAndTheRule(CapturedOutput output) {
        // bracket notation delivers map keys Spring would otherwise split or drop; a space would break every URL
        assertThatThrownBy(() -> start("--twpay.providers.newebpay.merchants[shop one].merchant-id=MS1"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll())
                .contains("twpay.providers.newebpay.merchants.shop one: a merchant alias may only use letters, digits,")
                .contains("at most 64");
    }

    @Test
    void merchantAliasLongerThan64IsRefusedNamingTheRule(CapturedOutput output) {
        String alias = "a".repeat(65);
        assertThatThrownBy(() -> start("--twpay.providers.flashpay.merchants." + alias + ".merchant-id=M1"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll())
                .contains("twpay.providers.flashpay.merchants." + alias + ": a merchant alias")
                .contains("at most 64");
    }

    @Test
    void merchantAliasOfDotsIsRefusedBecauseItIsNoPathSegment(CapturedOutput output) {
        // /callbacks/tappay/../notify is /callbacks/notify to every HTTP client: the gateway's callbacks would go nowhere
        assertThatThrownBy(() -> start("--twpay.providers.tappay.merchants[..].partner-key=partner_key"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("invalid twpay.providers.tappay.merchants...: a merchant alias");
    }
}
