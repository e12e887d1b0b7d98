package tw.twpay.hub.provider.tappay;

import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.TokenStatus;

/** The ERP's answer about a stored card: the hub's reference, the token's status, what may be said of the card. */
public record StoredCardAnswer(String provider, String merchant, String cardRef, TokenStatus tokenStatus,
                               CardSummary card) {
}
