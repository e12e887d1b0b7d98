package tw.twpay.hub.provider.flashpay;

import static tw.twpay.hub.api.BodyField.bool;
import static tw.twpay.hub.api.BodyField.integer;
import static tw.twpay.hub.api.BodyField.text;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.BodyField;
import tw.twpay.hub.api.CommandBody;
import tw.twpay.hub.api.ProviderRequestFields;
import tw.twpay.hub.provider.ProviderId;

/**
 * The request fields FlashPay's payment reads besides the canonical ones; README "FlashPay", "Commands (ERP API)".
 * FlashPay merchants take TWD only.
 */
@Component("flashPayRequestFields")
public class FlashPayRequestFields implements ProviderRequestFields {

    private final FlashPayMerchants merchants;

    public FlashPayRequestFields(FlashPayMerchants merchants) {
        this.merchants = merchants;
    }

    @Override
    public ProviderId provider() {
        return FlashPay.ID;
    }

    @Override
    public Set<String> currencies(String merchant) {
        merchants.require(merchant);
        return Set.of("TWD");
    }

    @Override
    public List<BodyField> fields(CommandBody request) {
        if (request != CommandBody.CREATE_PAYMENT) {
            return List.of();
        }
        return List.of(integer("installments", "0, 3, 6, 12, 18 or 24 (install_period)"),
                bool("redeem", "use bonus points (use_redeem)"),
                text("phone", "the customer's mobile, 09xxxxxxxx (cell_phone_no)"),
                text("returnUrl", "where the customer's browser goes after paying (client_url)"));
    }
}
