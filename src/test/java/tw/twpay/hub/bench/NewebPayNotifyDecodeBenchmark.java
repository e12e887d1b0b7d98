package tw.twpay.hub.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import tw.twpay.hub.crypto.AesCbcCipher;
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.sandbox.newebpay.SandboxCodec;
import tw.twpay.hub.crypto.Pkcs7Padding;
import tw.twpay.hub.crypto.Sha256;
import tw.twpay.hub.provider.newebpay.NewebPayPayload;
import tw.twpay.hub.provider.newebpay.NewebPayPayloadParser;
import tw.twpay.hub.provider.newebpay.NewebPayTradeInfoCodec;
import tw.twpay.hub.provider.newebpay.SealedTradeInfo;

/**
 * The work the hub does for every NewebPay NotifyURL call (verify TradeSha, hex-decode, AES-256-CBC decrypt, parse
 * to {@link NewebPayPayload}), measured whole and in parts, with the engine alternatives side by side so
 * BENCHMARKS.md can justify the choices.
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Djmh.args="NewebPayNotifyDecodeBenchmark -f 1 -wi 3 -i 5 -t 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class NewebPayNotifyDecodeBenchmark {

    private static final String HASH_KEY = "Fs5cX1TGqYM2PpdbE14a9H83YQSQF5jn";
    private static final String HASH_IV = "C6AcmfqJILwgnhIP";

    private final MerchantHashKeys keys = MerchantHashKeys.of(HASH_KEY, HASH_IV);
    private final NewebPayTradeInfoCodec codec = new NewebPayTradeInfoCodec(keys);
    private final ObjectMapper treeMapper = new ObjectMapper();

    private final CBCModeCipher bouncyCastleCbc = CBCBlockCipher.newInstance(new AESEngine());
    private final KeyParameter bouncyCastleKey = new KeyParameter(HASH_KEY.getBytes(StandardCharsets.UTF_8));
    private final byte[] ivBytes = HASH_IV.getBytes(StandardCharsets.UTF_8);
    private final SHA256Digest bouncyCastleSha = new SHA256Digest();

    private String tradeInfo;
    private String tradeSha;
    private byte[] tradeShaInput;
    private byte[] ciphertext;
    private byte[] plaintext;
    private byte[] decryptBuffer;

    /**
     * Shaped like a credit-card MPG notify with RespondType=JSON: 28 Result fields (5 of them JSON null, as on a
     * non-DCC, non-bonus-point payment), Chinese escaped as PHP's json_encode does. 610 bytes of JSON, so a
     * 624-byte ciphertext: a little heavier than the ~512 B aimed for, because 30 real field names do not fit in 512.
     */
    static String realisticNotifyJson() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("MerchantID", "MS127874575");
        result.put("Amt", 1280);
        result.put("TradeNo", "23092714215835071");
        result.put("MerchantOrderNo", "SO2309270014");
        result.put("PaymentType", "CREDIT");
        result.put("RespondType", "JSON");
        result.put("PayTime", "2023-09-27 14:21:59");
        result.put("IP", "203.69.12.34");
        result.put("EscrowBank", "HNCB");
        result.put("AuthBank", "KGI");
        result.put("RespondCode", "00");
        result.put("Auth", "115468");
        result.put("Card6No", "400022");
        result.put("Card4No", "1111");
        result.put("Inst", 0);
        result.put("InstFirst", 0);
        result.put("InstEach", 0);
        result.put("ECI", "5");
        result.put("TokenUseStatus", 0);
        result.put("RedAmt", null);
        result.put("PaymentMethod", "CREDIT");
        result.put("DCC_Amt", null);
        result.put("DCC_Rate", null);
        result.put("DCC_Markup", null);
        result.put("DCC_Currency", null);
        result.put("DCC_Currency_Code", 0);
        result.put("CloseStatus", "0");
        result.put("AuthDate", "2023-09-27");
        StringBuilder json = new StringBuilder("{\"Status\":\"SUCCESS\",\"Message\":\"\\u6388\\u6b0a\\u6210\\u529f\",")
                .append("\"Result\":{");
        for (Iterator<Map.Entry<String, Object>> it = result.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> field = it.next();
            json.append('"').append(field.getKey()).append("\":");
            Object value = field.getValue();
            json.append(value == null || value instanceof Number ? String.valueOf(value) : "\"" + value + "\"");
            json.append(it.hasNext() ? "," : "}}");
        }
        return json.toString();
    }

    @Setup
    public void setUp() throws GeneralSecurityException {
        String notifyJson = realisticNotifyJson();
        SealedTradeInfo sealed = new SandboxCodec(keys).sealText(notifyJson);
        tradeInfo = sealed.tradeInfo();
        tradeSha = sealed.tradeSha();
        tradeShaInput = ("HashKey=" + HASH_KEY + "&" + tradeInfo + "&HashIV=" + HASH_IV)
                .getBytes(StandardCharsets.UTF_8);
        ciphertext = HexCodec.decode(tradeInfo);
        plaintext = notifyJson.getBytes(StandardCharsets.UTF_8);
        decryptBuffer = new byte[ciphertext.length];

        // Every alternative must produce the same answer, or the comparison means nothing.
        NewebPayPayload expected = NewebPayPayloadParser.parse(notifyJson);
        require(expected.result().size() == 23, "23 non-null Result fields, got " + expected.result().size());
        require(ciphertext.length == 624, "624-byte ciphertext, got " + ciphertext.length);
        require(codec.verifyAndDecode(tradeInfo, tradeSha).equals(expected), "full decode");
        require(Arrays.equals(Arrays.copyOf(decryptBuffer, aesDecryptJdk()), plaintext), "JDK decrypt");
        require(Arrays.equals(Arrays.copyOf(decryptBuffer, aesDecryptBouncyCastle()), plaintext), "BC decrypt");
        require(Arrays.equals(Arrays.copyOf(decryptBuffer, aesDecryptJdkNewCipherPerCall()), plaintext),
                "JDK decrypt, new cipher");
        require(Arrays.equals(sha256Jdk(), sha256BouncyCastle()), "SHA-256 engines agree");
        require(parseJsonTreeModel().equals(expected), "tree-model parse");
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark set-up check failed: " + what);
        }
    }

    /** The whole notify: constant-time TradeSha check, hex decode, AES-256-CBC decrypt, parse. */
    @Benchmark
    public NewebPayPayload fullNotifyDecode() {
        return codec.verifyAndDecode(tradeInfo, tradeSha);
    }

    @Benchmark
    public boolean tradeShaVerify() {
        return codec.tradeShaMatches(tradeInfo, tradeSha);
    }

    @Benchmark
    public byte[] hexDecode() {
        return HexCodec.decode(tradeInfo);
    }

    /** Production engine: JDK AES/CBC/NoPadding (AES-NI), thread-local Cipher re-initialised per call. */
    @Benchmark
    public int aesDecryptJdk() {
        return AesCbcCipher.decrypt(keys, ciphertext, 0, ciphertext.length, decryptBuffer, 0);
    }

    /** Same, but paying Cipher.getInstance on every call: what the thread-local saves. */
    @Benchmark
    public int aesDecryptJdkNewCipherPerCall() throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HASH_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(ivBytes));
        int written = cipher.doFinal(ciphertext, 0, ciphertext.length, decryptBuffer, 0);
        return Pkcs7Padding.unpaddedLength(decryptBuffer, 0, written);
    }

    /** Alternative: BouncyCastle's pure-Java CBCBlockCipher(AESEngine), re-keyed per call like production would. */
    @Benchmark
    public int aesDecryptBouncyCastle() {
        bouncyCastleCbc.init(false, new ParametersWithIV(bouncyCastleKey, ivBytes));
        bouncyCastleCbc.processBlocks(ciphertext, 0, ciphertext.length / 16, decryptBuffer, 0);
        return Pkcs7Padding.unpaddedLength(decryptBuffer, 0, ciphertext.length);
    }

    @Benchmark
    public byte[] sha256Jdk() {
        return Sha256.digest(tradeShaInput);
    }

    @Benchmark
    public byte[] sha256BouncyCastle() {
        byte[] digest = new byte[32];
        bouncyCastleSha.update(tradeShaInput, 0, tradeShaInput.length);
        bouncyCastleSha.doFinal(digest, 0);
        return digest;
    }

    /** Production parser: Jackson streaming straight into the payload's map. */
    @Benchmark
    public NewebPayPayload parseJsonStreaming() {
        return NewebPayPayloadParser.parse(plaintext, 0, plaintext.length);
    }

    /** Alternative: Jackson tree model, then flatten. */
    @Benchmark
    public NewebPayPayload parseJsonTreeModel() {
        try {
            JsonNode root = treeMapper.readTree(plaintext);
            Map<String, String> result = new LinkedHashMap<>();
            root.path("Result").fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    result.put(field.getKey(), field.getValue().asText());
                }
            });
            return new NewebPayPayload(root.path("Status").asText(), root.path("Message").asText(), result);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
