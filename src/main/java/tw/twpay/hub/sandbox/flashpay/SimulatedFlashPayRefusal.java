package tw.twpay.hub.sandbox.flashpay;

/** The simulated gateway refuses a request: its code and message, in the shape FlashPay answers errors. */
final class SimulatedFlashPayRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    SimulatedFlashPayRefusal(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
