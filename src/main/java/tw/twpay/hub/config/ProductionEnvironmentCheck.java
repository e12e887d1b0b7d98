package tw.twpay.hub.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The production profile takes its database, public address, ERP endpoint and merchant keys from environment
 * variables (config/application-production.yaml). When one is not set, say which ones in one line instead of the
 * stack trace of whichever bean first tried to read it; likewise when the database is not PostgreSQL or no merchant
 * is configured at all. Runs after the configuration files are loaded.
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
        requirePostgreSql(environment.getProperty("spring.datasource.url"));
        requireAMerchant(environment);
    }

    /**
     * The production ledger is PostgreSQL: its connections are set to synchronous_commit, Quartz runs clustered on
     * it with the PostgreSQL driver and delegate. Another database would fail later with a SQL syntax error.
     */
    private static void requirePostgreSql(String url) {
        if (url != null && !url.regionMatches(true, 0, "jdbc:postgresql:", 0, 16)) {
            throw new StartupProblem("the production profile needs a PostgreSQL ledger, but spring.datasource.url"
                    + " (TWPAY_DB_URL) is " + DatabaseUnreachableFailureAnalyzer.withoutCredentials(url),
                    "Set TWPAY_DB_URL to a PostgreSQL database, e.g. jdbc:postgresql://db.example.com:5432/twpay"
                            + " (see README, Production). The embedded H2 ledger is for the default profile only.");
        }
    }

    /**
     * A production hub without a merchant starts healthy and answers every payment with 404; refuse it instead.
     * Merchants may come from config/application-production.yaml or from the environment, of any provider.
     */
    private static void requireAMerchant(ConfigurableEnvironment environment) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource properties
                    && properties.stream().anyMatch(ProductionEnvironmentCheck::isMerchantProperty)) {
                return;
            }
        }
        throw new StartupProblem("the production profile configures no merchant:"
                + " twpay.providers.<provider>.merchants is empty for every provider",
                "List the merchants in config/application-production.yaml under"
                        + " twpay.providers.<provider>.merchants.<alias>, their keys from environment variables"
                        + " (see README, Production), and start again.");
    }

    /** twpay.providers.&lt;provider&gt;.merchants.&lt;alias&gt;.&lt;field&gt; */
    private static boolean isMerchantProperty(ConfigurationPropertyName name) {
        return name.getNumberOfElements() >= 6
                && "twpay".equals(name.getElement(0, ConfigurationPropertyName.Form.UNIFORM))
                && "providers".equals(name.getElement(1, ConfigurationPropertyName.Form.UNIFORM))
                && "merchants".equals(name.getElement(3, ConfigurationPropertyName.Form.UNIFORM));
    }
}
