package tw.twpay.hub.provider.testpay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.provider.CallbackAcknowledgement;
import tw.twpay.hub.provider.CallbackChannel;
import tw.twpay.hub.provider.CallbackConfirmation;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.StoredCallback;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Test-only provider's unsigned notify (form fields orderNo, status, amount): a hint only. The pipeline asks the
 * gateway about the trade, and what the gateway says is stored; a trade the gateway does not know is refused.
 */
@Component("testPayHintChannel")
public class TestPayHintChannel implements CallbackChannel {

    public static final String ACK = "TESTPAY-HINT-OK";

    private final TestPayGateway gateway;

    public TestPayHintChannel(TestPayGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public CallbackFacts decode(CallbackRequest request) {
        String orderNo = request.requiredField("orderNo");
        // what the callback claims, kept only to compare with what the gateway confirms
        return new CallbackFacts(request, List.of(), orderNo);
    }

    @Override
    public GatewayRequest confirmation(CallbackFacts decoded) {
        return gateway.lookup(decoded.request().merchant(), (String) decoded.context(), decoded);
    }

    @Override
    public CallbackFacts confirm(CallbackConfirmation confirmation) {
        CallbackFacts decoded = confirmation.decoded();
        JsonNode trade = TestPayGateway.read(confirmation.call().successBody());
        if ("UNKNOWN".equals(trade.path("status").asText())) {
            throw RejectedRequestException.badRequest("the gateway knows no trade for order " + decoded.context());
        }
        var fact = TestPayGateway.trade(decoded.request().merchant(), (String) decoded.context(), trade,
                EventSource.CALLBACK);
        String claimedAmount = decoded.request().fields().get("amount");
        if (claimedAmount != null && ((PaymentEvent) fact.event()).amount().compareTo(
                tw.twpay.hub.canonical.Money.of(claimedAmount, "TWD")) != 0) {
            throw RejectedRequestException.badRequest("the gateway confirms another amount than the notify claims");
        }
        return new CallbackFacts(decoded.request(), List.of(fact), null);
    }

    @Override
    public CallbackAcknowledgement acknowledge(StoredCallback stored) {
        return CallbackAcknowledgement.text(ACK);
    }
}
