package tw.twpay.hub.provider;

/** The answer a provider expects once its callback is safely stored, in that provider's own format. */
public record CallbackAcknowledgement(int status, String contentType, String body) {

    public static CallbackAcknowledgement text(String body) {
        return new CallbackAcknowledgement(200, "text/plain; charset=UTF-8", body);
    }

    public static CallbackAcknowledgement json(String body) {
        return new CallbackAcknowledgement(200, "application/json", body);
    }
}
