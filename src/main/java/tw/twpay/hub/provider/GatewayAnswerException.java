package tw.twpay.hub.provider;

import tw.twpay.hub.web.UpstreamFailureException;

/** A provider answered something the hub cannot read or trust; nothing is stored. Surfaces as HTTP 502. */
public class GatewayAnswerException extends UpstreamFailureException {

    private static final long serialVersionUID = 1L;

    public GatewayAnswerException(String reason) {
        super(502, reason);
    }
}
