package tw.twpay.hub.provider.testpay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;

/** Test-only provider: query a payment (a GatewayOperation through provider-gateway-command). */
@Component("testPayQuery")
public class TestPayQuery implements GatewayOperation<PaymentOperationCommand> {

    private final TestPayGateway gateway;

    public TestPayQuery(TestPayGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public GatewayRequest request(PaymentOperationCommand command) {
        return gateway.lookup(command.merchant(), command.orderNo(), command);
    }

    @Override
    public CommandResult answer(GatewayCall call) {
        PaymentOperationCommand command = call.context(PaymentOperationCommand.class);
        JsonNode trade = TestPayGateway.read(call.successBody());
        return new CommandResult(command.provider(), command.merchant(), command.orderNo(),
                List.of(TestPayGateway.trade(command.merchant(), command.orderNo(), trade, EventSource.QUERY)), null);
    }
}
