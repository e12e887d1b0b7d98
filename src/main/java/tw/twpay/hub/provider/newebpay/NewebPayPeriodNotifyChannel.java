package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * {@code /callbacks/newebpay/{merchant}/period-notify}: NDNP mandate creation and each period's charge. The single
 * field Period is encrypted but carries no hash: it is authentic when it decrypts (padding included) with this
 * merchant's keys and names this merchant's MerchantID. May arrive as multipart/form-data.
 */
@Component("newebPayPeriodNotifyChannel")
public class NewebPayPeriodNotifyChannel extends NewebPayCallbacks {

    private final NewebPayMerchants merchants;

    public NewebPayPeriodNotifyChannel(NewebPayMerchants merchants, Clock clock) {
        super(merchants, clock);
        this.merchants = merchants;
    }

    @Override
    NewebPayMerchant merchantOf(CallbackRequest request) {
        return merchants.require(request.merchant(), NewebPayMerchantKind.NDNP);
    }

    @Override
    NewebPayPayload verifyAndDecrypt(NewebPayMerchant merchant, CallbackRequest request) {
        NewebPayPayload payload = merchant.codec().decode(request.requiredField("Period"));
        if (payload.field("MerchantID") == null) {
            throw new NewebPayDecodeException("Period result names no MerchantID");
        }
        return payload;
    }

    @Override
    List<LedgerFact> map(NewebPayMerchant merchant, NewebPayPayload payload, OffsetDateTime receivedAt, String raw) {
        return List.of(NewebPayPeriodMapper.fromPeriodNotify(merchant, payload, receivedAt, raw));
    }
}
