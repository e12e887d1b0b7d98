package tw.twpay.hub.sandbox.newebpay;

/**
 * The simulated gateway says no, in its own words: a NewebPay-style status code and a message, which the simulator
 * answers in the format of the endpoint (an error page, or Status/Message JSON). Messages never hold field values
 * that could be card data or keys.
 */
final class SimulatedGatewayRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String status;

    SimulatedGatewayRefusal(String status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    String status() {
        return status;
    }
}
