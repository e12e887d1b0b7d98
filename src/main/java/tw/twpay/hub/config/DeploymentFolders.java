package tw.twpay.hub.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The hub reads its configuration from {@code config/} and its routes from {@code routes/}, by default in the
 * working directory. Started from elsewhere (a service manager, another shell directory) it looks for them beside
 * the jar (and, run from the build, in the project folder) and uses those; when neither has them it stops with one
 * line naming both folders and where it looked, instead of starting without routes or merchants.
 * An explicit {@code spring.config.location} / {@code spring.config.additional-location} or
 * {@code camel.main.routes-include-pattern} (command line, environment) is left alone.
 * <p>
 * Using the folders found beside the jar, the relative folders the configuration files name for the hub's data
 * ({@code twpay.data-dir}, {@code ./data} by default, with the H2 ledger; the settlement drop folder) are taken
 * relative to that folder too, not to the working directory: started from anywhere, the hub opens the same ledger
 * (and a second hub meets the "in use" guard) instead of quietly starting an empty one. A folder given on the command
 * line or in the environment ({@code --twpay.data-dir}, {@code TWPAY_DATA_DIR}, ...) is used as given.
 */
public class DeploymentFolders implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        // before ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10) reads config/
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (application.getInitializers().stream().noneMatch(LedgerLocationLog.class::isInstance)) {
            // says where the ledger ended up, once the configuration is read and logging is up
            application.addInitializers(new LedgerLocationLog());
        }
        boolean configGiven = environment.containsProperty("spring.config.location")
                || environment.containsProperty("spring.config.additional-location");
        boolean routesGiven = environment.containsProperty("camel.main.routes-include-pattern");
        if (configGiven && routesGiven) {
            return;
        }
        use(environment, Path.of("").toAbsolutePath(), besideTheApplication(application), configGiven, routesGiven);
    }

    /** The folders to use, given the working directory and the folders beside the application, nearest first. */
    static void use(ConfigurableEnvironment environment, Path workingDirectory, List<Path> candidates,
                    boolean configGiven, boolean routesGiven) {
        if (hasBoth(workingDirectory)) {
            return;
        }
        for (Path candidate : candidates) {
            if (hasBoth(candidate)) {
                Map<String, Object> use = new LinkedHashMap<>();
                if (!configGiven) {
                    use.put("spring.config.additional-location", "optional:file:" + candidate.resolve("config") + "/");
                }
                if (!routesGiven) {
                    use.put("camel.main.routes-include-pattern", "file:" + candidate.resolve("routes") + "/*.camel.yaml");
                }
                environment.getPropertySources().addFirst(new MapPropertySource("twpay-deployment-folders", use));
                Set<String> configured = new LinkedHashSet<>();
                DATA_FOLDERS.forEach((property, variable) -> {
                    if (!environment.containsProperty(property) && !environment.containsProperty(variable)) {
                        configured.add(property);
                    }
                });
                if (!configured.contains(DATA_DIR)) {
                    // the settlement folder defaults to one under the data folder given: it stays beside it
                    configured.remove(SETTLEMENT_FILES);
                }
                if (!configured.isEmpty()) {
                    environment.getPropertySources().addFirst(new DataFoldersBeside(candidate, configured, environment));
                }
                return;
            }
        }
        if (configGiven || routesGiven) {
            return;
        }
        List<String> looked = new ArrayList<>();
        looked.add(workingDirectory.toString());
        candidates.forEach(candidate -> looked.add(candidate.toString()));
        throw new StartupProblem("no config/ and routes/ folders in the working directory " + workingDirectory
                + " or beside the application (looked in " + String.join(", ", looked) + ")",
                "Start twpay-hub from the folder that holds config/ and routes/ (cd to it), put them beside the jar,"
                        + " or name them: --spring.config.additional-location=file:/path/config/"
                        + " --camel.main.routes-include-pattern=file:/path/routes/*.camel.yaml");
    }

    /**
     * The hub's data folders and the environment variables the configuration files read them from; the files
     * default them to folders under {@code ./data}.
     */
    static final String DATA_DIR = "twpay.data-dir";
    static final String SETTLEMENT_FILES = "twpay.reconciliation.settlement-files";
    static final Map<String, String> DATA_FOLDERS = Map.of(
            DATA_DIR, "TWPAY_DATA_DIR",
            SETTLEMENT_FILES, "TWPAY_SETTLEMENT_FILES");

    /**
     * Answers a data folder the configuration files give as a relative path with that path under the deployment
     * folder. It is asked before the files and reads their value (placeholders resolved) through the environment,
     * while it stands aside for the same thread; an absolute path it leaves to the files.
     */
    static final class DataFoldersBeside extends PropertySource<Path> {

        private final Set<String> properties;
        private final ConfigurableEnvironment environment;
        private final ThreadLocal<Boolean> reading = new ThreadLocal<>();

        DataFoldersBeside(Path deploymentFolder, Set<String> properties, ConfigurableEnvironment environment) {
            super("twpay-data-folders-beside-the-application", deploymentFolder);
            this.properties = Set.copyOf(properties);
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!properties.contains(name) || reading.get() != null) {
                return null;
            }
            String configured;
            reading.set(Boolean.TRUE);
            try {
                configured = environment.getProperty(name);
            } finally {
                reading.remove();
            }
            return configured == null ? null : underDeploymentFolder(getSource(), configured);
        }
    }

    /** A relative folder resolved against the deployment folder; null for an absolute one (used as it is). */
    static String underDeploymentFolder(Path deploymentFolder, String folder) {
        Path path;
        try {
            path = Path.of(folder);
        } catch (InvalidPathException notAPath) {
            return null; // left to whoever reads it, which names the property
        }
        return path.isAbsolute() ? null : deploymentFolder.resolve(path).normalize().toString();
    }

    private static boolean hasBoth(Path directory) {
        return Files.isDirectory(directory.resolve("config")) && Files.isDirectory(directory.resolve("routes"));
    }

    /** The jar's folder; run from the build (target/classes), also the project folder above it. */
    private static List<Path> besideTheApplication(SpringApplication application) {
        List<Path> candidates = new ArrayList<>();
        Class<?> main = application.getMainApplicationClass();
        Path home = new ApplicationHome(main).getDir().toPath().toAbsolutePath();
        for (Path p = home; p != null && candidates.size() < 3; p = p.getParent()) {
            candidates.add(p);
        }
        return candidates;
    }
}
