package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * {@code /callbacks/newebpay/{merchant}/notify}: the MPG NotifyURL, the source of truth for a payment's result.
 * Form fields Status, MerchantID, Version, TradeInfo, TradeSha; TradeSha is verified before anything is decrypted.
 */
@Component("newebPayNotifyChannel")
public class NewebPayNotifyChannel extends NewebPayCallbacks {

    public NewebPayNotifyChannel(NewebPayMerchants merchants, Clock clock) {
        super(merchants, clock);
    }

    @Override
    NewebPayPayload verifyAndDecrypt(NewebPayMerchant merchant, CallbackRequest request) {
        return verifyTradeInfoEnvelope(merchant, request);
    }

    @Override
    List<LedgerFact> map(NewebPayMerchant merchant, NewebPayPayload payload, OffsetDateTime receivedAt, String raw) {
        return NewebPayTradeMapper.fromNotify(merchant, payload, receivedAt, raw);
    }
}
