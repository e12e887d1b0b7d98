package tw.twpay.hub.provider;

/**
 * A command the hub carries out without calling the provider, e.g. signing the form the customer's browser posts to
 * the payment page. The {@code provider-local-command} route template runs {@link #prepare} → store the result's
 * facts → answer the ERP ({@link CommandLedger#storePage}: the answer is handed out only when its PENDING fact opened
 * the order or is the same page asked for again; a page of the same order in another amount stored first, by a
 * request at the same time, makes it a 409).
 *
 * @param <C> the command this operation carries out
 */
public interface LocalOperation<C> {

    CommandResult prepare(C command);
}
