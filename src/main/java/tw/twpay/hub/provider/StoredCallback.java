package tw.twpay.hub.provider;

import java.util.List;
import tw.twpay.hub.ledger.StoreResult;

/** A callback's facts after the ledger committed them, one result per fact. */
public record StoredCallback(CallbackFacts callback, List<StoreResult> results) {
}
