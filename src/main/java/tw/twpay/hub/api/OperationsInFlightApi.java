package tw.twpay.hub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.PaymentOperationsInFlight;
import tw.twpay.hub.provider.PaymentOperationsInFlight.OperationInFlight;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.security.ApiCaller;
import tw.twpay.hub.web.PageParameters;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * {@code /api/v1/operations-in-flight}: the payment operations standing on orders (being sent, or their outcome
 * unknown), and an operator's release of one no query could settle.
 */
@Component("operationsInFlightApi")
public class OperationsInFlightApi {

    private static final int REASON_LENGTH = 2000;

    private final PaymentOperationsInFlight operations;

    public OperationsInFlightApi(PaymentOperationsInFlight operations) {
        this.operations = operations;
    }

    /** Up to {@code limit} operations, oldest first; {@code more} says whether there are others. */
    public Map<String, Object> list(@Header("limit") String limit) {
        int max = PageParameters.limit(limit);
        List<OperationInFlight> found = operations.list(max + 1);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("operations", found.size() > max ? found.subList(0, max) : found);
        answer.put("more", found.size() > max);
        return answer;
    }

    /** {"reason":"..."}: why the operator releases the operation, having checked with the gateway. */
    public Map<String, Object> release(@Header("provider") String provider, @Header("merchant") String merchant,
                                       @Header("orderNo") String orderNo,
                                       @ExchangeProperty(ApiCaller.EXCHANGE_PROPERTY) String caller, String body) {
        String reason = OperatorRequestBody.of(body, "reason").text("reason");
        if (reason.length() > REASON_LENGTH) {
            throw RejectedRequestException.badRequest("reason is at most " + REASON_LENGTH + " characters");
        }
        OperationInFlight released = operations.release(ProviderId.of(provider), merchant, orderNo,
                caller == null ? "unknown" : caller, reason);
        return Map.of("released", released);
    }
}
