package tw.twpay.hub.provider.newebpay;

import tw.twpay.hub.web.RejectedRequestException;

/** A QueryTradeInfo answer the hub may believe: readable, SUCCESS, and its CheckCode verified with the keys. */
final class NewebPayQueryAnswers {

    private NewebPayQueryAnswers() {
    }

    /**
     * @throws RejectedRequestException when the answer is unreadable, a refusal (TRA10021: no such trade), or its
     *                                  CheckCode does not verify — the reason names which
     */
    static NewebPayPayload verified(NewebPayMerchant merchant, String body) {
        NewebPayPayload answer;
        try {
            answer = NewebPayPayloadParser.parse(body);
        } catch (NewebPayDecodeException e) {
            throw RejectedRequestException.badRequest("QueryTradeInfo answer is unreadable: " + e.getMessage());
        }
        if (!answer.isSuccess()) {
            throw RejectedRequestException.badRequest("QueryTradeInfo answered " + answer.status()
                    + (NewebPayTradeQueries.NO_SUCH_TRADE.equals(answer.status()) ? " (no such trade)" : ""));
        }
        try {
            merchant.checkCodes().verifyQueryResponse(answer);
        } catch (NewebPayDecodeException e) {
            throw RejectedRequestException.badRequest("QueryTradeInfo answer failed verification: " + e.getMessage());
        }
        return answer;
    }
}
