package tw.twpay.hub.security;

import java.util.Arrays;
import java.util.Optional;

/** What an ERP API caller may do; a client is granted some of these, a JWT carries them in its {@code scope} claim. */
public enum ApiScope {

    /** read payments and their journal, query the gateway for an order's state */
    PAYMENTS_READ("payments:read"),
    /** create, capture, cancel and refund payments; create and alter subscriptions */
    PAYMENTS_WRITE("payments:write"),
    /** charge stored cards, bind cards, query card bindings */
    CARDS_WRITE("cards:write"),
    /** dead letters, redrive, reconciliation, the sandbox ERP inbox, the actuator beyond health */
    OPS("ops");

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The Spring Security authority a granted scope becomes (the resource server's convention for JWTs). */
    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<ApiScope> of(String value) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
    }
}
