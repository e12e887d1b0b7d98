package tw.twpay.hub.command;

/** A provider answered something the hub cannot read or trust; nothing is stored. Surfaces as HTTP 502. */
public class GatewayAnswerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GatewayAnswerException(String reason) {
        super(reason);
    }
}
