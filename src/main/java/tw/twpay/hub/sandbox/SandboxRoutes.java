package tw.twpay.hub.sandbox;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Loads the simulators' routes ({@code routes/sandbox/*.camel.yaml}) only when {@code twpay.sandbox.enabled=true}, by
 * adding their folder to {@code camel.main.routes-include-pattern}. Their beans exist only then too, so with the
 * sandbox off nothing of it is created and {@code /sandbox/**} is not served at all (a route merely not started would
 * still need its beans).
 */
public class SandboxRoutes implements EnvironmentPostProcessor {

    static final String PATTERN_PROPERTY = "camel.main.routes-include-pattern";
    static final String SANDBOX_ROUTES = "file:routes/sandbox/*.camel.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("twpay.sandbox.enabled", Boolean.class, false)) {
            return;
        }
        String pattern = environment.getProperty(PATTERN_PROPERTY);
        if (pattern == null || pattern.isBlank() || pattern.contains(SANDBOX_ROUTES)) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("twpay-sandbox-routes",
                Map.of(PATTERN_PROPERTY, pattern + "," + SANDBOX_ROUTES)));
    }
}
