package tw.twpay.hub.provider.testpay;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.CreatePaymentCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.FormPost;
import tw.twpay.hub.provider.LocalOperation;

/** Test-only provider: a payment page form for the browser (a LocalOperation through provider-local-command). */
@Component("testPayCheckout")
public class TestPayCheckout implements LocalOperation<CreatePaymentCommand> {

    private final TestPayGateway gateway;

    public TestPayCheckout(TestPayGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public CommandResult prepare(CreatePaymentCommand command) {
        OffsetDateTime now = OffsetDateTime.now();
        PaymentEvent pending = new PaymentEvent(TestPayGateway.ID.code(), command.merchant(), "TP-" + command.merchant(),
                command.orderNo(), null, PaymentStatus.PENDING, command.amount(), "CREDIT", null, null, now, now,
                EventSource.COMMAND, null, null, null, null, null);
        LedgerFact fact = new LedgerFact(LedgerFact.key(TestPayGateway.ID.code(), command.merchant(), command.orderNo(),
                "create"), pending, null);
        return new CommandResult(command.provider(), command.merchant(), command.orderNo(), List.of(fact),
                FormPost.of(gateway.url("/pay"), Map.of("order", command.orderNo())));
    }
}
