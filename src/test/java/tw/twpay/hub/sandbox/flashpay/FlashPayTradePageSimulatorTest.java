package tw.twpay.hub.sandbox.flashpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.callback.FormBody;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.provider.flashpay.FlashPayCodec;
import tw.twpay.hub.provider.flashpay.FlashPayEnvelope;
import tw.twpay.hub.provider.flashpay.FlashPayEnvironment;
import tw.twpay.hub.provider.flashpay.FlashPayPayload;
import tw.twpay.hub.provider.flashpay.FlashPayProperties;

/**
 * The FlashPay simulator against the manual rather than the hub: the manual's genuine trade request (vector
 * spec-request-example, ord_time "2022/05/27 10:13:10") is accepted, amounts in yuan and cents are taken, and
 * querytrade.php answers list only the fields the manual lists. The simulator's beans are driven directly: the
 * genuine request's return_url is the shop's real address, so its notify is caught instead of sent.
 */
class FlashPayTradePageSimulatorTest {

    private static final String HASH_KEY = "U9kmXqjovFsBb1BEuEyPiO03uHGIE1Jr";
    private static final String HASH_IV = "V4msmb1cSCBUSLWr";
    private static final String MID = "HT00000002";
    /** The fields of a 107 answer (manual §8, FlashPay's order_no as flashpay.md adds): no auth_id_resp, install_period. */
    private static final String[] QUERY_FIELDS = {"ver", "mer_id", "tx_type", "tx_amt", "tot_pay_amt", "tot_ret_amt",
            "can_pay_amt", "can_ret_amt", "order_no", "ord_no", "ord_time", "order_status", "pay_type", "service_fee",
            "refund_service_fee", "ret_code", "ret_msg"};
    /** The fields of a cancel answer (manual §7). */
    private static final String[] CANCEL_FIELDS = {"ver", "mer_id", "tx_type", "amt", "tot_pay_amt", "tot_ret_amt",
            "can_pay_amt", "can_ret_amt", "ord_no", "ord_time", "order_status", "pay_type", "ret_code", "ret_msg"};

    /** Keeps the notifies the simulator would post, answering 1|OK for the shop. */
    static final class CaughtNotifies extends FlashPayNotifySender {
        final List<URI> returnUrls = new ArrayList<>();
        final List<Map<String, String>> forms = new ArrayList<>();

        @Override
        String post(URI returnUrl, Map<String, String> form) {
            returnUrls.add(returnUrl);
            forms.add(form);
            return "1|OK";
        }
    }

    private final FlashPayCodec codec = new FlashPayCodec(MerchantHashKeys.of(HASH_KEY, HASH_IV));
    private final FlashPaySandboxEnvelope envelope = new FlashPaySandboxEnvelope(new FlashPaySandboxMerchants(
            new FlashPayProperties(Map.of("shop-flashpay", new FlashPayProperties.Merchant(MID, HASH_KEY, HASH_IV,
                    FlashPayEnvironment.SANDBOX, null, null, null),
                    // the merchant of vector php-sdk-style-order (stage keys of the vendor's PHP SDK)
                    "php-sdk", new FlashPayProperties.Merchant("HT00000003", "hULtXjAWIHP6QDhLK1Oxp7Mi47MtPJwg",
                            "JX3YbUmQYZm6ZTAZ", FlashPayEnvironment.SANDBOX, null, null, null)),
                    null, null, null, null)));
    private final SimulatedFlashPayTrades trades = new SimulatedFlashPayTrades();
    private final CaughtNotifies notifies = new CaughtNotifies();
    private final FlashPayTradePageSimulator tradePage = new FlashPayTradePageSimulator(envelope, trades, notifies,
            Clock.fixed(Instant.parse("2022-05-27T02:13:40Z"), ZoneOffset.UTC));
    private final FlashPayQueryTradeSimulator queryTrade = new FlashPayQueryTradeSimulator(envelope, trades);

