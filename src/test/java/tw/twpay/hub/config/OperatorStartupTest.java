package tw.twpay.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.support.StandardServletEnvironment;
import org.yaml.snakeyaml.Yaml;
import tw.twpay.hub.TwpayHubApplication;
import tw.twpay.hub.provider.newebpay.NewebPayMerchant;
import tw.twpay.hub.provider.newebpay.NewebPayMerchantKind;
import tw.twpay.hub.provider.newebpay.NewebPayMerchants;
import tw.twpay.hub.support.ChildHub;
import tw.twpay.hub.support.EmbeddedLedgerPostgres;

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
                        // the production profile's merchant shop, all its variables but the key's set
                        "--TWPAY_NEWEBPAY_SHOP_MERCHANT_ID=MS127874575", "--TWPAY_NEWEBPAY_SHOP_HASH_IV=" + "v".repeat(16),
                        "--twpay.providers.newebpay.merchants.shop.hash-key=${TWPAY_NEWEBPAY_SHOP_HASH_KEY}").close())
                .isInstanceOf(StartupProblem.class);
        assertThat(output.getAll()).contains("needs the environment variable TWPAY_NEWEBPAY_SHOP_HASH_KEY (not set)");
    }

    /** The environment of README, Production (its export block), with a database of the test's. */
    private static Map<String, Object> readmeEnvironment(String databaseUrl) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("SPRING_PROFILES_ACTIVE", "production");
        variables.put("TWPAY_DB_URL", databaseUrl);
        variables.put("TWPAY_DB_USERNAME", "postgres");
        variables.put("TWPAY_DB_PASSWORD", "");
        variables.put("TWPAY_DELIVERY_URI", "https://erp.example.com/twpay/events");
        variables.put("TWPAY_PUBLIC_BASE_URL", "https://pay.example.com");
        variables.put("TWPAY_DELIVERY_SIGNING_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=");
        variables.put("TWPAY_API_CLIENTS_ERP_KEYSHA256", "ab".repeat(32));
        variables.put("TWPAY_API_CLIENTS_ERP_SCOPES", "payments:read,payments:write,cards:write");
        variables.put("TWPAY_NEWEBPAY_SHOP_MERCHANT_ID", "MS127874575");
        variables.put("TWPAY_NEWEBPAY_SHOP_HASH_KEY", "k".repeat(32));
        variables.put("TWPAY_NEWEBPAY_SHOP_HASH_IV", "v".repeat(16));
        return variables;
    }

    /** A hub whose operating-system environment is exactly these variables (as the README's exports set them). */
    private static SpringApplicationBuilder hubWithEnvironment(Map<String, Object> variables) {
        StandardServletEnvironment environment = new StandardServletEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        return new SpringApplicationBuilder(TwpayHubApplication.class).environment(environment);
    }

    @Test
    void productionWithTheReadmeEnvironmentHasItsMerchantShop() throws Exception {
        try (EmbeddedLedgerPostgres postgres = EmbeddedLedgerPostgres.start();
             var hub = hubWithEnvironment(readmeEnvironment(postgres.jdbcUrl())).run("--server.port=0")) {
            NewebPayMerchant shop = hub.getBean(NewebPayMerchants.class).require("shop");
            assertThat(shop.merchantId()).isEqualTo("MS127874575");
            assertThat(shop.kind()).isEqualTo(NewebPayMerchantKind.NDNF);
            assertThat(hub.getEnvironment().getProperty("twpay.sandbox.enabled")).isEqualTo("false");
        }
    }

    @Test
    void productionWithoutTheMerchantKeyVariableNamesIt(CapturedOutput output) {
        Map<String, Object> variables = readmeEnvironment("jdbc:postgresql://db.internal:5432/twpay");
        variables.remove("TWPAY_NEWEBPAY_SHOP_HASH_KEY");
        assertThatThrownBy(() -> hubWithEnvironment(variables).run("--server.port=0").close())
                .isInstanceOf(StartupProblem.class);
        assertThat(output.getAll())
                .contains("twpay-hub refused to start: the production profile needs the environment variable"
                        + " TWPAY_NEWEBPAY_SHOP_HASH_KEY (not set)")
                .doesNotContain("k".repeat(32)).doesNotContain("\tat ");
    }

    @Test
    void productionWithoutAnyMerchantRefusesNamingTheMerchantsProperty(CapturedOutput output,
                                                                       @TempDir Path folder) throws Exception {
        // this repository's configuration, the production profile's merchant list emptied
        Map<String, Object> production;
        try (var in = Files.newInputStream(Path.of("config", "application-production.yaml"))) {
            production = new Yaml().load(in);
        }
        ((Map<?, ?>) production.get("twpay")).remove("providers");
        Files.writeString(folder.resolve("application-production.yaml"), new Yaml().dump(production));
        Files.copy(Path.of("config", "application.yaml"), folder.resolve("application.yaml"));

        assertThatThrownBy(() -> hubWithEnvironment(readmeEnvironment("jdbc:postgresql://db.internal:5432/twpay"))
                .run("--server.port=0", "--spring.config.location=file:" + folder + "/")
                .close())
                .isInstanceOf(StartupProblem.class);
        assertThat(output.getAll())
                .contains("twpay-hub refused to start: the production profile configures no merchant:"
                        + " twpay.providers.<provider>.merchants is empty for every provider")
                .doesNotContain("\tat ");
    }

    @Test
    void productionWithAnH2LedgerSaysItNeedsPostgreSql(CapturedOutput output, @TempDir Path folder) {
        String h2 = "jdbc:h2:file:" + folder.resolve("ledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        assertThatThrownBy(() -> hubWithEnvironment(readmeEnvironment(h2)).run("--server.port=0").close())
                .isInstanceOf(StartupProblem.class);
        assertThat(output.getAll())
                .contains("twpay-hub refused to start: the production profile needs a PostgreSQL ledger, but"
                        + " spring.datasource.url (TWPAY_DB_URL) is jdbc:h2:file:")
                .doesNotContain("synchronous_commit").doesNotContain("\tat ");
        assertThat(folder.resolve("ledger.mv.db")).doesNotExist();
    }

    /** A refusal found once logging is up is printed as Spring Boot lays it out: in lines, not one line of \\n. */
    @Test
    void aRefusalReportIsPrintedInReadableLines(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TwpayHubApplication.class).run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:report-lines;MODE=PostgreSQL", "--twpay.delivery.lease-ms=1000")
                .close())
                .isInstanceOf(Exception.class);
        assertThat(output.getAll().lines())
                .contains("APPLICATION FAILED TO START", "Description:", "Action:")
                .anyMatch(line -> line.startsWith("twpay-hub refused to start: invalid twpay.delivery.lease-ms"));
        assertThat(output.getAll()).doesNotContain("\\n\\n***");
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

    /**
     * Started from another directory, the hub finds config/ and routes/ beside its classes (or jar). Data folders
     * given on the command line are used as given, relative ones from the working directory as typed; the one INFO
     * line names the ledger file. (The default, ./data of the configuration, is taken from the project folder
     * then: DeploymentFoldersTest; this test must not open the project's ledger.)
     */
    @Test
    void startedFromAnotherDirectoryFindsConfigAndRoutes() throws Exception {
        // a name without digits: log lines are card-masked, and the random number createTempDirectory appends (up to
        // 19 digits) passes the Luhn check one time in ten, which masked the path this test looks for in the log
        String letters = new java.util.Random().ints(16, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        Path elsewhere = Files.createDirectory(Path.of(System.getProperty("java.io.tmpdir"), "twpay-elsewhere-" + letters));
        int port = ChildHub.freePort();
        try (ChildHub hub = ChildHub.start(elsewhere, port, elsewhere.resolve("hub.log"),
                "--twpay.data-dir=./ledger", "--twpay.reconciliation.settlement-files=settlement")) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(hub.baseUrl() + "/callbacks/newebpay/shop/return")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("a route from routes/ answers").isEqualTo(200);
            Path ledger = elsewhere.toRealPath().resolve("ledger").resolve("twpay-hub.mv.db");
            assertThat(ledger).exists();
            assertThat(hub.logLines()).filteredOn(line -> line.contains(" INFO ") && line.contains("Ledger: "))
                    .singleElement().asString().contains("Ledger: H2 file " + ledger);
            assertThat(elsewhere.resolve("settlement")).isDirectory();
        } finally {
            FileSystemUtils.deleteRecursively(elsewhere);
        }
    }
}
