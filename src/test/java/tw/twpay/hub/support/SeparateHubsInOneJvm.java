package tw.twpay.hub.support;

import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the hubs a test JVM runs at once apart. The test framework keeps several hubs (Spring contexts) alive, and
 * two things Camel registers JVM-wide by name would otherwise be shared between them:
 * <ul>
 *   <li>the callback servlet (Camel's servlet registry is keyed by servlet name);</li>
 *   <li>the Quartz scheduler, named after the Camel context: with one shared scheduler a job scheduled by one hub
 *       fires in another hub's context, and a hub whose trigger differs (another missed-notify cron) cannot start
 *       its route.</li>
 * </ul>
 * A deployed hub is one context per JVM and keeps the configured names; so does a hub the tests start in a process of
 * its own ({@link ChildHub} sets {@value #ONE_HUB_PER_JVM}), where the name matters: clustered Quartz nodes find each
 * other by the scheduler name, which Camel prefixes with the context's name.
 */
public class SeparateHubsInOneJvm implements EnvironmentPostProcessor {

    static final String ONE_HUB_PER_JVM = "twpay.test.one-hub-per-jvm";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(ONE_HUB_PER_JVM, Boolean.class, false)) {
            return;
        }
        String hub = UUID.randomUUID().toString().substring(0, 8);
        String servlet = "CamelServlet-" + hub;
        environment.getPropertySources().addFirst(new MapPropertySource("separate-hubs-in-one-jvm", Map.of(
                "camel.main.name", "twpay-hub-test-" + hub,
                "camel.servlet.mapping.servlet-name", servlet,
                "camel.component.servlet.servlet-name", servlet)));
    }
}
