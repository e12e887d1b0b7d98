package tw.twpay.hub.sandbox.tappay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tw.twpay.hub.provider.tappay.TapPayCardVault;
import tw.twpay.hub.provider.tappay.TapPayMerchants;
import tw.twpay.hub.provider.tappay.TapPayPaths;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * An operator who turns DEBUG on — for the whole hub or for the HTTP client — still gets no partner key and no card
 * secret in the log: Apache HttpClient's wire and header loggers, which print every request to TapPay, stay off
 * (logback-spring.xml). One sandbox payment that remembers the card, so TapPay's answer carries card_key and
 * card_token. The hub is closed afterwards and the levels it set put back: logging is one per JVM, and the test
 * contexts that run next would otherwise log at DEBUG.
 */
@HubTest
@DirtiesContext
@TestPropertySource(properties = {"logging.level.root=DEBUG", "logging.level." + TapPayDebugLoggingTest.HTTP_CLIENT
        + "=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class TapPayDebugLoggingTest {

    static final int PORT = TapPaySandboxTest.freePort();
    static final String HTTP_CLIENT = "org.apache.hc.client5.http";
    static final LoggingSystem LOGGING = LoggingSystem.get(TapPayDebugLoggingTest.class.getClassLoader());
    static LogLevel rootLevel;
    static LogLevel httpClientLevel;

    /** Before the hub starts and sets DEBUG. */
    @BeforeAll
    static void rememberLevels() {
        rootLevel = LOGGING.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME).getConfiguredLevel();
        LoggerConfiguration httpClient = LOGGING.getLoggerConfiguration(HTTP_CLIENT);
        httpClientLevel = httpClient == null ? null : httpClient.getConfiguredLevel();
    }

    @AfterAll
    static void restoreLevels() {
        LOGGING.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, rootLevel);
        LOGGING.setLogLevel(HTTP_CLIENT, httpClientLevel);
    }

    @DynamicPropertySource
    static void hubOnAKnownPort(DynamicPropertyRegistry registry) {
        // the simulator posts its backend notify to the hub's public URL: the hub must be on a port known up front
        registry.add("server.port", () -> PORT);
        registry.add("twpay.public-base-url", () -> "http://localhost:" + PORT);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TapPayMerchants merchants;
    @Autowired
    TapPayCardVault vault;

    @Test
    void debugLoggingShowsNoPartnerKeyAndNoCardSecret(CapturedOutput output) {
        HttpResponse<String> paid = new HubHttp(PORT).post("/api/v1/payments", "application/json", """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"500","currency":"TWD"},
                 "description":"Sandbox plan","prime":"test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9",
                 "cardholder":{"phone":"+886923456789","name":"Jane Doe","email":"jane@example.com"},"remember":true}"""
                .formatted(TapPaySandboxTest.MERCHANT, TapPaySandboxTest.orderNo("DEBUG")));

        assertThat(paid.statusCode()).isEqualTo(200);
        String cardRef = jdbc.queryForObject("select card_ref from tappay_card", String.class);
        TapPayCardVault.OpenedCard card = vault.open(merchants.require(TapPaySandboxTest.MERCHANT), cardRef);
        // DEBUG is on: the HTTP client did log the call, just not what it sent
        assertThat(output.getAll()).contains("executing POST /sandbox/tappay" + TapPayPaths.PAY_BY_PRIME)
                .doesNotContain("partner_")
                .doesNotContain(card.cardKey())
                .doesNotContain(card.cardToken());
    }
}
