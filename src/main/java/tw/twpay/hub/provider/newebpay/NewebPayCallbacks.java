package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import tw.twpay.hub.provider.CallbackAcknowledgement;
import tw.twpay.hub.provider.CallbackChannel;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.StoredCallback;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * What every NewebPay callback channel shares: find the merchant of the path, decode, make sure the payload names
 * that merchant, map, and answer 200 once stored. Decoding failures become 400s with the codec's reason (which never
 * holds key material or decrypted data).
 */
abstract class NewebPayCallbacks implements CallbackChannel {

    /** NewebPay only needs a 2xx; the body is for people reading logs on either side. */
    static final String ACKNOWLEDGEMENT = "SUCCESS";

    private final NewebPayMerchants merchants;
    private final Clock clock;

    NewebPayCallbacks(NewebPayMerchants merchants, Clock clock) {
        this.merchants = merchants;
        this.clock = clock;
    }

    /** Verifies and decrypts the callback with the merchant's own keys. */
    abstract NewebPayPayload verifyAndDecrypt(NewebPayMerchant merchant, CallbackRequest request);

    /** Maps the decoded payload to ledger facts. */
    abstract List<LedgerFact> map(NewebPayMerchant merchant, NewebPayPayload payload, OffsetDateTime receivedAt,
                                  String rawPayload);

    /** The decoded callback; a channel whose callback must be confirmed keeps what the confirmation needs. */
    CallbackFacts decoded(CallbackRequest request, NewebPayMerchant merchant, NewebPayPayload payload,
                          OffsetDateTime receivedAt, String rawPayload) {
        return new CallbackFacts(request, map(merchant, payload, receivedAt, rawPayload), null);
    }

    NewebPayMerchant merchantOf(CallbackRequest request) {
        return merchants.require(request.merchant());
    }

    @Override
    public CallbackFacts decode(CallbackRequest request) {
        NewebPayMerchant merchant = merchantOf(request);
        try {
            NewebPayPayload payload = verifyAndDecrypt(merchant, request);
            String namedMerchant = payload.field("MerchantID");
            if (namedMerchant != null && !namedMerchant.equals(merchant.merchantId())) {
                throw RejectedRequestException.badRequest("the payload's MerchantID is not merchant " + merchant.alias());
            }
            return decoded(request, merchant, payload, OffsetDateTime.now(clock), payload.toJson());
        } catch (NewebPayDecodeException e) {
            throw RejectedRequestException.badRequest(e.getMessage());
        } catch (IllegalArgumentException e) {
            // authentic, but not a fact the ledger can hold (an absurd amount, an over-long id): a 400, never a 500
            // that the gateway would retry forever
            throw RejectedRequestException.badRequest("the callback cannot be recorded: " + e.getMessage());
        }
    }

    /**
     * NewebPay's usual notify envelope (MerchantID, TradeInfo, TradeSha): the form's MerchantID must be the one of
     * the alias in the path, and TradeSha is verified before anything is decrypted.
     */
    static NewebPayPayload verifyTradeInfoEnvelope(NewebPayMerchant merchant, CallbackRequest request) {
        if (!merchant.merchantId().equals(request.requiredField("MerchantID"))) {
            throw RejectedRequestException.badRequest("MerchantID is not the one of merchant " + merchant.alias());
        }
        return merchant.codec().verifyAndDecode(request.requiredField("TradeInfo"), request.requiredField("TradeSha"));
    }

    @Override
    public CallbackAcknowledgement acknowledge(StoredCallback stored) {
        return CallbackAcknowledgement.text(ACKNOWLEDGEMENT);
    }
}
