package tw.twpay.hub.provider.tappay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
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
import tw.twpay.hub.support.CallbackRefusal;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * Stored cards as TapPay's documents show them, through the real routes (TapPay is WireMock): seed 002's Push Token
 * answer, its Card Notify example, a notify naming several stored cards, a card whose status goes back and forth,
 * and the charging gate following Card Metadata before the ledger write.
 */
@HubTest
class TapPayStoredCardsRouteTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final String MERCHANT = TapPayPaymentRouteTest.MERCHANT;
    static final String CARD_NOTIFY = "/callbacks/tappay/" + MERCHANT + "/card-notify";

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.tappay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.tappay.missed-notify-after", () -> "PT1H");
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TapPayCardVault vault;
    @Autowired
    TapPayMerchants merchants;

    HubHttp http;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        gateway.resetAll();
    }

    static JsonNode json(String text) throws Exception {
        return CanonicalJson.mapper().readTree(text);
    }

    /** A card the vault keeps, as a Bind Card answer would leave it; its reference. */
    String storedCard(String cardKey, String cardToken) {
        String answer = """
                {"card_secret":{"card_key":"%s","card_token":"%s"},
                 "card_info":{"bin_code":"424242","last_four":"4242","type":1,"expiry_date":"202812"}}"""
                .formatted(cardKey, cardToken);
        return ((tw.twpay.hub.canonical.CardLifecycleEvent) vault.store(merchants.require(MERCHANT), null,
                TapPayJson.parseObject(answer), OffsetDateTime.now()).get(0).event()).tokenRef();
    }

    static String metadata(String tokenStatus, String expiry) {
        return """
                {"status":0,"msg":"Success","card_info":{"bin_code":"424242","last_four":"4242","issuer":"",
                 "funding":0,"type":1,"level":"","country":"TAIWAN","country_code":"TW","expiry_date":"%s",
                 "token_status":"%s"}}""".formatted(expiry, tokenStatus);
    }

    void stubMetadata(String cardToken, String answer) {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.CARD_METADATA))
                .withRequestBody(matchingJsonPath("$.card_token", equalTo(cardToken)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(answer)));
    }

    static String cardNotify(String... cardTokens) {
        return "{\"status\":0,\"msg\":\"Success\",\"card_token\":[\"" + String.join("\",\"", cardTokens)
                + "\"],\"card_info\":{\"token_status\":\"DELETED\"}}";
    }

    String cardStatus(String cardRef) {
        return jdbc.queryForObject("select status from tappay_card where card_ref = ?", String.class, cardRef);
    }

    List<Map<String, Object>> events(String cardRef) {
        return jdbc.queryForList("select status, cast(event_json as varchar(100000)) as event_json"
                + " from ledger_journal where subject = ? order by id", cardRef);
    }

    /**
     * Seed 002's Card Notify example is printed as malformed JSON: a "// Example" comment and a nameless object
     * around the body, a comma after token_status, and type names (String, Int, boolean) where values go. Repaired
     * by tappay.md's shape (status, msg, card_token[] — one card's tokens —, card_info{…, token_status,
     * expiry_date}, card_art_info{card_art_status, is_real_card_face, image{url, width, height}, foreground_color,
     * masked_card_number, issuer}): the comment and the wrapper removed, the comma dropped, each placeholder given a
     * value of its type (token_status SUSPENDED and card_art_status SUPPORT as the Card Notify Sandbox section shows,
     * expiry_date as YYYYMM). The first token is the stored card's, the second another token of the same card.
     */
    static final String SEED_CARD_NOTIFY = """
            {
                "status" : 0,
                "msg" : "Success",
                "card_token" : ["%s", "a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7"],
                "card_info" : {
                    "bin_code" : "424242",
                    "last_four" : "4242",
                    "issuer" : "JPMORGAN CHASE BANK, N.A.",
                    "funding" : 0,
                    "type" : 1,
                    "level" : "",
                    "country" : "UNITED STATES",
                    "country_code" : "US",
                    "expiry_date" : "203012",
                    "token_status" : "SUSPENDED"
                },
                "card_art_info": {
                    "card_art_status": "SUPPORT",
                    "is_real_card_face" : true,
                    "image" : {
                        "url" : "https://example.tappaysdk.com/card-art/4242.png",
                        "width" : 1536,
                        "height" : 969
                    },
                        "foreground_color" : "#FFFFFF",
                        "masked_card_number" : "**** **** **** 4242",
                        "issuer" : "JPMORGAN CHASE BANK, N.A."
                    }
            }""";

    @Test
    void seedCardNotifyExampleIsConfirmedByCardMetadataAndStopsCharging() throws Exception {
        String cardKey = "f1e2d3c4b5a6978877665544332211000ffeeddccbbaa99887766554433221100";
        String cardToken = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
        String cardRef = storedCard(cardKey, cardToken);
        stubMetadata(cardToken, metadata("SUSPENDED", "203012"));

        HttpResponse<String> response = http.post(CARD_NOTIFY, "application/json",
                SEED_CARD_NOTIFY.formatted(cardToken));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(cardStatus(cardRef)).isEqualTo("SUSPENDED");
        List<Map<String, Object>> events = events(cardRef);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("status")).isEqualTo("SUSPENDED");
        JsonNode event = json(events.get(0).get("event_json").toString()).path("data");
        assertThat(event.path("action").asText()).isEqualTo("STOP_CHARGING_AND_REBIND");
        assertThat(event.path("card").path("expiry").asText()).isEqualTo("2030-12");
        assertThat(events.get(0).get("event_json").toString()).doesNotContain(cardToken).doesNotContain(cardKey);
        // Card Metadata was asked with the stored card's own key and token
        List<LoggedRequest> asked = gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.CARD_METADATA)));
        assertThat(asked).hasSize(1);
        JsonNode sent = json(asked.get(0).getBodyAsString());
        assertThat(sent.path("card_key").asText()).isEqualTo(cardKey);
        assertThat(sent.path("card_token").asText()).isEqualTo(cardToken);
        assertThat(asked.get(0).getHeader("x-api-key")).isEqualTo(merchants.require(MERCHANT).partnerKey());
        // the hub no longer charges the card
        HttpResponse<String> charge = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"CARD_SUSPENDED","amount":{"value":"100",
                 "currency":"TWD"},"description":"x","tokenTerm":"m","tokenValue":"%s"}"""
                .formatted(MERCHANT, cardRef));
        assertThat(charge.statusCode()).isEqualTo(409);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PAY_BY_TOKEN)))).isEmpty();
    }

    /**
     * A card number the ERP sends where the card reference belongs — as the charge's tokenValue or in a stored card's
     * path — is refused with 404 without being repeated in the answer or the log, and nothing is sent to TapPay.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aCardNumberSentAsTheCardReferenceIsNeitherAnsweredNorLogged(CapturedOutput output) {
        String cardNumber = "4111111111111111";
        HttpResponse<String> charge = http.post("/api/v1/cards/charges", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"CARD_NUMBER_AS_REF","amount":{"value":"100",
                 "currency":"TWD"},"description":"x","tokenTerm":"m","tokenValue":"%s"}"""
                .formatted(MERCHANT, cardNumber));
        HttpResponse<String> metadata = http.get("/api/v1/cards/tappay/" + MERCHANT + "/" + cardNumber + "/metadata");

        assertThat(charge.statusCode()).isEqualTo(404);
        assertThat(metadata.statusCode()).isEqualTo(404);
        assertThat(charge.body()).contains("has no stored card").doesNotContain(cardNumber);
        assertThat(metadata.body()).contains("has no stored card").doesNotContain(cardNumber);
        assertThat(output.getAll()).contains("has no stored card").doesNotContain(cardNumber);
        assertThat(gateway.getAllServeEvents()).isEmpty();
    }

    /** Each stored card the notify names is asked about with its own Card Metadata; the notify's claim is no fact. */
    @Test
    void aNotifyNamingTwoStoredCardsChecksEachWithCardMetadata() throws Exception {
        String first = storedCard("k".repeat(63) + "1", "t".repeat(63) + "1");
        String second = storedCard("k".repeat(63) + "2", "t".repeat(63) + "2");
        stubMetadata("t".repeat(63) + "1", metadata("ACTIVE", "203105"));
        stubMetadata("t".repeat(63) + "2", "{\"status\":2011,\"msg\":\"Card not found. Invalid token.\"}");

        HttpResponse<String> response = http.post(CARD_NOTIFY, "application/json",
                cardNotify("t".repeat(63) + "1", "t".repeat(63) + "2"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(cardStatus(first)).isEqualTo("ACTIVE");
        assertThat(jdbc.queryForObject("select expiry from tappay_card where card_ref = ?", String.class, first))
                .isEqualTo("2031-05");
        assertThat(cardStatus(second)).isEqualTo("DELETED");
        assertThat(events(first)).hasSize(1);
        assertThat(json(events(first).get(0).get("event_json").toString()).path("data").path("action").asText())
                .isEqualTo("UPDATE_EXPIRY");
        assertThat(events(second)).hasSize(1);
        assertThat(events(second).get(0).get("status")).isEqualTo("DELETED");
        assertThat(json(events(second).get(0).get("event_json").toString()).path("data").path("action").asText())
                .isEqualTo("STOP_CHARGING_AND_REBIND");
        List<LoggedRequest> asked = gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.CARD_METADATA)));
        assertThat(asked).hasSize(2);
        assertThat(asked.stream().map(request -> {
            try {
                JsonNode sent = json(request.getBodyAsString());
                return sent.path("card_key").asText().substring(63) + sent.path("card_token").asText().substring(63);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder("11", "22");
    }

    /** ACTIVE → SUSPENDED → ACTIVE again: three facts, the ERP told each time, the gate open at the end. */
    @Test
    void aCardSuspendedAndReactivatedIsThreeEvents() {
        String cardToken = "r".repeat(64);
        String cardRef = storedCard("q".repeat(64), cardToken);
        for (String tokenStatus : List.of("ACTIVE", "SUSPENDED", "ACTIVE")) {
            stubMetadata(cardToken, metadata(tokenStatus, "202912"));
            assertThat(http.post(CARD_NOTIFY, "application/json", cardNotify(cardToken)).statusCode())
                    .as(tokenStatus).isEqualTo(200);
            assertThat(cardStatus(cardRef)).isEqualTo(tokenStatus);
        }
        assertThat(events(cardRef).stream().map(row -> row.get("status"))).containsExactly("ACTIVE", "SUSPENDED",
                "ACTIVE");
        assertThat(jdbc.queryForObject("select count(*) from ledger_journal where subject = ? and outcome = 'APPLIED'",
                Integer.class, cardRef)).isEqualTo(3);
    }

    /**
     * TapPay sends a card notify again when the hub's 200 was lost: Card Metadata says the same of the card, and that
     * is the same fact (same key, DUPLICATE), not a second event for the ERP.
     */
    @Test
    void aCardNotifyTapPaySendsAgainIsOneEvent() {
        String cardToken = "u".repeat(64);
        String cardRef = storedCard("v".repeat(64), cardToken);
        stubMetadata(cardToken, metadata("SUSPENDED", "202912"));

        assertThat(http.post(CARD_NOTIFY, "application/json", cardNotify(cardToken)).statusCode()).isEqualTo(200);
        assertThat(http.post(CARD_NOTIFY, "application/json", cardNotify(cardToken)).statusCode()).isEqualTo(200);

        // one journal row, so one event in the outbox for the ERP
        assertThat(events(cardRef)).hasSize(1);
    }

    /**
     * The charging gate follows Card Metadata before the ledger write: when the write fails the notify is refused
     * (so TapPay may send it again), and the card is stopped already — never the ERP told to stop while the hub
     * still charges.
     */
    @Test
    void theChargingGateFollowsCardMetadataBeforeTheLedgerWrite() {
        String cardToken = "s".repeat(64);
        String cardRef = storedCard("p".repeat(64), cardToken);
        stubMetadata(cardToken, metadata("SUSPENDED", "202912"));
        HttpResponse<String> refused;
        jdbc.execute("alter table ledger_journal add constraint audit_no_card_events check (subject <> '"
                + cardRef + "')");
        try {
            refused = http.post(CARD_NOTIFY, "application/json", cardNotify(cardToken));
        } finally {
            jdbc.execute("alter table ledger_journal drop constraint audit_no_card_events");
        }
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo(CallbackRefusal.BODY);
        assertThat(events(cardRef)).isEmpty();
        assertThat(cardStatus(cardRef)).isEqualTo("SUSPENDED");

        // TapPay sends it again: stored and told
        assertThat(http.post(CARD_NOTIFY, "application/json", cardNotify(cardToken)).statusCode()).isEqualTo(200);
        assertThat(events(cardRef)).hasSize(1);
        assertThat(cardStatus(cardRef)).isEqualTo("SUSPENDED");
    }

    /** Seed 002's Push Token request and its genuine answer (callback_url, bank_id, expiry 202303) through the hub. */
    @Test
    void seedPushTokenAnswerThroughTheHub() throws Exception {
        String pushToken = "eyJxcyI6ImFjY291bnRIb2xkZXJEYXRhU3VwcGxpZWQ9dHJ1ZSZjYWxsYmFja1VSTD1odHRwczovL3Rva2VuY29u"
                + "bmVjdC5tY3NyY3Rlc3RzdG9yZS5jb20vdG9rZW5pemF0aW9uLXJlc3VsdHMmY29tcGxldGVJc3N1ZXJBcHBBY3RpdmF0aW9uPXRydW"
                + "UmY29tcGxldGVXZWJzaXRlQWN0aXZhdGlvbj10cnVlJmxvY2FsZT1lbl9VUyZwdXNoQWNjb3VudFJlY2VpcHRzPU1DQy1TVE"
                + "wtQjI5MDZCNzgtOThGNS00QzVCLUIyNTUtMTQxNjM3QzI0QzZGIiwiY2FyZEJyYW5kIjoiTTRNIiwiY2xpZW50SXAiOiIyMT"
                + "EuNzIuMTExLjE2MCIsInR4SWQiOiJjZjhmMGFmNzQ5ZDU0MmE2YmY0YzEwMjkwYmE1MGZiOSJ9";
        String callbackUrl = "https://tokenconnect.mcsrcteststore.com/tokenization-results?results%5BMCC-STL-B2906B78-"
                + "98F5-4C5B-B255-141637C24C6F%5D=APPROVED%7CDM4MMC000014413677d8fef0baff4e83b4b48c096ab526c4";
        String cardToken = "da572568e1695f1336b0d9ae889621ee4fd449ba5215a6b4540a5534e1b6540a";
        String cardKey = "cb5277a884a07d7ef0fbdaef1ecc01ca4660b60ae28b3e47ac21c90fa530d91e";
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PUSH_TOKEN)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {
                            "status": 0,
                            "msg": "Success",
                            "card_network_status": "",
                            "card_network_msg": "",
                            "token_status": "ACTIVE",
                            "card_secret": {
                                "card_token": "%s",
                                "card_key": "%s"
                            },
                            "card_info": {
                                "issuer": "CTBC Bank",
                                "funding": 0,
                                "type": 2,
                                "level": "",
                                "country": "UNITED STATES",
                                "last_four": "4768",
                                "bin_code": "520473",
                                "issuer_zh_tw": "",
                                "bank_id": "822",
                                "country_code": "US",
                                "expiry_date": "202303"
                            },
                            "cardholder": {
                                "name": "John Doe",
                                "email": "John.doe@mailinator.com",
                                "address": "10 Sunflower Avenue, Apt. 4B, St. Louis, MO, 61000, USA",
                                "phone_number": "+11234567890",
                                "zip_code": "61000"
                            },
                            "callback_url": "%s"
                        }""".formatted(cardToken, cardKey, callbackUrl))));

        HttpResponse<String> response = http.post("/api/v1/cards/push-token", "application/json", """
                {"provider":"tappay","merchant":"%s","tspPushToken":"%s"}""".formatted(MERCHANT, pushToken));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response.body());
        String cardRef = answer.path("cardRef").asText();
        assertThat(cardRef).startsWith("tpcard_");
        assertThat(answer.path("tokenStatus").asText()).isEqualTo("ACTIVE");
        assertThat(answer.path("card").path("brand").asText()).isEqualTo("MASTERCARD");
        assertThat(answer.path("card").path("bin6").asText()).isEqualTo("520473");
        assertThat(answer.path("card").path("last4").asText()).isEqualTo("4768");
        assertThat(answer.path("card").path("expiry").asText()).isEqualTo("2023-03");
        // where the shop's app sends the cardholder back to the bank's app
        assertThat(answer.path("callbackUrl").asText()).isEqualTo(callbackUrl);
        assertThat(response.body()).doesNotContain(cardKey).doesNotContain(cardToken);
        Map<String, Object> row = jdbc.queryForMap("select * from tappay_card where card_ref = ?", cardRef);
        assertThat(row.values().toString()).doesNotContain(cardKey).doesNotContain(cardToken);
        assertThat(row.get("expiry")).isEqualTo("2023-03");
        assertThat(row.get("status")).isEqualTo("ACTIVE");
        TapPayCardVault.OpenedCard opened = vault.open(merchants.require(MERCHANT), cardRef);
        assertThat(opened.cardKey()).isEqualTo(cardKey);
        assertThat(opened.cardToken()).isEqualTo(cardToken);
        // the request is the seed's: partner_key and tsp_push_token, the key in x-api-key as well
        LoggedRequest sent = gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.PUSH_TOKEN))).get(0);
        JsonNode body = json(sent.getBodyAsString());
        assertThat(body.size()).isEqualTo(2);
        assertThat(body.path("tsp_push_token").asText()).isEqualTo(pushToken);
        assertThat(body.path("partner_key").asText()).isEqualTo(merchants.require(MERCHANT).partnerKey());
        assertThat(sent.getHeader("x-api-key")).isEqualTo(merchants.require(MERCHANT).partnerKey());
        // other answers about the card have no bank app to go back to
        stubMetadata(cardToken, metadata("ACTIVE", "202303"));
        HttpResponse<String> metadata = http.get("/api/v1/cards/tappay/" + MERCHANT + "/" + cardRef + "/metadata");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(json(metadata.body()).path("cardRef").asText()).isEqualTo(cardRef);
        assertThat(json(metadata.body()).has("callbackUrl")).isFalse();
    }
}
