package tw.twpay.hub.provider;

import tw.twpay.hub.web.UpstreamFailureException;

/**
 * The gateway may or may not have acted (timeout, connection lost, 5xx). Nothing is recorded as failed: what was
 * journalled before the call (the intent, PENDING) stays, and a query settles it later. The ERP is told the command's
 * outcome is pending and is not to be sent again.
 */
public class UnknownOutcomeException extends UpstreamFailureException {

    private static final long serialVersionUID = 1L;

    public UnknownOutcomeException(String reason) {
        super(504, reason);
    }
}
