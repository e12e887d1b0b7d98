package tw.twpay.hub.provider.testpay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.ChargeCardCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;

/**
 * Test-only provider: charge a stored card. The intent (PENDING) is journalled before the call, so a call whose
 * outcome is unknown leaves the order PENDING for a query to settle, never FAILED. Reads a provider-only field
 * ({@code "speed"}) from the request.
 */
@Component("testPayCardCharges")
public class TestPayCardCharges implements GatewayOperation<ChargeCardCommand> {

    private final TestPayGateway gateway;

    public TestPayCardCharges(TestPayGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public GatewayRequest request(ChargeCardCommand command) {
        String speed = command.fields().text("speed");
        OffsetDateTime now = OffsetDateTime.now();
        PaymentEvent pending = new PaymentEvent(TestPayGateway.ID.code(), command.merchant(), "TP-" + command.merchant(),
                command.orderNo(), null, PaymentStatus.PENDING, command.amount(), "CREDIT", null, null, now, now,
                EventSource.COMMAND, null, null, null, null, null);
        LedgerFact intent = new LedgerFact(LedgerFact.key(TestPayGateway.ID.code(), command.merchant(),
                command.orderNo(), "charge"), pending, null);
        String body = CanonicalJson.toText(Map.of("orderNo", command.orderNo(), "token", command.tokenValue(),
                "amount", command.amount().value(), "speed", speed == null ? "normal" : speed));
        return GatewayRequest.json(gateway.url("/charges"), body, command)
                .withHeader("x-api-key", TestPayGateway.API_KEY)
                .withTimeout(TestPayGateway.TIMEOUT)
                .withIntent(List.of(intent));
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        ChargeCardCommand command = call.context(ChargeCardCommand.class);
        JsonNode trade = TestPayGateway.read(call.successBody());
        return new CommandResult(command.provider(), command.merchant(), command.orderNo(),
                List.of(TestPayGateway.trade(command.merchant(), command.orderNo(), trade, EventSource.COMMAND)), null);
    }
}
