package tw.twpay.hub.api;

import tw.twpay.hub.provider.ProviderId;

/**
 * The cards a provider keeps under the merchant's member id
 * ({@code GET /api/v1/cards/tappay/shop/member-cards?memberId=M1}).
 */
public record MemberCardsQuery(ProviderId provider, String merchant, String memberId) {
}
