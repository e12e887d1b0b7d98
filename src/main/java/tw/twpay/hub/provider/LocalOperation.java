package tw.twpay.hub.provider;

/**
 * A command the hub carries out without calling the provider, e.g. signing the form the customer's browser posts to
 * the payment page. The {@code provider-local-command} route template runs {@link #prepare} → store the result's
 * facts → answer the ERP.
 *
 * @param <C> the command this operation carries out
 */
public interface LocalOperation<C> {

    CommandResult prepare(C command);
}
