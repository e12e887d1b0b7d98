package tw.twpay.hub.provider.tappay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.config.InvalidConfigurationException;
import tw.twpay.hub.web.RejectedRequestException;

/** AES-GCM sealing of TapPay card secrets: round trip, fresh nonces, bound to the card reference, key checked. */
class TapPayCardVaultTest {

    static TapPayCardVault vault(String key) {
        return new TapPayCardVault(null, new TapPayProperties(Map.of(), null, key, Duration.ofMinutes(2),
                Duration.ofDays(3)));
    }

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void sealedSecretsOpenOnlyForTheirCard() {
        TapPayCardVault vault = vault(KEY);
        String sealed = vault.seal("card-key-secret", "tpcard_1");
        assertThat(sealed).doesNotContain("card-key-secret");
        assertThat(vault.seal("card-key-secret", "tpcard_1")).isNotEqualTo(sealed);
        assertThat(vault.open(sealed, "tpcard_1")).isEqualTo("card-key-secret");
        // moved to another card, or tampered with: it does not open, and the message shows no secret
        assertThatThrownBy(() -> vault.open(sealed, "tpcard_2")).hasMessageNotContaining("card-key-secret");
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(Base64.getEncoder().encodeToString(bytes), "tpcard_1"))
                .isInstanceOf(IllegalStateException.class);
        // another key does not open it
        assertThatThrownBy(() -> vault(Base64.getEncoder().encodeToString(new byte[16])).open(sealed, "tpcard_1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tokenDigestsAreStableAndKeyed() {
        assertThat(vault(KEY).tokenDigest("tok")).isEqualTo(vault(KEY).tokenDigest("tok")).hasSize(64);
        byte[] other = new byte[32];
        java.util.Arrays.fill(other, (byte) 7);
        assertThat(vault(Base64.getEncoder().encodeToString(other)).tokenDigest("tok"))
                .isNotEqualTo(vault(KEY).tokenDigest("tok"));
    }

    @Test
    void theKeyIsCheckedAndNeverShown() {
        assertThatThrownBy(() -> vault("not base64!"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("twpay.providers.tappay.card-secret-key");
        assertThatThrownBy(() -> vault(Base64.getEncoder().encodeToString(new byte[10])))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("16, 24 or 32 bytes");
        assertThatThrownBy(() -> vault(null).requireAvailable()).isInstanceOf(RejectedRequestException.class);
    }
}
