package tw.twpay.hub.api;

import java.util.List;
import java.util.Set;
import tw.twpay.hub.provider.ProviderId;

/**
 * What a provider reads of the ERP API's request bodies besides the canonical fields ({@link CommandBody}), and which
 * currencies its merchants take. One bean per provider, in the provider's package, beside the operations that read
 * those fields through {@link ProviderFields}: a field no one declares is refused with a 400 naming it, so a
 * misspelt or misplaced field is never silently ignored, and the OpenAPI document lists exactly these fields.
 * A provider without such a bean reads the canonical fields only, and its merchants take TWD.
 */
public interface ProviderRequestFields {

    ProviderId provider();

    /** The fields of the request only this provider reads; none by default. */
    default List<BodyField> fields(CommandBody request) {
        return List.of();
    }

    /**
     * The currencies the merchant takes, to tell whether an amount given without a currency can only mean one;
     * refused (404) for a merchant the provider does not have.
     */
    default Set<String> currencies(String merchant) {
        return Set.of("TWD");
    }
}
