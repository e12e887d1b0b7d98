package tw.twpay.hub.bench;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
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
import tw.twpay.hub.callback.FormBody;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.SensitiveDataMasker;
import tw.twpay.hub.ledger.WholeTextCardMask;
import tw.twpay.hub.provider.newebpay.NewebPayPayloadParser;
import tw.twpay.hub.provider.newebpay.SealedTradeInfo;
import tw.twpay.hub.sandbox.newebpay.SandboxCodec;

/**
 * Two text steps of every NewebPay notify besides the decode of (a): reading the form body, and masking card numbers
 * in the decrypted payload before it is journalled — each beside the way it was done before session 9 (URLDecoder on
 * every field; the card-number pattern searched over the whole text), with the same answers (checked in setup).
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Djmh.args="CallbackTextBenchmark -f 1 -wi 3 -i 5 -t 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CallbackTextBenchmark {

    /** The notify's form as NewebPay posts it: 1,248 hex characters of TradeInfo, no escapes. */
    private String form;
    /** The decrypted payload as the journal keeps it (its TradeNo is a 17-digit run that fails the Luhn check). */
    private String rawPayload;

    @Setup
    public void setUp() throws GeneralSecurityException {
        String json = NewebPayNotifyDecodeBenchmark.realisticNotifyJson();
        SealedTradeInfo sealed = new SandboxCodec(MerchantHashKeys.of("Fs5cX1TGqYM2PpdbE14a9H83YQSQF5jn",
                "C6AcmfqJILwgnhIP")).sealText(json);
        form = "Status=SUCCESS&MerchantID=MS127874575&Version=2.0&TradeInfo=" + sealed.tradeInfo()
                + "&TradeSha=" + sealed.tradeSha();
        rawPayload = CanonicalJson.toText(NewebPayPayloadParser.parse(json));
        if (!parseForm().equals(parseFormDecodingEveryField())
                || !maskRawPayload().equals(maskRawPayloadSearchingTheWholeText())
                || !maskRawPayload().contains("23092714215835071")) {
            throw new IllegalStateException("the alternatives disagree");
        }
    }

    @Benchmark
    public Map<String, String> parseForm() {
        return FormBody.parse(form);
    }

    @Benchmark
    public Map<String, String> parseFormDecodingEveryField() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : form.split("&")) {
            int equals = field.indexOf('=');
            fields.putIfAbsent(URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Benchmark
    public String maskRawPayload() {
        return SensitiveDataMasker.mask(rawPayload);
    }

    @Benchmark
    public String maskRawPayloadSearchingTheWholeText() {
        return WholeTextCardMask.mask(rawPayload);
    }
}
