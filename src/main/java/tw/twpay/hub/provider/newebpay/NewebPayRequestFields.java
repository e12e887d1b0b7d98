package tw.twpay.hub.provider.newebpay;

import static tw.twpay.hub.api.BodyField.any;
import static tw.twpay.hub.api.BodyField.bool;
import static tw.twpay.hub.api.BodyField.integer;
import static tw.twpay.hub.api.BodyField.object;
import static tw.twpay.hub.api.BodyField.text;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.BodyField;
import tw.twpay.hub.api.CommandBody;
import tw.twpay.hub.api.ProviderRequestFields;
import tw.twpay.hub.provider.ProviderId;

/**
 * The request fields NewebPay's operations read besides the canonical ones (MPG card options, the NDNP period);
 * README "NewebPay", "Commands (ERP API)". NewebPay merchants take TWD only.
 */
@Component("newebPayRequestFields")
public class NewebPayRequestFields implements ProviderRequestFields {

    private final NewebPayMerchants merchants;

    public NewebPayRequestFields(NewebPayMerchants merchants) {
        this.merchants = merchants;
    }

    @Override
    public ProviderId provider() {
        return NewebPay.ID;
    }

    @Override
    public Set<String> currencies(String merchant) {
        merchants.require(merchant);
        return Set.of("TWD");
    }

    @Override
    public List<BodyField> fields(CommandBody request) {
        return switch (request) {
            case CREATE_PAYMENT -> List.of(
                    any("installments", "card instalments (InstFlag): \"all\", or one period or a list of periods"
                            + " among 3, 6, 8, 12, 18, 24, 30"),
                    bool("redeem", "card bonus-point redemption (CreditRed=1)"));
            case CREATE_SUBSCRIPTION -> List.of(object("period", "the schedule (NDNP PeriodType, PeriodPoint,"
                            + " PeriodStartType, PeriodTimes)",
                    text("type", "D, W, M or Y").asRequired(),
                    text("point", "D: 2-999 days, W: 1-7, M: 01-31, Y: MMDD").asRequired(),
                    integer("startType", "1, 2 or 3").asRequired(),
                    any("times", "1 to 99 periods, or \"NE\" for open-ended")).asRequired());
            default -> List.of();
        };
    }
}
