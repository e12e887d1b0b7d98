package tw.twpay.hub.config;

/**
 * Something about how the hub was started (not one property's value) that stops it: a missing environment variable
 * of the production profile, the config/ and routes/ folders not found. The message is the one line the operator
 * reads, the action what to do about it; never a secret.
 */
public class StartupProblem extends RuntimeException {

    private final String action;

    public StartupProblem(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
