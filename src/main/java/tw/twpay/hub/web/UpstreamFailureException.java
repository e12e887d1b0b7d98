package tw.twpay.hub.web;

/**
 * A payment provider failed the hub: unreachable, an answer that cannot be trusted, or no answer in time. The caller
 * gets the status (502 or 504) and a reason without the provider's internals; the log gets the detail.
 */
public class UpstreamFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public UpstreamFailureException(int status, String reason) {
        super(reason);
        if (status != 502 && status != 503 && status != 504) {
            throw new IllegalArgumentException("an upstream failure answers 502, 503 or 504, not " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }
}
