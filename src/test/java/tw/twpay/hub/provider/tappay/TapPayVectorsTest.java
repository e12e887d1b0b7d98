package tw.twpay.hub.provider.tappay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.provider.GatewayRequest;

/**
 * Every request body of {@code vectors/tappay.json} (captured from tappay-nodejs 2.0.11) is what the hub's builders
 * write for the same inputs, byte for byte; the HTTP call carries the x-api-key header and goes to the vector's path.
 */
class TapPayVectorsTest {

    /** Loaded with the class: other tests of the package take vectors from here too. */
    static final JsonNode vectors = load();

    static JsonNode load() {
        try (InputStream in = TapPayVectorsTest.class.getResourceAsStream("/vectors/tappay.json")) {
            return new ObjectMapper().readTree(in).path("vectors");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode vector(String id) {
        for (JsonNode vector : vectors) {
            if (vector.path("id").asText().equals(id)) {
                return vector;
            }
        }
        throw new AssertionError("no vector " + id);
    }

    static TapPayMerchant merchantOf(JsonNode vector) {
        return new TapPayMerchant("vector", vector.path("inputs").path("partner_key").asText(),
                "GlobalTesting_CTBC", null, vector.path("expected").path("sdk_base_url").asText(), false,
                Set.of("TWD"));
    }

    /** Same JSON (key order aside) and, as the hub keeps the SDK's order, the same bytes. */
    static void assertSameRequest(String id, String path, ObjectNode body) {
        JsonNode vector = vector(id);
        JsonNode expected = vector.path("expected");
        assertThat(TapPayJson.parseObject(TapPayJson.text(body))).isEqualTo(expected.path("body_parsed"));
        assertThat(TapPayJson.text(body)).isEqualTo(expected.path("body_raw").asText());
        GatewayRequest request = TapPayRequests.call(merchantOf(vector), path, body, null);
        assertThat(request.url()).isEqualTo(expected.path("url").asText());
        assertThat(path).isEqualTo(expected.path("path").asText());
        assertThat(request.method()).isEqualTo(expected.path("method").asText());
        assertThat(request.headers()).containsEntry("x-api-key", expected.path("headers").path("x-api-key").asText());
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(request.timeout()).isEqualTo(TapPay.CALL_TIMEOUT);
        assertThat(request.toString()).doesNotContain(vector.path("inputs").path("partner_key").asText());
    }

    static String key(String id) {
        return vector(id).path("inputs").path("partner_key").asText();
    }

    static JsonNode argument(String id) {
        return vector(id).path("inputs").path("sdk_argument");
    }

    @Test
    void payByPrime() {
        JsonNode in = argument("tappay-nodejs-payByPrime");
        JsonNode urls = in.path("result_url");
        ObjectNode body = TapPayRequests.payByPrime(new TapPayRequests.PrimePayment(in.path("prime").asText(),
                in.path("merchant_id").asText(), null, in.path("amount").asLong(), in.path("currency").asText(),
                in.path("order_number").asText(), null, in.path("details").asText(),
                ((ObjectNode) in.path("cardholder")).deepCopy(), null, null, in.path("remember").asBoolean(),
                in.path("three_domain_secure").asBoolean(),
                new TapPayRequests.ResultUrl(urls.path("frontend_redirect_url").asText(),
                        urls.path("backend_notify_url").asText(), null)), key("tappay-nodejs-payByPrime"));
        assertSameRequest("tappay-nodejs-payByPrime", TapPayPaths.PAY_BY_PRIME, body);
        assertThat(body.path("amount").isNumber()).isTrue();
    }

    @Test
    void payByPrimeCardholderAsTheHubBuildsItFromTheErpRequest() {
        JsonNode in = argument("tappay-nodejs-payByPrime");
        ObjectNode erp = new ObjectMapper().createObjectNode();
        erp.put("phone", "+886923456789").put("name", "王小明").put("email", "LittleMing@Wang.com");
        assertThat(TapPayPrimePayments.cardholder(tw.twpay.hub.api.ProviderFields.of(
                new ObjectMapper().createObjectNode().set("cardholder", erp)).object("cardholder")))
                .isEqualTo(in.path("cardholder"));
    }

    @Test
    void payByToken() {
        JsonNode in = argument("tappay-nodejs-payByToken");
        ObjectNode body = TapPayRequests.payByToken(in.path("card_key").asText(), in.path("card_token").asText(),
                in.path("merchant_id").asText(), null, in.path("amount").asLong(), in.path("currency").asText(),
                in.path("details").asText(), in.path("order_number").asText(), null, null,
                key("tappay-nodejs-payByToken"));
        assertSameRequest("tappay-nodejs-payByToken", TapPayPaths.PAY_BY_TOKEN, body);
    }

    @Test
    void refund() {
        JsonNode in = argument("tappay-nodejs-refund");
        ObjectNode body = TapPayRequests.refund(in.path("rec_trade_id").asText(), in.path("amount").asLong(), null,
                key("tappay-nodejs-refund"));
        assertSameRequest("tappay-nodejs-refund", TapPayPaths.REFUND, body);
    }

    @Test
    void tradeHistory() {
        JsonNode in = argument("tappay-nodejs-getRecordHistory");
        assertSameRequest("tappay-nodejs-getRecordHistory", TapPayPaths.TRADE_HISTORY,
                TapPayRequests.trade(in.path("rec_trade_id").asText(), key("tappay-nodejs-getRecordHistory")));
    }

    @Test
    void capToday() {
        JsonNode in = argument("tappay-nodejs-capToday");
        assertSameRequest("tappay-nodejs-capToday", TapPayPaths.CAP_TODAY,
                TapPayRequests.trade(in.path("rec_trade_id").asText(), key("tappay-nodejs-capToday")));
    }

    @Test
    void bindCard() {
        JsonNode in = argument("tappay-nodejs-bindCard");
        ObjectNode body = TapPayRequests.bindCard(in.path("prime").asText(), in.path("merchant_id").asText(), null,
                in.path("currency").asText(), ((ObjectNode) in.path("cardholder")).deepCopy(),
                key("tappay-nodejs-bindCard"));
        assertSameRequest("tappay-nodejs-bindCard", TapPayPaths.BIND_CARD, body);
    }

    @Test
    void removeCard() {
        JsonNode in = argument("tappay-nodejs-removeCard");
        assertSameRequest("tappay-nodejs-removeCard", TapPayPaths.REMOVE_CARD, TapPayRequests.card(
                in.path("card_key").asText(), in.path("card_token").asText(), key("tappay-nodejs-removeCard")));
    }

    /**
     * Every vector of the file is checked somewhere: the request bodies here, the published test primes paid through
     * the hub on its simulator ({@code TapPaySandboxTest}), the status codes through the payment and query routes
     * ({@code TapPayPaymentRouteTest}) and the record_status enum against the status table
     * ({@code TapPayStatusMappingTest}). A vector added to the file fails this test until a test takes it.
     */
    @Test
    void everyVectorIsCovered() {
        Set<String> covered = Set.of("tappay-nodejs-payByPrime", "tappay-nodejs-payByToken", "tappay-nodejs-refund",
                "tappay-nodejs-getRecordHistory", "tappay-nodejs-capToday", "tappay-nodejs-bindCard",
                "tappay-nodejs-removeCard", "tappay-docs-test-prime", "tappay-status-codes-subset");
        assertThat(vectors).isNotEmpty();
        for (JsonNode vector : vectors) {
            assertThat(covered).contains(vector.path("id").asText());
        }
    }
}
