package tw.twpay.hub.api;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.ledger.LedgerQueries;
import tw.twpay.hub.ledger.OrderHistory;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * {@code GET /api/v1/payments/{provider}/{merchant}/{orderNo}}, and {@code GET /api/v1/payments/{provider}/{merchant}
 * ?orderNo=} for an order number that cannot go in a path (README, "Order numbers the hub did not issue").
 */
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

    /** The same, the order number given as the query parameter {@code orderNo} (decoded by the servlet). */
    public OrderHistory find(@Header("provider") String provider, @Header("merchant") String merchant,
                             @Header("orderNo") String orderNo) {
        if (orderNo == null || orderNo.isEmpty()) {
            throw RejectedRequestException.badRequest("query parameter orderNo is required");
        }
        return get(provider, merchant, orderNo);
    }
}
