package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.events.CanonicalJson;

class NewebPayPayloadTest {

    private static final String[] TEXT = {"SUCCESS", "授權成功", "a\"quoted\" word", "back\\slash", "line\nbreak",
        "control\u0001char", "emoji \uD83D\uDCB3", "</script>", "", " ", "ünïcödé", "4000221111111111"};

    /**
     * The journal's raw payload written directly is what the canonical JSON mapper wrote for the record (the form
     * journalled before): field order, escapes, left-out nulls and the {@code success} member included.
     */
    @Test
    void writesWhatTheCanonicalMapperWrites() {
        Random random = new Random(20261127);
        for (int i = 0; i < 5_000; i++) {
            Map<String, String> result = new LinkedHashMap<>();
            int fields = random.nextInt(30);
            for (int f = 0; f < fields; f++) {
                result.put(f % 7 == 3 ? TEXT[random.nextInt(TEXT.length)] : "Field" + f,
                        random.nextInt(10) == 0 ? null : TEXT[random.nextInt(TEXT.length)] + random.nextInt(100));
            }
            NewebPayPayload payload = new NewebPayPayload(random.nextBoolean() ? "SUCCESS" : "TRA10021",
                    random.nextInt(4) == 0 ? null : TEXT[random.nextInt(TEXT.length)], result);
            assertThat(payload.toJson()).isEqualTo(CanonicalJson.toText(payload));
        }
    }

    @Test
    void aParsedNotifyIsWrittenAsTheMapperWroteIt() {
        NewebPayPayload parsed = NewebPayPayloadParser.parse("{\"Status\":\"SUCCESS\",\"Message\":\"授權成功\","
                + "\"Result\":{\"MerchantID\":\"MS1\",\"Amt\":30,\"Gone\":null,\"PayTime\":\"2026-11-27 10:00:00\"}}");
        assertThat(parsed.toJson()).isEqualTo(CanonicalJson.toText(parsed))
                .isEqualTo("{\"status\":\"SUCCESS\",\"message\":\"授權成功\",\"result\":{\"MerchantID\":\"MS1\","
                        + "\"Amt\":\"30\",\"PayTime\":\"2026-11-27 10:00:00\"},\"success\":true}");
    }
}
