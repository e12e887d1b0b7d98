package tw.twpay.hub.provider.flashpay;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;

/** The FlashPay trade form through the real create-payment route. */
@HubTest
class FlashPayCommandRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gatewayAndMerchants(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.flashpay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.public-base-url", () -> "https://hub.example.com");
        registry.add("twpay.providers.flashpay.merchants.store-shop.merchant-id", () -> "HT00000003");
        registry.add("twpay.providers.flashpay.merchants.store-shop.hash-key", () -> "hULtXjAWIHP6QDhLK1Oxp7Mi47MtPJwg");
        registry.add("twpay.providers.flashpay.merchants.store-shop.hash-iv", () -> "JX3YbUmQYZm6ZTAZ");
        registry.add("twpay.providers.flashpay.merchants.store-shop.environment", () -> "production");
        registry.add("twpay.providers.flashpay.merchants.store-shop.sto-id", () -> "STORE7");
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    FlashPayMerchants merchants;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    LedgerRows rows;
    FlashPayMerchant shop;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        rows = new LedgerRows(jdbc);
        shop = merchants.require("shop-flashpay");
        gateway.resetAll();
    }

    HttpResponse<String> create(String merchant, String orderNo, String amount, String extra) {
        return http.post("/api/v1/payments", "application/json", """
                {"provider":"flashpay","merchant":"%s","orderNo":"%s","amount":{"value":"%s","currency":"TWD"},
                 "description":"測試商品 x 1"%s}""".formatted(merchant, orderNo, amount, extra));
    }

    @Test
    void createPaymentAnswersTheSealedTradeFormAndJournalsPending() throws Exception {
        LocalDateTime before = LocalDateTime.now(ZoneId.of("Asia/Taipei")).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> response = create("shop-flashpay", "FPCREATE1", "855", "");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode form = CanonicalJson.mapper().readTree(response.body());
        assertThat(form.path("action").asText()).isEqualTo("FORM_POST");
        assertThat(form.path("url").asText()).isEqualTo("http://localhost:" + gateway.port() + "/trade.php");
        JsonNode fields = form.path("fields");
        assertThat(fields.fieldNames()).toIterable().containsExactly("ver", "mid", "dat", "key", "chk");
        assertThat(fields.path("ver").asText()).isEqualTo("1.0.0");
        assertThat(fields.path("mid").asText()).isEqualTo("HT00000002");
        String dat = fields.path("dat").asText();
        String json = shop.codec().openText(dat, fields.path("chk").asText());
        assertThat(shop.codec().key(json)).isEqualTo(fields.path("key").asText());
        JsonNode trade = CanonicalJson.mapper().readTree(json);
        assertThat(trade.path("mer_id").asText()).isEqualTo("HT00000002");
        assertThat(trade.path("ord_no").asText()).isEqualTo("FPCREATE1");
        assertThat(trade.path("tx_type").isInt()).isTrue();
        assertThat(trade.path("tx_type").asInt()).isEqualTo(101);
        assertThat(trade.path("pay_type").asInt()).isEqualTo(1);
        assertThat(trade.path("amt").isIntegralNumber()).as("amt is a JSON number").isTrue();
        assertThat(trade.path("amt").asLong()).isEqualTo(855);
        assertThat(trade.path("cur").asText()).isEqualTo("NTD");
        assertThat(trade.path("stage_id").asText()).isEmpty();
        assertThat(trade.path("order_desc").asText()).isEqualTo("測試商品 x 1");
        assertThat(trade.path("return_url").asText()).isEqualTo("https://hub.example.com/callbacks/flashpay/shop-flashpay/notify");
        assertThat(trade.path("client_url").asText()).isEqualTo("https://hub.example.com/callbacks/flashpay/shop-flashpay/return");
        assertThat(trade.has("install_period")).isFalse();
        assertThat(trade.has("use_redeem")).isFalse();
        LocalDateTime ordTime = LocalDateTime.parse(trade.path("ord_time").asText(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertThat(ordTime).as("ord_time in Asia/Taipei").isBetween(before.minusSeconds(1), before.plusSeconds(30));
        assertThat(rows.orderStatus("FPCREATE1")).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select amount_value from ledger_order where order_no = 'FPCREATE1'",
                java.math.BigDecimal.class)).isEqualByComparingTo("855");
    }

    @Test
    void instalmentsRedeemPhoneAndTheErpsReturnPageGoIntoTheTrade() throws Exception {
        HttpResponse<String> response = create("store-shop", "FPCREATE2", "1200",
                ",\"installments\":6,\"phone\":\"0912345678\",\"returnUrl\":\"https://erp.example.com/paid?o=FPCREATE2\"");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode form = CanonicalJson.mapper().readTree(response.body());
        assertThat(form.path("url").asText()).isEqualTo("https://api.fl-pay.com/trade.php");
        FlashPayMerchant store = merchants.require("store-shop");
        JsonNode trade = CanonicalJson.mapper().readTree(store.codec().openText(form.path("fields").path("dat").asText(),
                form.path("fields").path("chk").asText()));
        assertThat(trade.path("install_period").asInt()).isEqualTo(6);
        assertThat(trade.path("cell_phone_no").asText()).isEqualTo("0912345678");
        assertThat(trade.path("client_url").asText()).isEqualTo("https://erp.example.com/paid?o=FPCREATE2");
        assertThat(trade.path("sto_id").asText()).isEqualTo("STORE7");

        JsonNode redeem = CanonicalJson.mapper().readTree(create("store-shop", "FPCREATE3", "300", ",\"redeem\":true").body());
        assertThat(CanonicalJson.mapper().readTree(store.codec().openText(redeem.path("fields").path("dat").asText(),
                redeem.path("fields").path("chk").asText())).path("use_redeem").asText()).isEqualTo("1");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        assertThat(create("shop-flashpay", "FP_UNDERSCORE", "10", "").body()).contains("orderNo");
        assertThat(create("shop-flashpay", "FPDEC", "10.50", "").statusCode()).isEqualTo(400);
        assertThat(create("shop-flashpay", "FPZERO", "0", "").statusCode()).isEqualTo(400);
        assertThat(create("shop-flashpay", "FPINST", "10", ",\"installments\":5").body()).contains("installments");
        assertThat(create("shop-flashpay", "FPINST2", "10", ",\"installments\":\"x\"").body()).contains("installments");
        assertThat(create("shop-flashpay", "FPREDEEM", "10", ",\"redeem\":\"yes\"").body()).contains("redeem");
        assertThat(create("shop-flashpay", "FPPHONE", "10", ",\"phone\":\"12345\"").body()).contains("phone");
        assertThat(create("shop-flashpay", "FPURL", "10", ",\"returnUrl\":\"javascript:alert(1)\"").body()).contains("returnUrl");
        assertThat(http.post("/api/v1/payments", "application/json", """
                {"provider":"flashpay","merchant":"shop-flashpay","orderNo":"FPUSD","amount":{"value":"10","currency":"USD"},
                 "description":"d"}""").body()).contains("TWD");
        assertThat(create("nobody", "FPNOBODY", "10", "").statusCode()).isEqualTo(404);
        assertThat(rows.orders("FPDEC") + rows.orders("FPZERO") + rows.orders("FPINST") + rows.orders("FPPHONE")
                + rows.orders("FPURL") + rows.orders("FPUSD")).isZero();
    }

    @Test
    void creatingAgainIsFineWhilePendingWithTheSameAmountOnly() {
        assertThat(create("shop-flashpay", "FPAGAIN", "500", "").statusCode()).isEqualTo(200);
        assertThat(create("shop-flashpay", "FPAGAIN", "500", "").statusCode()).isEqualTo(200);
        HttpResponse<String> other = create("shop-flashpay", "FPAGAIN", "501", "");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(rows.journal("FPAGAIN")).isEqualTo(1);
    }
}
