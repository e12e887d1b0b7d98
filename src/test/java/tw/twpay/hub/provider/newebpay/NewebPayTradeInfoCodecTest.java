package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import tw.twpay.hub.sandbox.newebpay.SandboxCodec;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.MerchantHashKeys;

class NewebPayTradeInfoCodecTest {

    private static final String HASH_KEY = "Fs5cX1TGqYM2PpdbE14a9H83YQSQF5jn";
    private static final String HASH_IV = "C6AcmfqJILwgnhIP";
    private static final NewebPayTradeInfoCodec CODEC =
            new NewebPayTradeInfoCodec(MerchantHashKeys.of(HASH_KEY, HASH_IV));
    /** The gateway's side of the same keys, to write notifies as the gateway does. */
    private static final SandboxCodec GATEWAY = new SandboxCodec(MerchantHashKeys.of(HASH_KEY, HASH_IV));

    private static final String NOTIFY_JSON = "{\"Status\":\"SUCCESS\",\"Message\":\"\\u6388\\u6b0a\\u6210\\u529f\","
            + "\"Result\":{\"MerchantID\":\"MS127874575\",\"Amt\":30,\"TradeNo\":\"23092714215835071\","
            + "\"MerchantOrderNo\":\"Vanespl_ec_1695795668\",\"PaymentType\":\"CREDIT\",\"Card6No\":\"400022\","
            + "\"Card4No\":\"1111\",\"ECI\":null,\"PayTime\":\"2023-09-27 14:21:59\"}}";
    private static final String NOTIFY_STRING = "Status=SUCCESS&Message=%E6%8E%88%E6%AC%8A%E6%88%90%E5%8A%9F"
            + "&MerchantID=MS127874575&Amt=30&TradeNo=23092714215835071&MerchantOrderNo=Vanespl_ec_1695795668"
            + "&PaymentType=CREDIT&Card6No=400022&Card4No=1111&PayTime=2023-09-27+14%3A21%3A59";
    private static final String SECRET_IN_PLAINTEXT = "Vanespl_ec_1695795668";

    @Test
    void sealedFieldsVerifyAndDecodeToTheSameFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Status", "SUCCESS");
        fields.put("Message", "授權成功 & done");
        fields.put("Amt", 30);
        fields.put("ItemDesc", "a b+c=d");

        SealedTradeInfo sealed = CODEC.seal(fields);
        NewebPayPayload payload = CODEC.verifyAndDecode(sealed.tradeInfo(), sealed.tradeSha());

