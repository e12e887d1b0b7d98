package tw.twpay.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tw.twpay.hub.TwpayHubApplication;
import tw.twpay.hub.support.EmbeddedLedgerPostgres;

/** The hub does not start with an API nobody could call, nor with a client entry it cannot use. */
@ExtendWith(OutputCaptureExtension.class)
class ApiStartupRefusalTest {

    private static void start(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server.port=0");
        all.add("--spring.datasource.url=jdbc:h2:mem:api-refusal-" + System.nanoTime() + ";MODE=PostgreSQL");
        new SpringApplicationBuilder(TwpayHubApplication.class).run(all.toArray(String[]::new)).close();
    }

    @Test
    void productionWithoutClientOrJwtIssuerRefusesNamingTheProperty(CapturedOutput output) throws Exception {
        // the production profile refuses any ledger but PostgreSQL, and a hub without merchants, before this check
        try (EmbeddedLedgerPostgres postgres = EmbeddedLedgerPostgres.start()) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(TwpayHubApplication.class).run(
                    "--spring.profiles.active=production", "--server.port=0",
                    "--TWPAY_DB_URL=" + postgres.jdbcUrl(), "--TWPAY_DB_USERNAME=postgres",
                    "--TWPAY_DB_PASSWORD=", "--TWPAY_PUBLIC_BASE_URL=https://pay.example.com",
                    "--TWPAY_DELIVERY_URI=direct:erp",
                    "--TWPAY_DELIVERY_SIGNING_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    "--TWPAY_NEWEBPAY_SHOP_MERCHANT_ID=MS127874575", "--TWPAY_NEWEBPAY_SHOP_HASH_KEY=" + "k".repeat(32),
                    "--TWPAY_NEWEBPAY_SHOP_HASH_IV=" + "v".repeat(16)).close())
                    .isInstanceOf(Exception.class);
        }
        assertThat(output.getAll()).contains("twpay-hub refused to start: invalid twpay.api.clients: no ERP API "
                + "client is configured and no JWT issuer");
    }

    @Test
    void aClientWithTheKeyInsteadOfItsHashRefusesNamingTheFieldNotTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.api.clients.erp.key-sha256=my-secret-api-key",
                "--twpay.api.clients.erp.scopes=payments:read"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("invalid twpay.api.clients.erp.key-sha256")
                .doesNotContain("my-secret-api-key");
    }

    @Test
    void anUnknownScopeRefusesNamingTheField(CapturedOutput output) {
        assertThatThrownBy(() -> start("--twpay.api.clients.erp.key-sha256=" + "ab".repeat(32),
                "--twpay.api.clients.erp.scopes=payments:admin"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("invalid twpay.api.clients.erp.scopes: unknown scope 'payments:admin'");
    }
}
