package tw.twpay.hub.support;

import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each hub started in a test JVM its own name for Camel's callback servlet. Camel keeps servlets in a
 * JVM-wide registry by name, and the test framework keeps several hubs (Spring contexts) alive at once; a deployed
 * hub is one context and keeps the default name.
 */
public class UniqueCallbackServletName implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String name = "CamelServlet-" + UUID.randomUUID();
        environment.getPropertySources().addFirst(new MapPropertySource("unique-callback-servlet-name", Map.of(
                "camel.servlet.mapping.servlet-name", name,
                "camel.component.servlet.servlet-name", name)));
    }
}
