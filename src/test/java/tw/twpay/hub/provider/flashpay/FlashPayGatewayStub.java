package tw.twpay.hub.provider.flashpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import tw.twpay.hub.events.CanonicalJson;

/** FlashPay's querytrade.php played by WireMock: answers sealed the gateway's way, requests opened again. */
record FlashPayGatewayStub(WireMockServer server) {

    static final String QUERY_PATH = "/querytrade.php";
    /** FlashPay's own order number (order_no) in {@link #queryAnswer}; a notify of the same trade names it too. */
    static final String FLASHPAY_ORDER_NO = "FP2611260900001795";
    /** The FlashPay order time in {@link #queryAnswer}; a notify of the same trade names it too. */
    static final String ORDER_TIME = "2026-11-26 11:38:38+08";

    /**
     * The manual's genuine 107 answer (seed 004 §8, ord_no 269201, order_status 12, no tx_amt, no order_no), as printed
     * but for two repairs of the print: a page break cut the object after ord_time (a stray "}" and a code-fence
     * break), and the comma after ret_msg is missing.
     */
    static final String MANUAL_107_ANSWER = """
            {
              "ver": "1.0.0",
              "mer_id": "HT00000001",
              "tx_type": "107",
              "tot_pay_amt": "0.00",
              "tot_ret_amt": "0.00",
              "can_pay_amt": "0.00",
              "can_ret_amt": "0.00",
              "ord_no": "269201",
              "ord_time": "2022-04-15 16:46:50+08",
            "order_status": "12",
            "ret_code": "00",
            "ret_msg": "交易成功(Approved or completed successfully)",
            "service_fee": "0.00",
            "refund_service_fee": "0.00"
            }
            """;

    /** The manual's genuine cancel answer (seed 004 §7, ord_no 10329, mer_id HT000000001), exactly as printed. */
    static final String MANUAL_CANCEL_ANSWER = "{    \"ver\": \"1.0.0\",    \"mer_id\": \"HT000000001\",    "
            + "\"tx_type\": \"8\",    \"tot_pay_amt\": \"0.00\",    \"tot_ret_amt\": \"0.00\",    "
            + "\"can_pay_amt\": \"0.00\",    \"can_ret_amt\": \"0.00\",    \"ord_no\": \"10329\",    "
            + "\"ord_time\": \"2022-04-15 16:46:50+08\",    \"order_status\": \"12\",    \"ret_code\": \"00\",    "
            + "\"ret_msg\": \"交易成功(Approved or completed successfully)\"  }";

    /**
     * The manual's genuine 106 answer (seed 004 §8 多筆訂單查詢: merchant D061, ord_no 269242 of 500.00 and 269241 of
     * 500.98, both 04), byte for byte as printed ({@code vectors/flashpay-manual-106-answer.txt}: the lines of its
     * code blocks, trailing spaces and blank lines kept, the page break's code fences left out) but for one repair of
     * the print: the list's closing "]" is printed as a "}" (the example ends in "}}" where "]}" belongs).
     */
    static final String MANUAL_106_ANSWER = manual106Answer();

    /** The stage keys the vendor's SDKs publish, which the manual's examples are sealed with here. */
    private static final String STAGE_HASH_KEY = "U9kmXqjovFsBb1BEuEyPiO03uHGIE1Jr";
    private static final String STAGE_HASH_IV = "V4msmb1cSCBUSLWr";

    /**
     * A merchant of one of the manual's own examples, under the mer_id the example names so that its answer goes
     * through verbatim, with the stage keys and querytrade.php played by {@code server}.
     */
    static void manualMerchant(DynamicPropertyRegistry registry, String alias, String merchantId,
                               WireMockServer server) {
        String key = "twpay.providers.flashpay.merchants." + alias;
        registry.add(key + ".merchant-id", () -> merchantId);
        registry.add(key + ".hash-key", () -> STAGE_HASH_KEY);
        registry.add(key + ".hash-iv", () -> STAGE_HASH_IV);
        registry.add(key + ".environment", () -> "production");
        registry.add(key + ".query-base-url", () -> "http://localhost:" + server.port());
    }

    private static String manual106Answer() {
        try (InputStream in = FlashPayGatewayStub.class.getResourceAsStream("/vectors/flashpay-manual-106-answer.txt")) {
            String printed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int misprint = printed.lastIndexOf("}}");
            return printed.substring(0, misprint) + "]}" + printed.substring(misprint + 2);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code ver=1.0.0&dat=..&chk=..} of this JSON, dat in upper-case hex as FlashPay's Java stack writes it. */
    static String sealedAnswer(FlashPayMerchant merchant, String json) {
        String dat = merchant.codec().seal(json).dat().toUpperCase(Locale.ROOT);
        return "ver=1.0.0&dat=" + dat + "&chk=" + FlashPayCodec.chk(dat);
    }

    static Map<String, String> notifyForm(FlashPayMerchant merchant, String json) {
        String dat = merchant.codec().seal(json).dat();
        return Map.of("ver", "1.0.0", "dat", dat, "chk", FlashPayCodec.chk(dat));
    }

    static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    void answers(FlashPayMerchant merchant, String json) {
        server.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=UTF-8").withBody(sealedAnswer(merchant, json))));
    }

    void answersPlain(int status, String body) {
        server.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** A 107 answer shaped like the manual's table, about the trade {@link #FLASHPAY_ORDER_NO}. */
    static String queryAnswer(FlashPayMerchant merchant, String orderNo, String orderStatus, String txAmt,
                              String totPay, String totRet) {
        return queryAnswer(merchant, orderNo, FLASHPAY_ORDER_NO, ORDER_TIME, orderStatus, txAmt, totPay, totRet);
    }

    /** The same about a trade of FlashPay's order_no and ord_time given. */
    static String queryAnswer(FlashPayMerchant merchant, String orderNo, String flashPayOrderNo, String orderTime,
                              String orderStatus, String txAmt, String totPay, String totRet) {
        return """
                {"ver":"1.0.0","mer_id":"%s","tx_type":"107","tx_amt":"%s","tot_pay_amt":"%s","tot_ret_amt":"%s",\
                "can_pay_amt":"0.00","can_ret_amt":"0.00","order_no":"%s","ord_no":"%s",\
                "ord_time":"%s","order_status":"%s","ret_code":"00",\
                "ret_msg":"交易成功(Approved or completed successfully)","service_fee":"0.00","refund_service_fee":"0.00",\
                "pay_type":"1"}""".formatted(merchant.merchantId(), txAmt, totPay, totRet, flashPayOrderNo, orderNo,
                orderTime, orderStatus);
    }

    /** The requests querytrade.php received, each opened: {"ver","mid","dat","key","chk"} and the JSON inside. */
    List<JsonNode> receivedQueries(FlashPayMerchant merchant) {
        return server.findAll(postRequestedFor(urlEqualTo(QUERY_PATH))).stream().map(request -> {
            try {
                JsonNode envelope = CanonicalJson.mapper().readTree(request.getBodyAsString());
                String json = merchant.codec().openText(envelope.path("dat").asText(), envelope.path("chk").asText());
                if (!merchant.codec().key(json).equals(envelope.path("key").asText())
                        || !merchant.merchantId().equals(envelope.path("mid").asText())
                        || !"1.0.0".equals(envelope.path("ver").asText())) {
                    throw new AssertionError("querytrade.php got an envelope that does not fit its JSON");
                }
                return CanonicalJson.mapper().readTree(json);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