    /** The five form fields of a request sealed as the hub (or any shop) seals it. */
    private Map<String, String> sealed(String json) {
        FlashPayEnvelope sealed = codec.seal(json);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ver", "1.0.0");
        form.put("mid", MID);
        form.put("dat", sealed.dat());
        form.put("key", sealed.key());
        form.put("chk", sealed.chk());
        return form;
    }

    private Map<String, String> answer(String json) {
        Map<String, String> answer = FormBody.parse(queryTrade.queryTrade(sealed(json)));
        return codec.open(answer.get("dat"), answer.get("chk")).fields();
    }

    private Map<String, String> lastNotify() {
        Map<String, String> form = notifies.forms.get(notifies.forms.size() - 1);
        return codec.open(form.get("dat"), form.get("chk")).fields();
    }

    @Test
    void theManualsGenuineTradeRequestIsPaidNotifiedAndReportedAsTheManualLists() throws IOException {
        JsonNode vector;
        try (InputStream in = getClass().getResourceAsStream("/vectors/flashpay.json")) {
            vector = CanonicalJson.mapper().readTree(in).path("vectors").get(0);
        }
        assertThat(vector.path("id").asText()).isEqualTo("spec-request-example");
        assertThat(vector.path("inputs").path("json_plaintext").asText()).contains("\"ord_time\":\"2022\\/05\\/27 10:13:10\"");
        JsonNode expected = vector.path("expected");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ver", "1.0.0");
        form.put("mid", vector.path("inputs").path("mid").asText());
        for (String field : new String[] {"dat", "key", "chk"}) {
            form.put(field, expected.path(field).asText());
        }

        String page = tradePage.trade(form);

        assertThat(page).contains("<span id='order_status'>02</span>").contains("<span id='notify'>1|OK</span>")
                .contains("href='http://34.80.137.76/checkout/order-received/3013/?key=wc_order_em6wX1Hu55Qn5'");
        assertThat(notifies.returnUrls).containsExactly(URI.create("http://34.80.137.76/?wc-api=WC_Gateway_Flashpay"));
        Map<String, String> notice = lastNotify();
        assertThat(notice).containsEntry("tx_type", "104").containsEntry("mer_id", MID).containsEntry("ord_no", "3013")
                .containsEntry("ord_time", "2022-05-27 10:13:10+08").containsEntry("tx_amt", "200.00")
                .containsEntry("ret_code", "00");
        assertThat(notice.get("auth_id_resp")).matches("\\d{6}");

        Map<String, String> queried = answer("{\"mer_id\":\"HT00000002\",\"ord_no\":\"3013\",\"tx_type\":107}");
        assertThat(queried.keySet()).containsExactlyInAnyOrder(QUERY_FIELDS);
        assertThat(queried).containsEntry("order_status", "02").containsEntry("tx_amt", "200.00")
                .containsEntry("ord_time", "2022-05-27 10:13:10+08").containsEntry("order_no", notice.get("order_no"));

        Map<String, String> range = FormBody.parse(queryTrade.queryTrade(sealed(
                "{\"mer_id\":\"HT00000002\",\"tx_type\":106,\"start_date\":\"2022-05-27\",\"end_date\":\"2022-05-27\"}")));
        JsonNode listed = CanonicalJson.mapper().readTree(codec.openText(range.get("dat"), range.get("chk")));
        assertThat(listed.path("returnCode").asText()).isEqualTo("0");
        assertThat(listed.path("mer_detail").findValuesAsText("ord_no")).containsExactly("3013");
    }

    /**
     * Vector php-sdk-style-order: a trade request as the vendor's PHP SDK seals it — amt a JSON string ("100"),
     * install_period a number, sto_id with a space, a phone field the manual does not name — is taken as it is, byte
     * for byte, and paid; its notify goes to the request's return_url.
     */
    @Test
    void theVendorPhpSdksTradeRequestIsPaidAndNotified() throws IOException {
        JsonNode vector;
        try (InputStream in = getClass().getResourceAsStream("/vectors/flashpay.json")) {
            vector = CanonicalJson.mapper().readTree(in).path("vectors").get(1);
        }
        assertThat(vector.path("id").asText()).isEqualTo("php-sdk-style-order");
        assertThat(vector.path("inputs").path("json_plaintext").asText()).contains("\"amt\":\"100\"");
        JsonNode expected = vector.path("expected");
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : new String[] {"ver", "mid", "dat", "key", "chk"}) {
            form.put(field, expected.path(field).asText());
        }

