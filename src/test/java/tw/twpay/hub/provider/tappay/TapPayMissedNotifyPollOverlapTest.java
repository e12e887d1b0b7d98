package tw.twpay.hub.provider.tappay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;

/**
 * A missed-notify poll that lasts longer than its cron interval (a slow gateway, a long backlog) is not joined by the
 * next one: Quartz would otherwise start it again on another of its threads (or, clustered, on another node) and the
 * two would query the same orders side by side, doubling the load on a gateway that is slow already.
 */
@HubTest
@DirtiesContext
class TapPayMissedNotifyPollOverlapTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());
    static final int RECORD_ANSWER_MS = 2500;

    static {
        gateway.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("twpay.providers.tappay.sandbox-base-url", () -> "http://localhost:" + gateway.port());
        registry.add("twpay.providers.tappay.missed-notify-cron", () -> "0/1 * * * * ?");
        registry.add("twpay.providers.tappay.missed-notify-after", () -> "PT0S");
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void aPollSlowerThanItsIntervalIsNotJoinedByTheNext() {
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME)).willReturn(aResponse().withStatus(502)));
        // Record knows nothing, slowly: every poll finds the order PENDING again and asks once more
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(RECORD_ANSWER_MS)
                .withBody("{\"status\":2,\"msg\":\"End of list\",\"trade_records\":[]}")));
        assertThat(new HubHttp(port).post("/api/v1/payments", "application/json",
                TapPayPaymentRouteTest.payment("OVERLAP_1", "250", "TWD", "")).statusCode()).isEqualTo(504);

        await().atMost(Duration.ofSeconds(30)).until(() -> records().size() >= 3);

        List<LoggedRequest> asked = records();
        for (int i = 1; i < asked.size(); i++) {
            long gapMs = asked.get(i).getLoggedDate().getTime() - asked.get(i - 1).getLoggedDate().getTime();
            assertThat(gapMs).as("Record query %d began %d ms after the one before, which took %d ms", i, gapMs,
                    RECORD_ANSWER_MS).isGreaterThanOrEqualTo(RECORD_ANSWER_MS - 100);
        }
    }

    private static List<LoggedRequest> records() {
        return gateway.findAll(postRequestedFor(urlEqualTo(TapPayPaths.RECORD))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }
}
