package tw.twpay.hub.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The hub reads its configuration from {@code config/} and its routes from {@code routes/}, by default in the
 * working directory. Started from elsewhere (a service manager, another shell directory) it looks for them beside
 * the jar (and, run from the build, in the project folder) and uses those; when neither has them it stops with one
 * line naming both folders and where it looked, instead of starting without routes or merchants.
 * An explicit {@code spring.config.location} / {@code spring.config.additional-location} or
 * {@code camel.main.routes-include-pattern} (command line, environment) is left alone.
 */
public class DeploymentFolders implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        // before ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10) reads config/
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean configGiven = environment.containsProperty("spring.config.location")
                || environment.containsProperty("spring.config.additional-location");
        boolean routesGiven = environment.containsProperty("camel.main.routes-include-pattern");
        if (configGiven && routesGiven) {
            return;
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        if (hasBoth(workingDirectory)) {
            return;
        }
        List<Path> candidates = besideTheApplication(application);
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
