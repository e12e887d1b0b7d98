package tw.twpay.hub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.TwpayHubApplication;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.support.EmbeddedLedgerPostgres;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.TestFacts;

/**
 * Two nodes delivering one outbox on one PostgreSQL to one ERP that answers slowly and refuses some events once:
 * every event reaches the ERP, each id always with the same content, and the events of one order in the order they
 * were queued — no attempt of an order's event before the ERP accepted the one before it, whichever node sent them.
 */
@HubTest
@DirtiesContext
class TwoNodesDeliveryOrderOnPostgresTest {

    static final EmbeddedLedgerPostgres postgres = EmbeddedLedgerPostgres.start();
    static final WireMockServer erp = new WireMockServer(wireMockConfig().dynamicPort());
    static final List<PaymentStatus> LIFE = List.of(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURE_REQUESTED,
            PaymentStatus.CAPTURED, PaymentStatus.REFUND_REQUESTED, PaymentStatus.REFUNDED);
    static final int ORDERS = 24;

    static {
        erp.start();
    }

    @DynamicPropertySource
    static void twoNodes(DynamicPropertyRegistry registry) {
        postgres.register(registry, "delivery-order");
        registry.add("twpay.delivery.uri", () -> erp.url("/erp/events"));
        registry.add("twpay.node-id", () -> "first-node");
    }

    @AfterAll
    static void stop() throws IOException {
        erp.stop();
        postgres.close();
    }

    @Autowired
    LedgerAppender ledger;
    @Autowired
    MeterRegistry meters;

    @Test
    void anOrdersEventsReachTheErpInTheirOrderWhicheverOfTwoNodesSendsThem() throws Exception {
        erp.stubFor(post(urlPathEqualTo("/erp/events")).willReturn(aResponse().withStatus(200)
                .withUniformRandomDelay(0, 25)));
        // every third order's CAPTURED event is refused once (503), then accepted
        for (int order = 0; order < ORDERS; order += 3) {
            String scenario = "refused-once-" + order;
            erp.stubFor(post(urlPathEqualTo("/erp/events")).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.subject", equalTo(orderNo(order))))
                    .withRequestBody(matchingJsonPath("$.data.status", equalTo("CAPTURED")))
                    .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("refused")
                    .willReturn(aResponse().withStatus(503)));
        }

        try (ConfigurableApplicationContext second = startSecondNode()) {
            ExecutorService writers = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> written = new ArrayList<>();
                for (int order = 0; order < ORDERS; order++) {
                    String orderNo = orderNo(order);
                    written.add(writers.submit(() -> LIFE.forEach(status ->
                            ledger.append(TestFacts.payment(orderNo, status)))));
                }
                for (Future<?> done : written) {
                    done.get(60, TimeUnit.SECONDS);
                }
            } finally {
                writers.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> acceptedIds().size() == ORDERS * LIFE.size());
            // both nodes took part
            assertThat(deliveries(meters)).isPositive();
            assertThat(deliveries(second.getBean(MeterRegistry.class))).isPositive();
        }

        List<ServeEvent> requests = erp.getAllServeEvents().stream()
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate())).toList();
        Map<String, String> contentOfId = new HashMap<>();
        Map<String, List<Attempt>> attemptsOfOrder = new LinkedHashMap<>();
        for (ServeEvent request : requests) {
            String body = request.getRequest().getBodyAsString();
            JsonNode event = CanonicalJson.mapper().readTree(body);
            String id = event.path("id").asText();
            assertThat(contentOfId.putIfAbsent(id, body)).as("every delivery of event %s", id).isIn(null, body);
            attemptsOfOrder.computeIfAbsent(event.path("subject").asText(), key -> new ArrayList<>())
                    .add(new Attempt(PaymentStatus.valueOf(event.path("data").path("status").asText()),
                            request.getResponse().getStatus() == 200));
        }
        assertThat(attemptsOfOrder).hasSize(ORDERS);
        attemptsOfOrder.forEach((orderNo, attempts) -> {
            int accepted = 0;
            for (Attempt attempt : attempts) {
                // an attempt is of the event after the last accepted one, or (a redelivery) of that one again
                int position = LIFE.indexOf(attempt.status());
                assertThat(position).as("%s: %s attempted after %s of %s accepted", orderNo, attempt.status(),
                        accepted, LIFE).isBetween(accepted - 1, accepted);
                if (attempt.accepted() && position == accepted) {
                    accepted++;
                }
            }
            assertThat(accepted).as(orderNo).isEqualTo(LIFE.size());
        });
    }

    /** Events a node's deliver-event route sent with success. */
    private static double deliveries(MeterRegistry registry) {
        return registry.getMeters().stream()
                .filter(meter -> "deliver-event".equals(meter.getId().getTag("routeId"))
                        && meter.getId().getName().toLowerCase(java.util.Locale.ROOT).contains("succeeded"))
                .flatMap(meter -> java.util.stream.StreamSupport.stream(meter.measure().spliterator(), false))
                .mapToDouble(io.micrometer.core.instrument.Measurement::getValue).sum();
    }

    private record Attempt(PaymentStatus status, boolean accepted) {
    }

    private static Set<String> acceptedIds() {
        Set<String> ids = new HashSet<>();
        for (ServeEvent request : erp.getAllServeEvents()) {
            if (request.getResponse().getStatus() == 200) {
                try {
                    ids.add(CanonicalJson.mapper().readTree(request.getRequest().getBodyAsString()).path("id").asText());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ids;
    }

    private static String orderNo(int order) {
        return "TWO-NODES-" + order;
    }

    /** A second hub on this test's PostgreSQL and ERP, with the test hub's settings, on a port of its own. */
    private static ConfigurableApplicationContext startSecondNode() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        PropertiesLoaderUtils.loadProperties(new ClassPathResource("hub-test.properties"))
                .forEach((key, value) -> settings.put((String) key, (String) value));
        settings.putAll(postgres.hubProperties("delivery-order"));
        settings.put("twpay.delivery.uri", erp.url("/erp/events"));
        settings.put("server.port", "0");
        settings.put("twpay.node-id", "second-node");
        settings.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(TwpayHubApplication.class).run(settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new));
    }
}
