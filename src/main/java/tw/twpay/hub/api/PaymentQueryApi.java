package tw.twpay.hub.api;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.ledger.LedgerQueries;
import tw.twpay.hub.ledger.OrderHistory;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.web.RejectedRequestException;

/** {@code GET /api/v1/payments/{provider}/{merchant}/{orderNo}}. */
@Component("paymentQueryApi")
public class PaymentQueryApi {

    private final LedgerQueries ledger;

    public PaymentQueryApi(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    public OrderHistory get(@Header("provider") String provider, @Header("merchant") String merchant,
                            @Header("orderNo") String orderNo) {
        return ledger.orderHistory(ProviderId.of(provider).code(), merchant, orderNo)
                .orElseThrow(() -> RejectedRequestException.notFound(
                        "no payment " + orderNo + " of merchant " + merchant + " at " + provider));
    }
}
