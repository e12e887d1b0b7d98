package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import tw.twpay.hub.sandbox.newebpay.SandboxCodec;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.crypto.Sha256;

/**
 * Checks every vector in {@code vectors/newebpay.json} byte for byte. Each vector is classified by the inputs and
 * expectations it carries; a vector of a kind this test does not know, or with a member no assertion uses, fails.
 */
class NewebPayPublishedVectorsTest {

    static final String VECTORS_RESOURCE = "/vectors/newebpay.json";

    enum Kind {
        TRADE_INFO, POST_DATA, ENCRYPT_DATA, URL_SEARCH_PARAMS_WITH_BOTH_PADDINGS, CIPHERTEXT_DECRYPT,
        DECRYPT_SAMPLES, CHECK_CODES, CHECKSUM_LAYOUTS
    }

    static JsonNode vectorFile() throws IOException {
        try (InputStream in = NewebPayPublishedVectorsTest.class.getResourceAsStream(VECTORS_RESOURCE)) {
            assertThat(in).as(VECTORS_RESOURCE + " on the test classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVectorMatchesByteForByte() throws IOException {
        JsonNode vectors = vectorFile().path("vectors");
        assertThat(vectors.size()).as("vector count").isGreaterThanOrEqualTo(28);
        return StreamSupport.stream(vectors.spliterator(), false)
                .map(PublishedVector::new)
                .map(vector -> DynamicTest.dynamicTest(vector.id(), () -> {
                    check(vector);
                    vector.assertEveryMemberWasUsed();
                }));
    }

    @Test
    void conventionsAreTheOnesImplemented() throws IOException {
        // A new or reworded convention means the formulas may have changed: review the codecs, then update this.
        JsonNode conventions = vectorFile().path("conventions");
        assertThat(conventions.path("TradeSha").asText())
                .isEqualTo("uppercase hex SHA-256 of \"HashKey=\"+HashKey+\"&\"+TradeInfo+\"&HashIV=\"+HashIV");
        assertThat(conventions.path("CheckValue").asText()).isEqualTo("uppercase SHA-256 of \"IV=\"+HashIV+\"&\""
                + "+sorted(Amt,MerchantID,MerchantOrderNo)+\"&Key=\"+HashKey");
        assertThat(conventions.path("CheckCode").asText()).isEqualTo("uppercase SHA-256 of \"HashIV=\"+HashIV+\"&\""
                + "+sorted(Amt,MerchantID,MerchantOrderNo,TradeNo)+\"&HashKey=\"+HashKey");
        assertThat(conventions.path("padding").asText()).contains("PKCS7 16-byte").contains("1..32");
        assertThat(iterable(conventions.fieldNames()))
                .containsExactlyInAnyOrder("TradeInfo", "TradeSha", "CheckValue", "CheckCode", "padding");
    }

    static Kind kindOf(PublishedVector v) {
        if (v.hasExpected("samples")) {
            return Kind.DECRYPT_SAMPLES;
        }
        if (v.hasInput("ciphertext_hex")) {
            return Kind.CIPHERTEXT_DECRYPT;
        }
        if (v.hasInput("params") && v.hasExpected("TradeInfo_pkcs7_16")) {
            return Kind.URL_SEARCH_PARAMS_WITH_BOTH_PADDINGS;
        }
        if (v.hasInput("plaintext") && v.hasExpected("TradeInfo")) {
            return Kind.TRADE_INFO;
        }
        if (v.hasInput("plaintext") && v.hasExpected("PostData_")) {
            return Kind.POST_DATA;
        }
        if (v.hasExpected("EncryptData_")) {
            return Kind.ENCRYPT_DATA;
        }
        if (v.hasInput("hash_key") && v.hasInput("params")) {
            return Kind.CHECKSUM_LAYOUTS;
        }
        if (v.hasExpected("CheckValue") || v.hasExpected("CheckCode")) {
            return Kind.CHECK_CODES;
        }
        return fail("unrecognised kind of vector %s: inputs %s, expected %s",
                v.id(), v.inputNames(), v.expectedNames());
    }

    private static void check(PublishedVector v) throws Exception {
        switch (kindOf(v)) {
            case TRADE_INFO -> checkTradeInfo(v);
            case POST_DATA -> checkPostData(v);
            case ENCRYPT_DATA -> checkEncryptData(v);
            case URL_SEARCH_PARAMS_WITH_BOTH_PADDINGS -> checkBothPaddings(v);
            case CIPHERTEXT_DECRYPT -> checkCiphertextDecrypt(v);
            case DECRYPT_SAMPLES -> checkDecryptSamples(v);
            case CHECK_CODES -> checkCheckCodes(v);
            case CHECKSUM_LAYOUTS -> checkChecksumLayouts(v);
        }
    }

    /** The gateway's side: reads requests back as text, writes answers as the gateway does. */
    private static SandboxCodec sandboxCodec(PublishedVector v) {
        return new SandboxCodec(MerchantHashKeys.of(v.input("HashKey"), v.input("HashIV")));
    }

    private static NewebPayTradeInfoCodec codec(PublishedVector v) {
        return new NewebPayTradeInfoCodec(MerchantHashKeys.of(v.input("HashKey"), v.input("HashIV")));
    }

    private static void checkTradeInfo(PublishedVector v) {
        SandboxCodec codec = sandboxCodec(v);
        String plaintext = v.input("plaintext");
        String tradeInfo = v.expected("TradeInfo");
        String tradeSha = v.expected("TradeSha");

        assertThat(codec.encryptText(plaintext)).isEqualTo(tradeInfo);
        assertThat(codec.tradeSha(tradeInfo)).isEqualTo(tradeSha);
        assertThat(codec.tradeShaMatches(tradeInfo, tradeSha)).isTrue();
        assertThat(codec.decryptText(tradeInfo)).isEqualTo(plaintext);
        assertFormRoundTrips(plaintext);
        if (v.hasExpected("sha_input")) {
            String shaInput = v.expected("sha_input");
            assertThat("HashKey=" + v.input("HashKey") + "&" + tradeInfo + "&HashIV=" + v.input("HashIV"))
                    .isEqualTo(shaInput);
            assertThat(Sha256.upperHex(shaInput)).isEqualTo(tradeSha);
        }
        if (v.hasInput("MerchantID")) {
            assertThat(NewebPayFormEncoding.decode(plaintext)).containsEntry("MerchantID", v.input("MerchantID"));
        }
    }

    private static void checkPostData(PublishedVector v) {
        SandboxCodec codec = sandboxCodec(v);
        String plaintext = v.input("plaintext");
        String postData = v.expected("PostData_");

        assertThat(codec.encryptText(plaintext)).isEqualTo(postData);
        assertThat(codec.decryptText(postData)).isEqualTo(plaintext);
        if (plaintext.contains("=")) {
            assertFormRoundTrips(plaintext);
        }
        if (v.hasInput("postdata_fields")) {
            Map<String, Object> fields = v.inputFields("postdata_fields");
            assertThat(NewebPayFormEncoding.encode(fields)).isEqualTo(plaintext);
            assertThat(codec.encrypt(fields)).isEqualTo(postData);
        }
        // MerchantID_ travels unencrypted next to PostData_; it is never part of the ciphertext.
        if (v.hasInput("form") || v.hasInput("MerchantID_")) {
            String merchantId = v.hasInput("form")
                    ? v.inputNode("form").path("MerchantID_").asText()
                    : v.input("MerchantID_");
            assertThat(merchantId).isNotBlank();
            assertThat(NewebPayFormEncoding.decode(plaintext)).doesNotContainKey("MerchantID_");
        }
        if (v.hasInput("endpoint")) {
            assertThat(v.input("endpoint")).startsWith("POST https://ccore.newebpay.com/");
        }
    }

    private static void checkEncryptData(PublishedVector v) {
        SandboxCodec codec = sandboxCodec(v);
        SealedTradeInfo sealed;
        String plaintext;
        if (v.hasInput("json")) {
            plaintext = v.input("json");
            sealed = codec.sealText(plaintext);
        } else {
            plaintext = v.input("plaintext");
            Map<String, Object> fields = v.inputFields("fields");
            assertThat(NewebPayFormEncoding.encode(fields)).isEqualTo(plaintext);
            sealed = codec.seal(fields);
        }
        assertThat(sealed.tradeInfo()).isEqualTo(v.expected("EncryptData_"));
        assertThat(sealed.tradeSha()).isEqualTo(v.expected("HashData_"));
        assertThat(codec.decryptText(sealed.tradeInfo())).isEqualTo(plaintext);
        assertThat(v.inputNode("form").path("UID_").asText()).isNotBlank();
        assertThat(v.input("endpoint")).startsWith("POST https://ccore.newebpay.com/API/");
    }

    private static void checkBothPaddings(PublishedVector v) throws Exception {
        SandboxCodec codec = sandboxCodec(v);
        Map<String, Object> params = v.inputFields("params");
        String plaintext = v.input("plaintext_urlsearchparams");
        int utf8Length = plaintext.getBytes(StandardCharsets.UTF_8).length;

        assertThat(NewebPayFormEncoding.encode(params)).isEqualTo(plaintext);
        assertThat(utf8Length).isEqualTo(Integer.parseInt(v.input("plaintext_utf8_len")));
        assertThat(utf8Length % 32).isEqualTo(Integer.parseInt(v.input("len_mod_32")));

        SealedTradeInfo sealed = codec.seal(params);
        assertThat(sealed.tradeInfo()).isEqualTo(v.expected("TradeInfo_pkcs7_16"));
        assertThat(sealed.tradeSha()).isEqualTo(v.expected("TradeSha_pkcs7_16"));

        // What another library padded to 32 bytes must decode and verify just the same, and is what we send when
        // speaking like the gateway's period APIs.
        String pad32TradeInfo = v.expected("TradeInfo_pad32");
        assertThat(codec.encryptTextPaddedTo32(plaintext)).isEqualTo(pad32TradeInfo);
        assertThat(codec.decryptText(pad32TradeInfo)).isEqualTo(plaintext);
        assertThat(codec.tradeSha(pad32TradeInfo)).isEqualTo(v.expected("TradeSha_pad32"));
        assertThat(codec.tradeShaMatches(pad32TradeInfo, v.expected("TradeSha_pad32"))).isTrue();
        assertThat(rawPadByte(v, pad32TradeInfo)).isEqualTo(32 - utf8Length % 32);
        assertThat(pad32TradeInfo.equals(sealed.tradeInfo()))
                .isEqualTo(Boolean.parseBoolean(v.expected("pad32_equals_pkcs7")));
        v.informational("expected", "pad32_produced_by");
    }

    private static void checkCiphertextDecrypt(PublishedVector v) throws Exception {
        SandboxCodec codec = sandboxCodec(v);
        String ciphertext = v.input("ciphertext_hex");
        String decrypted = v.expected("decrypted");

        assertThat(codec.decryptText(ciphertext)).isEqualTo(decrypted);
        assertThat(rawPadByte(v, ciphertext)).isEqualTo(Integer.parseInt(v.expected("padding_byte")));
        NewebPayPayload payload = codec.decode(ciphertext);
        assertThat(payload).isEqualTo(NewebPayPayloadParser.parse(decrypted));
        assertThat(payload.isSuccess()).isTrue();
        assertThat(payload.result()).isNotEmpty();
        assertThat(v.input("post_field")).isEqualTo("Period");
    }

    private static void checkDecryptSamples(PublishedVector v) throws Exception {
        SandboxCodec codec = sandboxCodec(v);
        JsonNode samples = v.expectedNode("samples");
        assertThat(samples.size()).isPositive();
        for (JsonNode sample : samples) {
            assertThat(iterable(sample.fieldNames())).as("members of a decrypt sample")
                    .containsExactlyInAnyOrder("TradeInfo", "decrypted", "padding_byte",
                            "TradeSha_in_test_DOES_NOT_VERIFY");
            String tradeInfo = sample.path("TradeInfo").asText();
            String decrypted = sample.path("decrypted").asText();

            assertThat(codec.decryptText(tradeInfo)).isEqualTo(decrypted);
            assertThat(rawPadByte(v, tradeInfo)).isEqualTo(sample.path("padding_byte").asInt());

            NewebPayPayload payload = codec.decode(tradeInfo);
            Map<String, String> form = NewebPayFormEncoding.decode(decrypted);
            assertThat(payload.status()).isEqualTo(form.get("Status")).isEqualTo("SUCCESS");
            assertThat(payload.message()).isEqualTo(form.get("Message"));
            String resultMerchant = form.getOrDefault("Result[MerchantID]", form.get("MerchantID"));
            assertThat(payload.field("MerchantID")).isEqualTo(resultMerchant);
            assertThat(payload.field("Amt")).isEqualTo("1000");

            // The source warns these signatures were not produced with these keys: they must be rejected.
            String foreignTradeSha = sample.path("TradeSha_in_test_DOES_NOT_VERIFY").asText();
            assertThat(codec.tradeShaMatches(tradeInfo, foreignTradeSha)).isFalse();
            assertThatThrownBy(() -> codec(v).verifyAndDecode(tradeInfo, foreignTradeSha))
                    .isInstanceOf(NewebPayDecodeException.class).hasMessage("TradeSha mismatch");
        }
    }

    private static void checkCheckCodes(PublishedVector v) {
        NewebPayCheckCodes codes = NewebPayCheckCodes.forKeyText(v.input("HashKey"), v.input("HashIV"));
        if (v.hasExpected("CheckValue")) {
            String expected = v.expected("CheckValue");
            Map<String, Object> fields = checkFields(v, "checkvalue_fields", "IV=", "&Key=");
            if (fields == null) {
                checkLegacyCheckValue(v, expected);
            } else {
                assertThat(codes.checkValue(fields)).isEqualTo(expected);
            }
        }
        if (v.hasExpected("CheckCode")) {
            String expected = v.expected("CheckCode");
            Map<String, Object> fields = checkFields(v, "checkcode_fields", "HashIV=", "&HashKey=");
            assertThat(fields).as("CheckCode fields of %s", v.id()).isNotNull();
            assertThat(codes.checkCode(fields)).isEqualTo(expected);
            assertThat(codes.checkCodeMatches(fields, expected)).isTrue();
            assertThat(codes.checkCodeMatches(fields, expected.toLowerCase())).isTrue();
            Map<String, Object> altered = new LinkedHashMap<>(fields);
            altered.put("MerchantID", "X" + fields.get("MerchantID"));
            assertThat(codes.checkCodeMatches(altered, expected)).isFalse();
            if (v.hasInput("response_json")) {
                checkQueryResponse(v, codes, expected);
            }
        }
    }

    /**
     * The fields a check code covers: a dedicated member, else {@code fields}, else parsed out of {@code string}
     * when it has the given layout. Whenever {@code string} is present, it must equal what the codec hashes.
     */
    private static Map<String, Object> checkFields(PublishedVector v, String dedicatedMember,
                                                   String prefixLabel, String suffixLabel) {
        NewebPayCheckCodes codes = NewebPayCheckCodes.forKeyText(v.input("HashKey"), v.input("HashIV"));
        boolean isCheckValue = prefixLabel.equals("IV=");
        Map<String, Object> fields = null;
        if (v.hasInput(dedicatedMember)) {
            fields = v.inputFields(dedicatedMember);
        } else if (v.hasInput("fields")) {
            fields = v.inputFields("fields");
        }
        if (v.hasInput("string")) {
            String prefix = prefixLabel + v.input("HashIV") + "&";
            String suffix = suffixLabel + v.input("HashKey");
            String string = v.input("string");
            if (fields == null && string.startsWith(prefix) && string.endsWith(suffix)) {
                fields = new LinkedHashMap<>(NewebPayFormEncoding.decode(
                        string.substring(prefix.length(), string.length() - suffix.length())));
            }
            if (fields != null) {
                assertThat(isCheckValue ? codes.checkValueInput(fields) : codes.checkCodeInput(fields))
                        .isEqualTo(string);
            }
        }
        return fields;
    }

    /** MPG 1.1/1.2 CheckValue (HashKey first, HashIV last), retired by the gateway: checked as a formula only. */
    private static void checkLegacyCheckValue(PublishedVector v, String expected) {
        String string = v.input("string");
        String prefix = "HashKey=" + v.input("HashKey") + "&";
        String suffix = "&HashIV=" + v.input("HashIV");
        assertThat(string).startsWith(prefix).endsWith(suffix);
        Map<String, String> fields = NewebPayFormEncoding.decode(
                string.substring(prefix.length(), string.length() - suffix.length()));
        assertThat(prefix + NewebPayFormEncoding.encodeSorted(fields) + suffix).isEqualTo(string);
        assertThat(Sha256.upperHex(string)).isEqualTo(expected);
    }

    private static void checkQueryResponse(PublishedVector v, NewebPayCheckCodes codes, String expected) {
        NewebPayPayload response = NewebPayPayloadParser.parse(v.input("response_json"));
        assertThat(response.isSuccess()).isTrue();
        assertThat(response.message()).isEqualTo("查詢成功");
        assertThat(response.field("CheckCode")).isEqualTo(expected);
        assertThat(response.field("Amt")).isEqualTo("30");
        assertThat(response.result()).doesNotContainKeys("ECI", "CloseAmt");
        codes.verifyQueryResponse(response);
        new NewebPayCheckCodes(MerchantHashKeys.of(v.input("HashKey"), v.input("HashIV")))
                .verifyQueryResponse(response);

        Map<String, String> tamperedResult = new LinkedHashMap<>(response.result());
        tamperedResult.put("Amt", "3000");
        NewebPayPayload tampered = new NewebPayPayload(response.status(), response.message(), tamperedResult);
        assertThatThrownBy(() -> codes.verifyQueryResponse(tampered))
                .isInstanceOf(NewebPayDecodeException.class).hasMessage("CheckCode mismatch");
    }

    private static void checkChecksumLayouts(PublishedVector v) {
        String hashKey = v.input("hash_key");
        String hashIv = v.input("hash_iv");
        String params = v.input("params");
        Map<String, String> fields = NewebPayFormEncoding.decode(params);
        assertThat(NewebPayFormEncoding.encodeSorted(fields)).isEqualTo(params);

        String checkCode = NewebPayCheckCodes.forKeyText(hashKey, hashIv).checkCode(fields);
        assertThat(checkCode).isEqualTo(v.expected("CheckCode_HashIV_prefix"));
        // The two look-alike layouts other libraries use hash to something else, so they would never verify.
        String keyFirst = Sha256.upperHex("HashKey=" + hashKey + "&" + params + "&HashIV=" + hashIv);
        String shortLabels = Sha256.upperHex("Key=" + hashKey + "&" + params + "&IV=" + hashIv);
        assertThat(keyFirst).isEqualTo(v.expected("HashKey_prefix_HashIV_suffix")).isNotEqualTo(checkCode);
        assertThat(shortLabels).isEqualTo(v.expected("Key_prefix_IV_suffix")).isNotEqualTo(checkCode);
        v.informational("expected", "note");
    }

    private static void assertFormRoundTrips(String plaintext) {
        assertThat(NewebPayFormEncoding.encode(NewebPayFormEncoding.decode(plaintext))).isEqualTo(plaintext);
    }

    /** The last byte before unpadding, decrypted with the JDK alone so the codec is not its own oracle. */
    private static int rawPadByte(PublishedVector v, String hexCiphertext) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE,
                new SecretKeySpec(v.input("HashKey").getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(v.input("HashIV").getBytes(StandardCharsets.UTF_8)));
        byte[] padded = cipher.doFinal(HexCodec.decode(hexCiphertext));
        return padded[padded.length - 1] & 0xFF;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
