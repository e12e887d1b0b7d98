package tw.twpay.hub.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.provider.testpay.TestPayGateway;
import tw.twpay.hub.provider.testpay.TestPayHintChannel;
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/**
 * The provider contract proven with the test-only provider, whose commands and unsigned notify are written exactly as a
 * real provider's (test-routes/testpay-commands.camel.yaml): local and gateway command templates, any transport
 * (JSON body, API-key header, own timeout), intents journalled before the call, unknown outcomes left PENDING, and the
 * callback pipeline's confirm step storing what the gateway says — or nothing.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class ProviderContractRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gatewayUrl(DynamicPropertyRegistry registry) {
        registry.add("testpay.gateway-url", () -> "http://localhost:" + gateway.port());
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    LedgerRows rows;
    CapturedOutput output;

    @BeforeEach
    void setUp(CapturedOutput captured) {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        output = captured;
        gateway.resetAll();
    }

    private void create(String orderNo, String amount) {
        HttpResponse<String> response = http.post("/api/v1/payments", "application/json", """
                {"provider":"TestPay","merchant":"shop-a","orderNo":"%s","amount":{"value":"%s","currency":"TWD"},
                 "description":"Contract test"}""".formatted(orderNo, amount));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void gatewayKnows(String orderNo, String status, String amount) {
        gateway.stubFor(post(urlEqualTo("/trades/lookup")).withRequestBody(containing(orderNo))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"" + status + "\",\"amount\":\"" + amount + "\",\"tradeNo\":\"T-"
                                + orderNo + "\"}")));
    }

    @Test
    void localCommandAnswersTheFormAndJournalsPending() throws Exception {
        HttpResponse<String> response = http.post("/api/v1/payments", "application/json", """
                {"provider":"testpay","merchant":"shop-a","orderNo":"C-LOCAL","amount":{"value":"855"},
                 "description":"Contract test"}""");

        JsonNode form = CanonicalJson.mapper().readTree(response.body());
        assertThat(form.path("action").asText()).isEqualTo("FORM_POST");
        assertThat(form.path("url").asText()).isEqualTo("http://localhost:" + gateway.port() + "/pay");
        assertThat(rows.orderStatus("C-LOCAL")).isEqualTo("PENDING");
        assertThat(gateway.getAllServeEvents()).isEmpty();
    }

    @Test
    void gatewayCommandSendsOnlyTheRequestsTransportAndStoresTheAnswer() {
        create("C-QUERY", "855");
        gatewayKnows("C-QUERY", "CAPTURED", "855");

        HttpResponse<String> response = http.post("/api/v1/payments/testpay/shop-a/C-QUERY/query", "application/json",
                "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(rows.orderStatus("C-QUERY")).isEqualTo("CAPTURED");
        gateway.verify(postRequestedFor(urlEqualTo("/trades/lookup"))
                .withHeader("x-api-key", equalTo(TestPayGateway.API_KEY))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"merchant\":\"shop-a\",\"orderNo\":\"C-QUERY\"}")));
        // nothing the ERP sent reaches the gateway as a header
        assertThat(gateway.getAllServeEvents().get(0).getRequest().getHeaders().keys())
                .noneMatch(name -> name.equalsIgnoreCase("Camelhttpuri") || name.equalsIgnoreCase("operation")
                        || name.equalsIgnoreCase("orderNo"));
    }

    @Test
    void providerFieldsReachTheProviderAndTheIntentIsJournalledBeforeTheCall() {
        gateway.stubFor(post(urlEqualTo("/charges")).willReturn(aResponse().withStatus(200)
                .withBody("{\"status\":\"AUTHORIZED\",\"amount\":\"120\",\"tradeNo\":\"T-C-CHARGE\"}")));

        HttpResponse<String> response = chargeCard("C-CHARGE");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        gateway.verify(postRequestedFor(urlEqualTo("/charges")).withRequestBody(containing("\"speed\":\"express\"")));
        assertThat(jdbc.queryForList("select status from ledger_journal where subject = 'C-CHARGE' order by id",
                String.class)).containsExactly("PENDING", "AUTHORIZED");
    }

    private HttpResponse<String> chargeCard(String orderNo) {
        return http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"testpay","merchant":"shop-a","orderNo":"%s","amount":{"value":"120"},
                 "description":"Stored card","tokenTerm":"member1","tokenValue":"tok-1","speed":"express"}"""
                .formatted(orderNo));
    }

    @Test
    void aTimeoutIsAnUnknownOutcomeThatLeavesTheIntentPendingNeverFailed() {
        gateway.stubFor(post(urlEqualTo("/charges")).willReturn(aResponse().withStatus(200).withFixedDelay(8000)
                .withBody("{\"status\":\"AUTHORIZED\",\"amount\":\"120\",\"tradeNo\":\"T-late\"}")));

        HttpResponse<String> response = chargeCard("C-TIMEOUT");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("outcome is unknown");
        assertThat(rows.orderStatus("C-TIMEOUT")).isEqualTo("PENDING");
        assertThat(jdbc.queryForList("select status from ledger_journal where subject = 'C-TIMEOUT'", String.class))
                .containsExactly("PENDING");
    }

    @Test
    void aServerErrorOrABrokenConnectionIsAnUnknownOutcomeToo() {
        gateway.stubFor(post(urlEqualTo("/charges")).withRequestBody(containing("C-5XX"))
                .willReturn(aResponse().withStatus(502)));
        gateway.stubFor(post(urlEqualTo("/charges")).withRequestBody(containing("C-RESET"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(chargeCard("C-5XX").statusCode()).isEqualTo(504);
        assertThat(chargeCard("C-RESET").statusCode()).isEqualTo(504);
        assertThat(rows.orderStatus("C-5XX")).isEqualTo("PENDING");
        assertThat(rows.orderStatus("C-RESET")).isEqualTo("PENDING");
    }

    @Test
    void aCommandTheProviderDoesNotOfferIsNotFound() {
        HttpResponse<String> response = http.post("/api/v1/subscriptions", "application/json", """
                {"provider":"testpay","merchant":"shop-a","orderNo":"C-SUB","amount":{"value":"1"},
                 "description":"x"}""");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("does not offer create-subscription");
    }

    @Test
    void anUnsignedNotifyIsStoredAsTheGatewayConfirmsIt() {
        create("C-HINT", "855");
        gatewayKnows("C-HINT", "AUTHORIZED", "855");

        HttpResponse<String> response = http.postForm("/callbacks/testpay/shop-a/hint",
                Map.of("orderNo", "C-HINT", "amount", "855"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(TestPayHintChannel.ACK);
        assertThat(rows.orderStatus("C-HINT")).isEqualTo("AUTHORIZED");
        assertThat(jdbc.queryForObject("select provider_trade_id from ledger_order where order_no = 'C-HINT'",
                String.class)).isEqualTo("T-C-HINT");
    }

    @Test
    void aNotifyTheGatewayDoesNotConfirmStoresNothing() {
        create("C-FORGED", "855");
        gateway.stubFor(post(urlEqualTo("/trades/lookup")).willReturn(aResponse().withStatus(200)
                .withBody("{\"status\":\"UNKNOWN\"}")));

        HttpResponse<String> response = http.postForm("/callbacks/testpay/shop-a/hint",
                Map.of("orderNo", "C-FORGED", "amount", "855"));

        CallbackRefusal.assertUniformRefusal(response, output, "the gateway knows no trade for order C-FORGED");
        assertThat(rows.orderStatus("C-FORGED")).isEqualTo("PENDING");
        assertThat(rows.journal("C-FORGED")).isEqualTo(1);
    }

    @Test
    void aNotifyTheGatewayContradictsStoresNothing() {
        create("C-AMOUNT", "855");
        gatewayKnows("C-AMOUNT", "AUTHORIZED", "1");

        HttpResponse<String> response = http.postForm("/callbacks/testpay/shop-a/hint",
                Map.of("orderNo", "C-AMOUNT", "amount", "855"));

        CallbackRefusal.assertUniformRefusal(response, output, "another amount");
        assertThat(rows.orderStatus("C-AMOUNT")).isEqualTo("PENDING");
    }

    @Test
    void aConfirmationThatCannotBeMadeStoresNothing() {
        create("C-DOWN", "855");
        gateway.stubFor(post(urlEqualTo("/trades/lookup")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        HttpResponse<String> response = http.postForm("/callbacks/testpay/shop-a/hint",
                Map.of("orderNo", "C-DOWN", "amount", "855"));

        CallbackRefusal.assertUniformRefusal(response, output, "outcome is unknown");
        assertThat(rows.orderStatus("C-DOWN")).isEqualTo("PENDING");
        assertThat(rows.journal("C-DOWN")).isEqualTo(1);
    }
}
