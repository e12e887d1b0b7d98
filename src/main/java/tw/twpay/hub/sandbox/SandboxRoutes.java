package tw.twpay.hub.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Loads the simulators' routes ({@code sandbox/*.camel.yaml} in the routes folder) only when
 * {@code twpay.sandbox.enabled=true}, by adding that folder to {@code camel.main.routes-include-pattern} beside
 * every {@code file:} routes folder the pattern names (wherever the routes folder was found). Their beans exist only
 * then too, so with the sandbox off nothing of it is created and {@code /sandbox/**} is not served at all (a route
 * merely not started would still need its beans).
 */
public class SandboxRoutes implements EnvironmentPostProcessor {

    static final String PATTERN_PROPERTY = "camel.main.routes-include-pattern";
    private static final String ROUTE_FILES = "/*.camel.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("twpay.sandbox.enabled", Boolean.class, false)) {
            return;
        }
        String pattern = environment.getProperty(PATTERN_PROPERTY);
        if (pattern == null || pattern.isBlank()) {
            return;
        }
        List<String> entries = new ArrayList<>(List.of(pattern.split(",")));
        List<String> sandbox = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.startsWith("file:") && trimmed.endsWith(ROUTE_FILES) && !trimmed.contains("/sandbox/")) {
                String folder = trimmed.substring(0, trimmed.length() - ROUTE_FILES.length());
                String sandboxEntry = folder + "/sandbox" + ROUTE_FILES;
                if (!pattern.contains(sandboxEntry)) {
                    sandbox.add(sandboxEntry);
                }
            }
        }
        if (sandbox.isEmpty()) {
            return;
        }
        entries.addAll(sandbox);
        environment.getPropertySources().addFirst(new MapPropertySource("twpay-sandbox-routes",
                Map.of(PATTERN_PROPERTY, String.join(",", entries))));
    }
}
