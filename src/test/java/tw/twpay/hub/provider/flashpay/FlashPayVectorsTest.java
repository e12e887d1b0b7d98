package tw.twpay.hub.provider.flashpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.crypto.Sha256;

/**
 * Every vector of {@code vectors/flashpay.json} is a test, byte for byte: requests are sealed to the same dat, key
 * and chk; notifies verify and open to the same JSON. A vector of a kind this test does not know fails.
 */
class FlashPayVectorsTest {

    static final String RESOURCE = "/vectors/flashpay.json";
    private static final Path SHARED_ORIGINAL = Path.of("..", "shared", "vectors", "flashpay.json");

    static JsonNode vectors() throws IOException {
        try (InputStream in = FlashPayVectorsTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE + " on the test classpath").isNotNull();
            return new ObjectMapper().readTree(in).path("vectors");
        }
    }

    static FlashPayCodec codecOf(JsonNode vector) {
        JsonNode inputs = vector.path("inputs");
        return new FlashPayCodec(MerchantHashKeys.of(inputs.path("HashKey").asText(), inputs.path("HashIV").asText()));
    }

    @TestFactory
    Stream<DynamicTest> everyVector() throws IOException {
        JsonNode vectors = vectors();
        assertThat(vectors.size()).as("vector count").isEqualTo(3);
        return StreamSupport.stream(vectors.spliterator(), false)
                .map(vector -> DynamicTest.dynamicTest(vector.path("id").asText(), () -> check(vector)));
    }

    private static void check(JsonNode vector) {
        JsonNode expected = vector.path("expected");
        if (expected.has("dat") && expected.has("key")) {
            checkRequest(vector);
        } else if (expected.has("post_fields")) {
            checkNotify(vector);
        } else {
            throw new AssertionError("vector " + vector.path("id").asText() + " is of a kind this test does not know");
        }
    }

    /** A request: the JSON seals to exactly the published dat (lower-case hex), key and chk. */
    private static void checkRequest(JsonNode vector) {
        JsonNode expected = vector.path("expected");
        String json = vector.path("inputs").path("json_plaintext").asText();
        if (vector.path("inputs").has("json_utf8_bytes")) {
            assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(vector.path("inputs").path("json_utf8_bytes").asInt());
        }
        FlashPayCodec codec = codecOf(vector);
        FlashPayEnvelope sealed = codec.seal(json);
        assertThat(sealed.dat()).isEqualTo(expected.path("dat").asText());
        assertThat(sealed.key()).isEqualTo(expected.path("key").asText());
        assertThat(codec.key(json)).isEqualTo(expected.path("key").asText());
        assertThat(sealed.chk()).isEqualTo(expected.path("chk").asText());
        // and it opens again to the same JSON, fields read as their written text
        assertThat(codec.openText(sealed.dat(), sealed.chk())).isEqualTo(json);
        FlashPayPayload payload = codec.open(sealed.dat(), sealed.chk());
        assertThat(payload.field("tx_type")).isEqualTo("101");
        assertThat(payload.field("cur")).isEqualTo("NTD");
        assertThat(payload.field("return_url")).startsWith("http").doesNotContain("\\/");
    }

    /** A notify: chk verifies over the posted dat, and dat opens to the published JSON. */
    private static void checkNotify(JsonNode vector) {
        JsonNode post = vector.path("expected").path("post_fields");
        String dat = post.path("dat").asText();
        String chk = post.path("chk").asText();
        String json = vector.path("inputs").path("json_plaintext").asText();
        FlashPayCodec codec = codecOf(vector);
        assertThat(FlashPayCodec.chk(dat)).isEqualTo(chk);
        assertThat(codec.openText(dat, chk)).isEqualTo(json);
        FlashPayPayload payload = codec.open(dat, chk);
        assertThat(payload.field("ret_msg")).isEqualTo("交易成功(Approved or completed successfully");
        assertThat(payload.field("tx_amt")).isEqualTo("100.00");
        assertThat(payload.field("amt")).isEqualTo("0.00");
        assertThat(payload.field("return_url")).isEqualTo("https://fl-pay.com/return_url");
        assertThat(vector.path("expected").path("merchant_reply_body").asText()).isEqualTo(FlashPay.ACKNOWLEDGEMENT);
        // what the hub would seal for the same JSON is the same dat: the vector is an envelope of that JSON only
        assertThat(codec.seal(json).dat()).isEqualTo(dat);
    }

    @Test
    void chkOfUpperCaseDatIsVerifiedOverTheDatAsSentAndDecodes() throws IOException {
        JsonNode vector = vectors().get(0);
        FlashPayCodec codec = codecOf(vector);
        String upperDat = vector.path("expected").path("dat").asText().toUpperCase(Locale.ROOT);
        String upperChk = HexCodec.encodeUpper(Sha256.digest(upperDat.getBytes(StandardCharsets.US_ASCII)));

        // the chk of the lower-case dat does not fit the upper-case one: chk is over dat verbatim
        assertThat(FlashPayCodec.chkMatches(upperDat, vector.path("expected").path("chk").asText())).isFalse();
        assertThat(FlashPayCodec.chkMatches(upperDat, upperChk)).isTrue();
        // chk itself may come in either case
        assertThat(FlashPayCodec.chkMatches(upperDat, upperChk.toLowerCase(Locale.ROOT))).isTrue();
        assertThat(codec.openText(upperDat, upperChk)).isEqualTo(vector.path("inputs").path("json_plaintext").asText());
    }

    @Test
    void refusalsNameTheCheckNeverTheData() throws IOException {
        JsonNode vector = vectors().get(2);
        FlashPayCodec codec = codecOf(vector);
        String dat = vector.path("expected").path("post_fields").path("dat").asText();
        String chk = vector.path("expected").path("post_fields").path("chk").asText();
        char last = dat.charAt(dat.length() - 1);
        String altered = dat.substring(0, dat.length() - 1) + (last == '0' ? '1' : '0');

        assertThatThrownBy(() -> codec.open(altered, chk)).hasMessage("chk mismatch");
        assertThatThrownBy(() -> codec.open(dat, "")).hasMessage("chk is missing");
        assertThatThrownBy(() -> codec.open(null, chk)).hasMessage("dat is missing");
        assertThatThrownBy(() -> codec.open(dat, "Z".repeat(64))).hasMessage("chk mismatch");
        // a consistent chk over altered ciphertext: the padding (or JSON) check refuses it
        assertThatThrownBy(() -> codec.open(altered, FlashPayCodec.chk(altered)))
                .isInstanceOf(FlashPayDecodeException.class)
                .hasMessageNotContaining(altered.substring(0, 16));
        assertThatThrownBy(() -> codec.open(dat.substring(2), FlashPayCodec.chk(dat.substring(2))))
                .hasMessage("dat is not a whole number of 16-byte AES blocks");
        assertThatThrownBy(() -> codec.open(dat.substring(1), FlashPayCodec.chk(dat.substring(1))))
                .hasMessage("dat has odd length");
        assertThatThrownBy(() -> codec.open("zz" + dat.substring(2), FlashPayCodec.chk("zz" + dat.substring(2))))
                .hasMessage("dat is not hex");
        // another merchant's keys: bad padding or not JSON, never a payload
        FlashPayCodec other = codecOf(vectors().get(0));
        assertThatThrownBy(() -> other.open(dat, chk)).isInstanceOf(FlashPayDecodeException.class)
                .satisfies(e -> assertThat(Set.of("dat has bad padding (wrong HashKey/HashIV or altered ciphertext)",
                        "dat is not a JSON object")).contains(e.getMessage()));
    }

    @Test
    void copyIsIdenticalToTheSharedOriginal() throws IOException {
        assumeTrue(Files.isRegularFile(SHARED_ORIGINAL), "no shared vectors at " + SHARED_ORIGINAL.toAbsolutePath());
        try (InputStream in = getClass().getResourceAsStream(RESOURCE)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(SHARED_ORIGINAL));
        }
    }
}
