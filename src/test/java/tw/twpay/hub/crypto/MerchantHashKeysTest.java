package tw.twpay.hub.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tw.twpay.hub.crypto.CryptoTestKeys.HASH_IV;
import static tw.twpay.hub.crypto.CryptoTestKeys.HASH_KEY;

import org.junit.jupiter.api.Test;

class MerchantHashKeysTest {

    @Test
    void acceptsA32ByteKeyAndA16ByteIv() {
        MerchantHashKeys keys = MerchantHashKeys.of(HASH_KEY, HASH_IV);

        assertThat(keys.hashKey()).isEqualTo(HASH_KEY);
        assertThat(keys.hashIv()).isEqualTo(HASH_IV);
    }

    @Test
    void shortHashKeyIsNamedButNotQuoted() {
        String shortKey = HASH_KEY.substring(1);
        assertThatThrownBy(() -> MerchantHashKeys.of(shortKey, HASH_IV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HashKey must be 32 bytes in UTF-8 but is 31 bytes")
                .message().doesNotContain(shortKey).doesNotContain(HASH_IV);
    }

    @Test
    void longHashIvIsNamedButNotQuoted() {
        String longIv = HASH_IV + "X";
        assertThatThrownBy(() -> MerchantHashKeys.of(HASH_KEY, longIv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HashIV must be 16 bytes in UTF-8 but is 17 bytes")
                .message().doesNotContain(longIv).doesNotContain(HASH_KEY);
    }

    @Test
    void lengthIsCountedInUtf8BytesNotCharacters() {
        String sixteenCharactersEighteenBytes = "藍" + HASH_IV.substring(1);
        assertThatThrownBy(() -> MerchantHashKeys.of(HASH_KEY, sixteenCharactersEighteenBytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HashIV must be 16 bytes in UTF-8 but is 18 bytes");
    }

    @Test
    void missingValuesAreNamed() {
        assertThatThrownBy(() -> MerchantHashKeys.of(null, HASH_IV)).hasMessage("HashKey is missing");
        assertThatThrownBy(() -> MerchantHashKeys.of(HASH_KEY, "")).hasMessage("HashIV is missing");
    }

    @Test
    void toStringNeverPrintsTheSecrets() {
        assertThat(MerchantHashKeys.of(HASH_KEY, HASH_IV).toString())
                .doesNotContain(HASH_KEY).doesNotContain(HASH_IV).contains("redacted");
    }

    @Test
    void equalKeysAreEqual() {
        assertThat(MerchantHashKeys.of(HASH_KEY, HASH_IV))
                .isEqualTo(MerchantHashKeys.of(HASH_KEY, HASH_IV))
                .hasSameHashCodeAs(MerchantHashKeys.of(HASH_KEY, HASH_IV))
                .isNotEqualTo(MerchantHashKeys.of(HASH_KEY, "1234567890123456"));
    }
}
