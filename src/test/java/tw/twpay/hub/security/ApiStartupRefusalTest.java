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
    void productionWithoutClientOrJwtIssuerRefusesNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.profiles.active=production",
                "--TWPAY_DB_URL=jdbc:h2:mem:api-refusal-prod;MODE=PostgreSQL", "--TWPAY_DB_USERNAME=sa",
                "--TWPAY_DB_PASSWORD=", "--TWPAY_PUBLIC_BASE_URL=https://pay.example.com",
                // H2 stands in for PostgreSQL here: it has no synchronous_commit to set
                "--spring.datasource.hikari.connection-init-sql=SELECT 1",
                "--TWPAY_DELIVERY_URI=direct:erp",
                "--TWPAY_DELIVERY_SIGNING_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .isInstanceOf(Exception.class);
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
