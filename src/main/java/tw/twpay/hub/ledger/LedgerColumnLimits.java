package tw.twpay.hub.ledger;

import tw.twpay.hub.canonical.CanonicalEvent;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.PaymentEvent;

/**
 * What the ledger's columns hold (db/migration V1): a fact whose identifiers are longer is refused before any SQL
 * runs, with the field named, so an over-long id in a (validly signed) callback is a 400 and never a database
 * error, a 500 and a gateway retrying forever.
 */
final class LedgerColumnLimits {

    private LedgerColumnLimits() {
    }

    static void check(CanonicalEvent event) {
        if (event instanceof PaymentEvent payment) {
            within("merchantId", payment.merchantId(), 64);
            within("orderNo", payment.orderNo(), 128);
            within("providerTradeId", payment.providerTradeId(), 64);
            within("method", payment.method(), 32);
            within("authCode", payment.authCode(), 32);
            card(payment.card());
        } else if (event instanceof CardLifecycleEvent cardChange) {
            within("tokenRef", cardChange.tokenRef(), 128);
            within("newExpiry", cardChange.newExpiry(), 7);
            card(cardChange.card());
        }
        within("provider", event.provider(), 32);
        within("merchant", event.merchant(), 64);
        within("subject", event.subject(), 128);
    }

    private static void card(CardSummary card) {
        if (card != null) {
            within("card.bin6", card.bin6(), 6);
            within("card.last4", card.last4(), 4);
            within("card.brand", card.brand(), 32);
            within("card.expiry", card.expiry(), 7);
        }
    }

    private static void within(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new IllegalArgumentException(field + " is longer than the " + maxLength + " characters the ledger "
                    + "keeps (" + value.length() + ")");
        }
    }
}
