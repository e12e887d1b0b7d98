package tw.twpay.hub.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

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

import tw.twpay.hub.crypto.AesCbcCipher;
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.provider.flashpay.FlashPayCodec;
import tw.twpay.hub.provider.flashpay.FlashPayEnvelope;
import tw.twpay.hub.provider.flashpay.FlashPayPayload;

/**
 * The work the hub does for every FlashPay notify before the 107 confirmation (verify chk over dat as sent, hex-decode,
 * AES-256-CBC decrypt, parse to {@link FlashPayPayload}), whole and in parts, beside
 * {@link NewebPayNotifyDecodeBenchmark}.
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Djmh.args="FlashPayNotifyDecodeBenchmark -f 1 -wi 3 -i 5 -t 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class FlashPayNotifyDecodeBenchmark {

    // FlashPay's public stage keys (vendor SDKs); any 32/16-byte pair costs the same
    private final MerchantHashKeys keys = MerchantHashKeys.of("U9kmXqjovFsBb1BEuEyPiO03uHGIE1Jr", "V4msmb1cSCBUSLWr");
    private final FlashPayCodec codec = new FlashPayCodec(keys);

    private String dat;
    private String chk;
    private byte[] ciphertext;
    private byte[] decryptBuffer;
    private int plaintextLength;

    /**
     * Shaped like a real notify (the omnipay-flashpay notify vector, with an upper-case dat as the Java SDK writes
     * it): 19 fields, numbers as strings, escaped slashes, a Chinese ret_msg as \\u escapes, ord_time with "+08".
     */
    static final String NOTIFY_JSON = "{\"ver\":\"1.0.0\",\"tx_type\":104,\"mer_id\":\"HT00000002\",\"sto_id\":\"\","
            + "\"order_no\":\"FP2611260600004133\",\"ord_no\":\"BENCH20261126001\",\"ord_time\":\"2026-11-26 06:23:08+08\","
            + "\"ret_code\":\"00\",\"ret_msg\":\"\\u4ea4\\u6613\\u6210\\u529f(Approved or completed successfully)\","
            + "\"purchase_date\":\"2026-11-26 06:23:49\",\"auth_id_resp\":\"952931\",\"amt\":\"0.00\","
            + "\"tx_amt\":\"855.00\",\"tot_pay_amt\":\"0.00\",\"install_period\":\"0\",\"use_redeem\":\"\","
            + "\"return_url\":\"https:\\/\\/pay.example.com\\/callbacks\\/flashpay\\/shop-flashpay\\/notify\","
            + "\"client_url\":\"https:\\/\\/pay.example.com\\/callbacks\\/flashpay\\/shop-flashpay\\/return\","
            + "\"pay_type\":\"1\"}";

    @Setup
    public void setUp() {
        FlashPayEnvelope sealed = codec.seal(NOTIFY_JSON);
        dat = sealed.dat().toUpperCase(java.util.Locale.ROOT);
        chk = FlashPayCodec.chk(dat);
        ciphertext = HexCodec.decode(dat);
        decryptBuffer = new byte[ciphertext.length];
        plaintextLength = AesCbcCipher.decrypt(keys, ciphertext, 0, ciphertext.length, decryptBuffer, 0);
        FlashPayPayload payload = codec.open(dat, chk);
        if (!"855.00".equals(payload.field("tx_amt")) || payload.fields().size() != 19
                || !new String(decryptBuffer, 0, plaintextLength, StandardCharsets.UTF_8).equals(NOTIFY_JSON)) {
            throw new IllegalStateException("the benchmark's notify does not decode as the production path does");
        }
    }

    /** The whole notify decode: chk verify + hex + AES + parse ({@link FlashPayCodec#open}). */
    @Benchmark
    public FlashPayPayload fullNotifyDecode() {
        return codec.open(dat, chk);
    }

    /** SHA-256 over dat as sent, constant-time compare with the received chk. */
    @Benchmark
    public boolean chkVerify() {
        return FlashPayCodec.chkMatches(dat, chk);
    }

    @Benchmark
    public byte[] hexDecode() {
        return HexCodec.decode(dat);
    }

    @Benchmark
    public int aesDecrypt() {
        return AesCbcCipher.decrypt(keys, ciphertext, 0, ciphertext.length, decryptBuffer, 0);
    }

    /** chk verify + hex + AES to text, no parse: fullNotifyDecode less this is the parse. */
    @Benchmark
    public String verifyAndDecryptWithoutParse() {
        return codec.openText(dat, chk);
    }
}
