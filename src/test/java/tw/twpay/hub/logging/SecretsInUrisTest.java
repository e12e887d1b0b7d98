package tw.twpay.hub.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsInUrisTest {

    @Test
    void masksEveryQueryValueAndTheUserInfoButKeepsTheRestOfTheText() {
        assertThat(SecretsInUris.mask("HTTP 401 Unauthorized from https://bob:pw@erp.example.com/in?token=abc&v=2 (x)"))
                .isEqualTo("HTTP 401 Unauthorized from https://***@erp.example.com/in?token=***&v=*** (x)");
    }

    @Test
    void masksCamelEndpointOptions() {
        assertThat(SecretsInUris.mask("Failed to resolve endpoint: kafka:events?saslJaasConfig=secret due to: x"))
                .isEqualTo("Failed to resolve endpoint: kafka:events?saslJaasConfig=*** due to: x");
    }

    @Test
    void leavesTextWithoutAddressesAlone() {
        assertThat(SecretsInUris.mask("Connection refused")).isEqualTo("Connection refused");
    }
}