        assertThat(sealed.tradeInfo()).matches("[0-9a-f]+");
        assertThat(sealed.tradeSha()).matches("[0-9A-F]{64}");
        assertThat(payload.status()).isEqualTo("SUCCESS");
        assertThat(payload.message()).isEqualTo("授權成功 & done");
        assertThat(payload.result()).containsExactly(Map.entry("Amt", "30"), Map.entry("ItemDesc", "a b+c=d"));
    }

    @Test
    void jsonAndStringRespondTypesDecodeToTheSamePayload() {
        SealedTradeInfo json = GATEWAY.sealText(NOTIFY_JSON);
        SealedTradeInfo string = GATEWAY.sealText(NOTIFY_STRING);

        NewebPayPayload fromJson = CODEC.verifyAndDecode(json.tradeInfo(), json.tradeSha());
        NewebPayPayload fromString = CODEC.verifyAndDecode(string.tradeInfo(), string.tradeSha());

        assertThat(fromJson).isEqualTo(fromString);
        assertThat(fromJson.message()).isEqualTo("授權成功");
        assertThat(fromJson.field("Amt")).isEqualTo("30");
        assertThat(fromJson.result()).doesNotContainKey("ECI").hasSize(8);
    }

    @Test
    void lowerCaseTradeShaIsTheSameSignature() {
        SealedTradeInfo sealed = GATEWAY.sealText(NOTIFY_JSON);

        assertThat(CODEC.verifyAndDecode(sealed.tradeInfo(), sealed.tradeSha().toLowerCase()).isSuccess()).isTrue();
    }

    @Test
    void wrongTradeShaIsRejected() {
        SealedTradeInfo sealed = GATEWAY.sealText(NOTIFY_JSON);
        String otherSha = GATEWAY.sealText(NOTIFY_STRING).tradeSha();

        assertThat(CODEC.tradeShaMatches(sealed.tradeInfo(), otherSha)).isFalse();
        assertDecodeFails(() -> CODEC.verifyAndDecode(sealed.tradeInfo(), otherSha), "TradeSha mismatch");
        assertDecodeFails(() -> CODEC.verifyAndDecode(sealed.tradeInfo(), "not hex"), "TradeSha mismatch");
        assertDecodeFails(() -> CODEC.verifyAndDecode(sealed.tradeInfo(), ""), "TradeSha is missing");
    }

    @Test
    void tradeShaSignedWithOtherKeysIsRejected() {
        NewebPayTradeInfoCodec otherMerchant = new NewebPayTradeInfoCodec(
                MerchantHashKeys.of("12345678901234567890123456789012", "1234567890123456"));
        String tradeInfo = CODEC.encryptText(NOTIFY_JSON);

        assertDecodeFails(() -> CODEC.verifyAndDecode(tradeInfo, otherMerchant.tradeSha(tradeInfo)),
                "TradeSha mismatch");
    }

    @Test
    void everySingleHexCharacterFlipAfterSigningIsCaught() {
        SealedTradeInfo sealed = GATEWAY.sealText(NOTIFY_JSON);
        String tradeInfo = sealed.tradeInfo();
        for (int i = 0; i < tradeInfo.length(); i++) {
            char[] altered = tradeInfo.toCharArray();
            altered[i] = altered[i] == '0' ? '1' : '0';
            String tampered = new String(altered);

            assertDecodeFails(() -> CODEC.verifyAndDecode(tampered, sealed.tradeSha()), "TradeSha mismatch");
        }
    }

    @Test
    void flippingTheLastBlockWithoutASignatureFailsThePaddingCheck() {
        String tradeInfo = CODEC.encryptText(NOTIFY_JSON);
        char[] altered = tradeInfo.toCharArray();
        int inLastBlock = altered.length - 3;
        altered[inLastBlock] = altered[inLastBlock] == 'a' ? 'b' : 'a';

        // Deterministic for this input: the garbled last block does not end in a valid pad.
        assertDecodeFails(() -> CODEC.decode(new String(altered)),
                "TradeInfo has bad padding (wrong HashKey/HashIV or altered ciphertext)");
    }

    @Test
    void oddLengthTradeInfoIsRejectedEvenWhenSigned() {
        String oddLength = CODEC.encryptText(NOTIFY_JSON) + "a";

        assertDecodeFails(() -> CODEC.verifyAndDecode(oddLength, CODEC.tradeSha(oddLength)),
                "TradeInfo has odd length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "0g", " a", "\uFF10\uFF10", "藍新"})
    void nonHexTradeInfoIsRejectedEvenWhenSigned(String badPair) {
        String notHex = CODEC.encryptText(NOTIFY_JSON).substring(2) + badPair;

        assertDecodeFails(() -> CODEC.verifyAndDecode(notHex, CODEC.tradeSha(notHex)), "TradeInfo is not hex");
    }

    @Test
    void tradeInfoThatIsNotWholeBlocksIsRejected() {
        String thirtyHexBytes = "ab".repeat(30);

        assertDecodeFails(() -> CODEC.verifyAndDecode(thirtyHexBytes, CODEC.tradeSha(thirtyHexBytes)),
                "TradeInfo is not a whole number of 16-byte AES blocks");
    }

    @Test
    void missingTradeInfoIsRejected() {
        assertDecodeFails(() -> CODEC.verifyAndDecode(null, "AB"), "TradeInfo is missing");
        assertDecodeFails(() -> CODEC.decode(""), "TradeInfo is missing");
    }

    @Test
    void padByteZeroIsBadPadding() throws Exception {
        assertSignedCiphertextHasBadPadding(pad(NOTIFY_JSON, 16, 0));
    }

    @Test
    void padLongerThan32IsBadPadding() throws Exception {
        assertSignedCiphertextHasBadPadding(pad(NOTIFY_JSON, 48, 48));
    }

    @Test
    void unequalPadBytesAreBadPadding() throws Exception {
        byte[] padded = pad(NOTIFY_JSON, 32, 32);
        padded[padded.length - 20] = 31;
        assertSignedCiphertextHasBadPadding(padded);
    }

    @Test
    void aPadOf32FromTheRecurringApisIsAccepted() throws Exception {
        String tradeInfo = HexCodec.encodeLower(encryptExactly(pad(NOTIFY_JSON, 32, 32)));

        assertThat(CODEC.verifyAndDecode(tradeInfo, CODEC.tradeSha(tradeInfo)))
                .isEqualTo(NewebPayPayloadParser.parse(NOTIFY_JSON));
    }

    @Test
    void decryptedTextThatIsNotJsonDoesNotLeakIntoTheMessage() {
        String tradeInfo = CODEC.encryptText("{\"Status\":\"SUCCESS\",\"Result\":{\"MerchantOrderNo\":\""
                + SECRET_IN_PLAINTEXT + "\" oops}}");

        assertDecodeFails(() -> CODEC.decode(tradeInfo), "payload is not valid JSON");
    }

    @Test
    void toStringNeverPrintsTheKeys() {
        assertThat(CODEC.toString()).doesNotContain(HASH_KEY).doesNotContain(HASH_IV);
    }

    private static void assertSignedCiphertextHasBadPadding(byte[] padded) throws Exception {
        String tradeInfo = HexCodec.encodeLower(encryptExactly(padded));
        assertDecodeFails(() -> CODEC.verifyAndDecode(tradeInfo, CODEC.tradeSha(tradeInfo)),
                "TradeInfo has bad padding (wrong HashKey/HashIV or altered ciphertext)");
    }

    private static void assertDecodeFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable decoding,
                                          String reason) {
        Throwable failure = catchThrowable(decoding);
        assertThat(failure).isInstanceOf(NewebPayDecodeException.class).hasMessage(reason);
        // Nothing secret anywhere in the chain either, since loggers print causes.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage()))
                    .doesNotContain(HASH_KEY).doesNotContain(HASH_IV).doesNotContain(SECRET_IN_PLAINTEXT);
        }
    }

    /** The UTF-8 text followed by {@code padLength} bytes of {@code padByte}; the text length is chosen to align. */
    private static byte[] pad(String text, int padLength, int padByte) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        int aligned = ((data.length + padLength + 15) / 16) * 16;
        byte[] padded = Arrays.copyOf(data, aligned);
        // Fill the gap between the text and the pad with JSON whitespace so the plaintext stays parseable.
        Arrays.fill(padded, data.length, aligned - padLength, (byte) ' ');
        Arrays.fill(padded, aligned - padLength, aligned, (byte) padByte);
        return padded;
    }

    private static byte[] encryptExactly(byte[] blockAligned) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HASH_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(HASH_IV.getBytes(StandardCharsets.UTF_8)));
        return cipher.doFinal(blockAligned);
    }

    @Test
    void assertDecodeFailsItselfNoticesALeak() {
        // Guards the guard: a message quoting the plaintext must fail the leak check above.
        assertThatThrownBy(() -> assertDecodeFails(() -> {
            throw new NewebPayDecodeException(SECRET_IN_PLAINTEXT);
        }, SECRET_IN_PLAINTEXT)).isInstanceOf(AssertionError.class);
    }
}
