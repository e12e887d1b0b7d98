package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * {@code /callbacks/newebpay/{merchant}/cau-notify}: Card Account Updater notices. The CAU document names the
 * result fields (cardStatus, newExpiry, remainingTimes, scheduleDates) but not the envelope; the hub expects the
 * envelope of NewebPay's other notifies (MerchantID, TradeInfo, TradeSha) so that a notice is verified before it can
 * stop anyone's charges. Unverified against a live gateway — see the README.
 */
@Component("newebPayCardUpdateChannel")
public class NewebPayCardUpdateChannel extends NewebPayCallbacks {

    public NewebPayCardUpdateChannel(NewebPayMerchants merchants, Clock clock) {
        super(merchants, clock);
    }

    @Override
    NewebPayPayload verifyAndDecrypt(NewebPayMerchant merchant, CallbackRequest request) {
        return verifyTradeInfoEnvelope(merchant, request);
    }

    @Override
    List<LedgerFact> map(NewebPayMerchant merchant, NewebPayPayload payload, OffsetDateTime receivedAt, String raw) {
        return List.of(NewebPayCardUpdateMapper.fromCauNotify(merchant, payload, receivedAt, raw));
    }
}
