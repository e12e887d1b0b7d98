package tw.twpay.hub.provider.tappay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tw.twpay.hub.api.ProviderFields;
import tw.twpay.hub.events.CanonicalJson;

/** TapPay's details is free text the ERP writes: a card number in it is masked like the description's. */
class TapPayOrdersTest {

    @Test
    void aCardNumberInTheDetailsIsMasked() throws Exception {
        ProviderFields fields = ProviderFields.of(CanonicalJson.mapper().readTree(
                "{\"details\":\"card 4111\\u00a01111\\u00a01111\\u00a01111 exp 12/30\"}"));

        assertThat(TapPayOrders.details(fields, "Annual plan")).isEqualTo("card 411111******1111 exp 12/30");
        assertThat(TapPayOrders.details(ProviderFields.none(), "Annual plan")).isEqualTo("Annual plan");
    }
}
