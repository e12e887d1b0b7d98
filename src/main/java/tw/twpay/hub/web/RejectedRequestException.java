package tw.twpay.hub.web;

/**
 * A request the hub refuses, with the HTTP status and the reason the caller gets back. The reason is shown to the
 * caller as is: it must never contain a secret, a card number or decrypted provider data.
 */
public class RejectedRequestException extends RuntimeException {

    private final int status;

    public RejectedRequestException(int status, String reason) {
        super(reason);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejected request answers 4xx, not " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static RejectedRequestException badRequest(String reason) {
        return new RejectedRequestException(400, reason);
    }

    public static RejectedRequestException notFound(String reason) {
        return new RejectedRequestException(404, reason);
    }
}
