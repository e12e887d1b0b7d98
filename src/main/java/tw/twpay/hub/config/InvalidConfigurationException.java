package tw.twpay.hub.config;

/** A configuration value the hub cannot start with. The message names the property, never a secret value. */
public class InvalidConfigurationException extends RuntimeException {

    private final String property;

    public InvalidConfigurationException(String property, String problem) {
        super(property + ": " + problem);
        this.property = property;
    }

    public InvalidConfigurationException(String property, String problem, Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
    }

    public String property() {
        return property;
    }
}
