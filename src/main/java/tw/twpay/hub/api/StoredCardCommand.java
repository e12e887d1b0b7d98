package tw.twpay.hub.api;

import tw.twpay.hub.provider.ProviderId;

/**
 * A command about a card the hub stored for a provider (bind, remove, metadata), e.g.
 * {@code POST /api/v1/cards/tappay/shop/tpcard_1/remove}.
 *
 * @param cardRef the hub's card reference; null when binding a new card
 * @param fields  the request body as sent, for the fields only the named provider reads
 */
public record StoredCardCommand(ProviderId provider, String merchant, String cardRef, ProviderFields fields) {

    public StoredCardCommand {
        fields = fields == null ? ProviderFields.none() : fields;
    }
}
