package tw.twpay.hub.reconciliation;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import tw.twpay.hub.config.InvalidConfigurationException;

/**
 * Which merchants of a provider the nightly job reconciles, as configured under
 * {@code twpay.reconciliation.<provider>.scheduled-merchants}: {@code *} (the default) every merchant the source can
 * read, an empty value none, otherwise a comma-separated list of aliases, each checked at start-up.
 */
public final class ScheduledMerchants {

    public static final String EVERY_MERCHANT = "*";

    private ScheduledMerchants() {
    }

    /**
     * @param key        the configuration key, named in a refusal
     * @param configured the configured value
     * @param served     the aliases the source can read
     */
    public static Set<String> of(String key, String configured, Set<String> served) {
        String value = configured == null ? EVERY_MERCHANT : configured.trim();
        if (EVERY_MERCHANT.equals(value)) {
            return java.util.Collections.unmodifiableSet(new TreeSet<>(served));
        }
        Set<String> aliases = new TreeSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(alias -> !alias.isEmpty()).forEach(alias -> {
            if (!served.contains(alias)) {
                throw new InvalidConfigurationException(key, "merchant " + alias
                        + " is not a merchant this provider's settlement source can read");
            }
            aliases.add(alias);
        });
        return java.util.Collections.unmodifiableSet(aliases);
    }
}
