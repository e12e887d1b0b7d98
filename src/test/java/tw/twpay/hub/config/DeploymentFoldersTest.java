package tw.twpay.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Started from a folder without config/ and routes/, the hub uses the ones beside the application, and the data
 * folders the configuration names relative (./data: the H2 ledger, the settlement drop folder) are taken from there
 * too, so every start opens the same ledger. What the command line or the environment names is used as given.
 */
class DeploymentFoldersTest {

    @TempDir
    Path temp;
    Path deployment;
    Path elsewhere;

    @BeforeEach
    void folders() throws Exception {
        deployment = Files.createDirectories(temp.resolve("hub"));
        Files.createDirectories(deployment.resolve("config"));
        Files.createDirectories(deployment.resolve("routes"));
        elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    }

    /** The environment as Spring Boot has it when DeploymentFolders runs, given these command-line arguments. */
    private static StandardEnvironment environment(Map<String, Object> commandLine, Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", commandLine));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    /** What config/application.yaml says, loaded after DeploymentFolders ran (below the command line). */
    private static void loadConfigFile(StandardEnvironment environment, String dataDir) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("twpay.data-dir", dataDir);
        file.put("twpay.reconciliation.settlement-files", "${TWPAY_SETTLEMENT_FILES:${twpay.data-dir}/settlement-files}");
        file.put("spring.datasource.url", "${TWPAY_DB_URL:jdbc:h2:file:${twpay.data-dir}/twpay-hub;WRITE_DELAY=0}");
        environment.getPropertySources().addLast(new MapPropertySource("Config resource 'application.yaml'", file));
    }

    private void startFromElsewhere(StandardEnvironment environment) {
        DeploymentFolders.use(environment, elsewhere, List.of(deployment.resolve("target"), deployment), false, false);
    }

    @Test
    void theDefaultDataFolderIsTheDeploymentFoldersNotTheWorkingDirectorys() {
        StandardEnvironment environment = environment(Map.of(), Map.of());
        startFromElsewhere(environment);
        loadConfigFile(environment, "${TWPAY_DATA_DIR:./data}");

        Path data = deployment.resolve("data");
        assertThat(environment.getProperty("camel.main.routes-include-pattern"))
                .isEqualTo("file:" + deployment.resolve("routes") + "/*.camel.yaml");
        assertThat(environment.getProperty("twpay.data-dir")).isEqualTo(data.toString());
        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:h2:file:" + data + "/twpay-hub;WRITE_DELAY=0");
        assertThat(environment.getProperty("twpay.reconciliation.settlement-files"))
                .isEqualTo(data.resolve("settlement-files").toString());
        // as @ConfigurationProperties records read it
        assertThat(Binder.get(environment).bind("twpay.reconciliation.settlement-files", Path.class).get())
                .isEqualTo(data.resolve("settlement-files"));
        assertThat(LedgerLocationLog.describe(environment.getProperty("spring.datasource.url")))
                .isEqualTo("H2 file " + data.resolve("twpay-hub.mv.db") + " (spring.datasource.url)");
    }

    @Test
    void aFolderGivenOnTheCommandLineOrInTheEnvironmentIsUsedAsGiven() {
        StandardEnvironment environment = environment(Map.of("twpay.data-dir", "./mine"),
                Map.of("TWPAY_SETTLEMENT_FILES", "drop"));
        startFromElsewhere(environment);
        loadConfigFile(environment, "${TWPAY_DATA_DIR:./data}");

        assertThat(environment.getProperty("twpay.data-dir")).isEqualTo("./mine");
        assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:./mine/twpay-hub");
        assertThat(environment.getProperty("twpay.reconciliation.settlement-files")).isEqualTo("drop");

        StandardEnvironment fromVariable = environment(Map.of(), Map.of("TWPAY_DATA_DIR", "/srv/twpay"));
        startFromElsewhere(fromVariable);
        loadConfigFile(fromVariable, "${TWPAY_DATA_DIR:./data}");
        assertThat(fromVariable.getProperty("twpay.data-dir")).isEqualTo("/srv/twpay");
        assertThat(fromVariable.getProperty("twpay.reconciliation.settlement-files"))
                .isEqualTo("/srv/twpay/settlement-files");
    }

    /** The settlement folder under a data folder given relative stays beside that data folder, not beside the jar. */
    @Test
    void theSettlementFolderFollowsADataFolderGivenRelative() {
        StandardEnvironment environment = environment(Map.of("twpay.data-dir", "mine"), Map.of());
        startFromElsewhere(environment);
        loadConfigFile(environment, "${TWPAY_DATA_DIR:./data}");

        assertThat(environment.getProperty("twpay.data-dir")).isEqualTo("mine");
        assertThat(environment.getProperty("twpay.reconciliation.settlement-files")).isEqualTo("mine/settlement-files");
    }

    @Test
    void anAbsoluteFolderInTheConfigurationIsKept() {
        StandardEnvironment environment = environment(Map.of(), Map.of());
        startFromElsewhere(environment);
        loadConfigFile(environment, "/var/lib/twpay");

        assertThat(environment.getProperty("twpay.data-dir")).isEqualTo("/var/lib/twpay");
        assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:/var/lib/twpay/twpay-hub");
    }

    @Test
    void startedInTheDeploymentFolderNothingChanges() {
        StandardEnvironment environment = environment(Map.of(), Map.of());
        DeploymentFolders.use(environment, deployment, List.of(elsewhere), false, false);
        loadConfigFile(environment, "${TWPAY_DATA_DIR:./data}");

        assertThat(environment.getProperty("twpay.data-dir")).isEqualTo("./data");
        assertThat(environment.getPropertySources().stream().map(source -> source.getName()))
                .doesNotContain("twpay-deployment-folders", "twpay-data-folders-beside-the-application");
    }

    @Test
    void theLedgerLineNamesTheFileOrTheDatabaseWithoutCredentials() {
        assertThat(LedgerLocationLog.describe("jdbc:h2:file:/srv/twpay/twpay-hub;MODE=PostgreSQL"))
                .isEqualTo("H2 file /srv/twpay/twpay-hub.mv.db (spring.datasource.url)");
        assertThat(LedgerLocationLog.describe("jdbc:postgresql://db.internal:5432/twpay?user=twpay&password=hunter2"))
                .contains("jdbc:postgresql://db.internal:5432/twpay").doesNotContain("hunter2");
        assertThat(LedgerLocationLog.describe("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test (spring.datasource.url)");
    }
}