        String page = tradePage.trade(form);

        assertThat(page).contains("<span id='order_status'>02</span>").contains("<span id='notify'>1|OK</span>");
        assertThat(notifies.returnUrls).containsExactly(URI.create("https://fl-pay.com"));
        Map<String, String> sent = notifies.forms.get(0);
        Map<String, String> notice = new FlashPayCodec(MerchantHashKeys.of(
                vector.path("inputs").path("HashKey").asText(), vector.path("inputs").path("HashIV").asText()))
                .open(sent.get("dat"), sent.get("chk")).fields();
        assertThat(notice).containsEntry("mer_id", "HT00000003").containsEntry("ord_no", "10494")
                .containsEntry("tx_amt", "100.00").containsEntry("sto_id", "My store")
                .containsEntry("ord_time", "2022-06-01 12:00:00+08").containsEntry("install_period", "0")
                .containsEntry("use_redeem", "1").containsEntry("ret_code", "00");
        assertThat(trades.find("HT00000003", "10494")).isPresent();
    }

    @Test
    void anAmountInYuanAndCentsIsTakenAndCancelledAndAnAnswerOfCancelListsTheManualsFields() {
        String page = tradePage.trade(sealed("""
                {"mer_id":"HT00000002","stage_id":"","sto_id":"","ord_no":"FPCENTS1","ord_time":"2022-05-27 10:20:00",\
                "tx_type":101,"pay_type":1,"amt":500.98,"cur":"NTD","order_desc":"d","return_url":"https://shop/n",\
                "client_url":"https://shop/c"}"""));

        assertThat(page).contains("<span id='order_status'>02</span>");
        assertThat(lastNotify()).containsEntry("tx_amt", "500.98").containsEntry("ord_time", "2022-05-27 10:20:00+08");

        Map<String, String> cancelled = answer("{\"mer_id\":\"HT00000002\",\"ord_no\":\"FPCENTS1\",\"tx_type\":8,\"amt\":500.98}");
        assertThat(cancelled.keySet()).containsExactlyInAnyOrder(CANCEL_FIELDS);
        assertThat(cancelled).containsEntry("order_status", "12").containsEntry("ret_code", "00")
                .containsEntry("amt", "500.98");
    }

    @Test
    void anAmountBeyondCentsOrAnOrderTimeInNeitherOfTheManualsFormsIsRefusedAndNothingIsNotified() {
        String tooPrecise = tradePage.trade(sealed("""
                {"mer_id":"HT00000002","ord_no":"FPMILLS1","ord_time":"2022-05-27 10:20:00","tx_type":101,"pay_type":1,\
                "amt":10.005,"cur":"NTD","order_desc":"d","return_url":"https://shop/n","client_url":"https://shop/c"}"""));
        String otherTime = tradePage.trade(sealed("""
                {"mer_id":"HT00000002","ord_no":"FPTIME1","ord_time":"2022.05.27 10:20:00","tx_type":101,"pay_type":1,\
                "amt":100,"cur":"NTD","order_desc":"d","return_url":"https://shop/n","client_url":"https://shop/c"}"""));

        assertThat(tooPrecise).contains("<span id='ret_code'>E20</span>").contains("at most two decimals");
        assertThat(otherTime).contains("<span id='ret_code'>E20</span>").contains("ord_time");
        assertThat(notifies.forms).isEmpty();
        assertThat(trades.find(MID, "FPMILLS1")).isEmpty();
        assertThat(trades.find(MID, "FPTIME1")).isEmpty();
    }
}
