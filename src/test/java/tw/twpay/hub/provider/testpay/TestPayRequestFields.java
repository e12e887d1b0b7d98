package tw.twpay.hub.provider.testpay;

import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.BodyField;
import tw.twpay.hub.api.CommandBody;
import tw.twpay.hub.api.ProviderRequestFields;
import tw.twpay.hub.provider.ProviderId;

/** Test-only provider: the field only it reads ({@code speed} of a card charge), declared as a real provider does. */
@Component("testPayRequestFields")
public class TestPayRequestFields implements ProviderRequestFields {

    @Override
    public ProviderId provider() {
        return TestPayGateway.ID;
    }

    @Override
    public List<BodyField> fields(CommandBody request) {
        return request == CommandBody.CHARGE_CARD
                ? List.of(BodyField.text("speed", "normal or express")) : List.of();
    }
}
