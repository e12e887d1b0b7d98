package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.ledger.LedgerQueries;

/**
 * {@code /callbacks/newebpay/{merchant}/cau-notify}: Card Account Updater notices. The CAU document names the
 * result fields (cardStatus, newExpiry, remainingTimes, scheduleDates) but not the envelope; the hub expects the
 * envelope of NewebPay's other notifies (MerchantID, TradeInfo, TradeSha) so that a notice is verified before it can
 * stop anyone's charges. Unverified against a live gateway — see the README.
 */
@Component("newebPayCardUpdateChannel")
public class NewebPayCardUpdateChannel extends NewebPayCallbacks {

    private final LedgerQueries ledger;

    public NewebPayCardUpdateChannel(NewebPayMerchants merchants, LedgerQueries ledger, Clock clock) {
        super(merchants, clock);
        this.ledger = ledger;
    }

    @Override
    NewebPayPayload verifyAndDecrypt(NewebPayMerchant merchant, CallbackRequest request) {
        return verifyTradeInfoEnvelope(merchant, request);
    }

    @Override
    List<LedgerFact> map(NewebPayMerchant merchant, NewebPayPayload payload, OffsetDateTime receivedAt, String raw) {
        return List.of(againIfTheCardMovedSince(NewebPayCardUpdateMapper.fromCauNotify(merchant, payload, receivedAt,
                raw)));
    }

    /**
     * A notice carries no id or time of its own: its key is what it says. Said once more after the card moved on (a
     * card stopped, active again, then stopped again), it is a fact of its own — keyed after the event that moved
     * the card — not the first notice's duplicate; said again while the card is as it says, it is NewebPay's retry.
     */
    private LedgerFact againIfTheCardMovedSince(LedgerFact notice) {
        CardLifecycleEvent event = (CardLifecycleEvent) notice.event();
        if (!ledger.isJournalled(notice.factKey())) {
            return notice;
        }
        return ledger.cardToken(event.provider(), event.merchant(), event.tokenRef())
                .filter(token -> !event.tokenStatus().name().equals(token.status())
                        || (event.newExpiry() != null && !event.newExpiry().equals(token.expiry())))
                .map(token -> new LedgerFact(LedgerFact.key(NewebPay.CODE, event.merchant(), "cau", event.tokenRef(),
                        "after", token.lastEventId(), event.tokenStatus(), event.newExpiry()), event,
                        notice.rawPayload()))
                .orElse(notice);
    }
}
