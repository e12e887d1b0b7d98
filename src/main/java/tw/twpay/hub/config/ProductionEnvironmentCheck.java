package tw.twpay.hub.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The production profile takes its database, public address and ERP endpoint from environment variables
 * (config/application-production.yaml). When one is not set, say which ones in one line instead of the stack trace
 * of whichever bean first tried to read it. Runs after the configuration files are loaded.
 */
public class ProductionEnvironmentCheck implements EnvironmentPostProcessor, Ordered {

    /** The settings the production profile fills from the environment, in the order an operator sets them up. */
    private static final List<String> REQUIRED = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "twpay.public-base-url", "twpay.delivery.uri");
    private static final Pattern PLACEHOLDER = Pattern.compile("Could not resolve placeholder '([^':]+)'");

    @Override
    public int getOrder() {
        // after ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10) loaded config/application*.yaml
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!List.of(environment.getActiveProfiles()).contains("production")) {
            return;
        }
        Set<String> properties = new LinkedHashSet<>(REQUIRED);
        // and every hub setting that names an environment variable, e.g. a merchant's ${TWPAY_NEWEBPAY_SHOP_HASH_KEY}
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith("twpay.")) {
                        properties.add(name);
                    }
                }
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        for (String property : properties) {
            try {
                environment.getProperty(property);
            } catch (IllegalArgumentException unresolved) {
                Matcher name = PLACEHOLDER.matcher(String.valueOf(unresolved.getMessage()));
                missing.add(name.find() ? name.group(1) : property);
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupProblem("the production profile needs the environment variable"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " (not set)",
                    "Set " + String.join(", ", missing) + " (see README, Production), e.g. TWPAY_DB_URL="
                            + "jdbc:postgresql://db.example.com:5432/twpay, and start again.");
        }
    }
}
