package tw.twpay.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.FileSystemUtils;
import tw.twpay.hub.TwpayHubApplication;
import tw.twpay.hub.support.ChildHub;

/** What an operator meets when starting the hub the first time: each mistake is one line that says what to do. */
@ExtendWith(OutputCaptureExtension.class)
class OperatorStartupTest {

    @Test
    void productionWithoutDatabaseUrlNamesTheEnvironmentVariable(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TwpayHubApplication.class)
                .run("--spring.profiles.active=production", "--server.port=0").close())
                .isInstanceOf(StartupProblem.class);
        assertThat(output.getAll())
                .contains("twpay-hub refused to start: the production profile needs the environment variables"
                        + " TWPAY_DB_URL, TWPAY_DB_USERNAME, TWPAY_DB_PASSWORD")
                .doesNotContain("\tat ");
    }

    @Test
    void productionMerchantKeyFromAnUnsetVariableIsNamed(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TwpayHubApplication.class)
                .run("--spring.profiles.active=production", "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:prod-check", "--spring.datasource.username=sa",
                        "--spring.datasource.password=", "--twpay.public-base-url=https://pay.example.com",
                        "--twpay.delivery.uri=direct:erp",
                        "--twpay.providers.newebpay.merchants.shop.hash-key=${TWPAY_NEWEBPAY_SHOP_HASH_KEY}").close())
                .isInstanceOf(StartupProblem.class);
        assertThat(output.getAll()).contains("needs the environment variable TWPAY_NEWEBPAY_SHOP_HASH_KEY (not set)");
    }

    @Test
    void publicBaseUrlFollowsTheServerPortUnlessSet() {
        int port = ChildHub.freePort();
        try (var hub = new SpringApplicationBuilder(TwpayHubApplication.class).run("--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:mem:base-url-" + port + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")) {
            assertThat(hub.getEnvironment().getProperty("twpay.public-base-url")).isEqualTo("http://localhost:" + port);
            assertThat(hub.getEnvironment().getProperty("twpay.providers.newebpay.sandbox-base-url"))
                    .isEqualTo("http://localhost:" + port + "/sandbox/newebpay");
        }
    }

    @Test
    void secondHubOnTheSameH2FileSaysTheLedgerIsInUse(CapturedOutput output) throws Exception {
        Path work = Files.createTempDirectory("twpay-in-use");
        Path data = work.resolve("data");
        try (ChildHub first = ChildHub.start(ChildHub.freePort(), work.resolve("first.log"),
                "--twpay.data-dir=" + data)) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(TwpayHubApplication.class)
                    .run("--server.port=0", "--twpay.data-dir=" + data).close())
                    .isInstanceOf(Exception.class);
            assertThat(output.getAll()).contains("is in use by another process");
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    /** Started from another directory, the hub finds config/ and routes/ beside its classes (or jar). */
    @Test
    void startedFromAnotherDirectoryFindsConfigAndRoutes() throws Exception {
        Path elsewhere = Files.createTempDirectory("twpay-elsewhere");
        int port = ChildHub.freePort();
        try (ChildHub hub = ChildHub.start(elsewhere, port, elsewhere.resolve("hub.log"),
                "--twpay.data-dir=" + elsewhere.resolve("data"))) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(hub.baseUrl() + "/callbacks/newebpay/shop/return")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("a route from routes/ answers").isEqualTo(200);
        } finally {
            FileSystemUtils.deleteRecursively(elsewhere);
        }
    }
}
