package tw.twpay.hub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.canonical.CanonicalEvent;
import tw.twpay.hub.canonical.CardAction;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.EventFlag;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.canonical.RecurringCharge;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.support.CanonicalEventSchema;

class CloudEventEnvelopeTest {

    private static final CloudEventEnvelope ENVELOPE = new CloudEventEnvelope("https://pay.example.com/twpay/");
    private static final OffsetDateTime TAIPEI_TIME = OffsetDateTime.of(2026, 11, 1, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    @Test
    void sameFactKeyAlwaysGivesTheSameVersion5Id() {
        String id = EventIds.forFact("NEWEBPAY|shop|ORDER1|23092714215835071|SUCCESS");
        assertThat(EventIds.forFact("NEWEBPAY|shop|ORDER1|23092714215835071|SUCCESS")).isEqualTo(id);
        assertThat(EventIds.forFact("NEWEBPAY|shop|ORDER1|23092714215835071|FAILED")).isNotEqualTo(id);
        assertThat(java.util.UUID.fromString(id).version()).isEqualTo(5);
    }

    @Test
    void paymentEventIsStructuredCloudEventMatchingTheSchema() throws Exception {
        PaymentEvent event = new PaymentEvent("NEWEBPAY", "shop", "MS127874575", "ORDER1", "23092714215835071",
                PaymentStatus.AUTHORIZED, Money.twd(855), "CREDIT", new CardSummary("400022", "1111", "VISA", "2030-12"),
                "115468", TAIPEI_TIME, TAIPEI_TIME.plusSeconds(3), EventSource.CALLBACK, "SUCCESS", "00", "授權成功", null, null);

        JsonNode json = CanonicalJson.mapper().readTree(ENVELOPE.toJson("id-1", event));

        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("id").asText()).isEqualTo("id-1");
        assertThat(json.path("source").asText()).isEqualTo("/twpay-hub/newebpay/shop");
        assertThat(json.path("subject").asText()).isEqualTo("ORDER1");
        // CloudEvents 1.0 types dataschema as an absolute URI
        assertThat(json.path("dataschema").asText())
                .isEqualTo("https://pay.example.com/twpay/api/v1/schema/payment-event.json");
        assertThat(json.path("data").path("amount").path("value").asText()).isEqualTo("855.00");
        assertThat(json.path("data").path("amount").path("value").isTextual()).isTrue();
        assertThat(json.path("data").path("occurredAt").asText()).isEqualTo("2026-11-01T10:00:00+08:00");
        assertThat(json.path("data").path("providerMessage").asText()).isEqualTo("授權成功");
        var withRealId = (com.fasterxml.jackson.databind.node.ObjectNode) json;
        withRealId.put("id", EventIds.forFact("x"));
        CanonicalEventSchema.assertValid(withRealId);
    }

    @Test
    void theDataSchemaIsBuiltOnAnAbsolutePublicAddressOnly() {
        assertThat(ENVELOPE.dataSchema(new CardLifecycleEvent("NEWEBPAY", "shop", "MS1", "TOKEN-1", TokenStatus.ACTIVE,
                null, null, List.of(), CardAction.UPDATE_EXPIRY, null, null, TAIPEI_TIME, EventSource.CALLBACK, null,
                null, null))).isEqualTo("https://pay.example.com/twpay/api/v1/schema/payment-event.json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CloudEventEnvelope("/twpay"))
                .isInstanceOf(tw.twpay.hub.config.InvalidConfigurationException.class)
                .hasMessageStartingWith("twpay.public-base-url: must be an absolute address");
    }

    @Test
    void cardLifecycleEventMatchesTheSchema() throws Exception {
        CardLifecycleEvent event = new CardLifecycleEvent("NEWEBPAY", "shop", "MS1", "TOKEN-1", TokenStatus.ACTIVE,
                "2031-05", 3, List.of(LocalDate.of(2026, 12, 1)), CardAction.UPDATE_EXPIRY, null, TAIPEI_TIME,
                TAIPEI_TIME, EventSource.CALLBACK, "ACTIVE", null, null);

        JsonNode json = CanonicalJson.mapper().readTree(ENVELOPE.toJson(EventIds.forFact("card"), event));

        CanonicalEventSchema.assertValid(json);
        assertThat(json.path("type").asText()).isEqualTo("tw.twpay.card-lifecycle.v1");
        assertThat(json.path("data").path("scheduleDates").get(0).asText()).isEqualTo("2026-12-01");
    }

    /**
     * The one-pass writer writes what the CloudEvents SDK's JSON format wrote (the hub used the SDK until the writer
     * replaced it), byte for byte: payment events with and without their optional parts, text that needs escaping,
     * other offsets, and the other event types.
     */
    @Test
    void writesWhatTheCloudEventsSdkWrites() {
        Random random = new Random(20261127);
        List<CanonicalEvent> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            events.add(randomPayment(random, i));
        }
        events.add(new CardLifecycleEvent("NEWEBPAY", "shop", "MS1", "TOKEN-1", TokenStatus.ACTIVE,
                "2031-05", 3, List.of(LocalDate.of(2026, 12, 1)), CardAction.UPDATE_EXPIRY, null, TAIPEI_TIME,
                TAIPEI_TIME, EventSource.CALLBACK, "ACTIVE", null, null));
        events.add(new CardLifecycleEvent("NEWEBPAY", "shop", "MS1", "TOKEN-2", TokenStatus.ACTIVE,
                null, null, List.of(), CardAction.UPDATE_EXPIRY, null, null,
                TAIPEI_TIME, EventSource.CALLBACK, null, null, "卡片\"更新\"\n"));
        for (CanonicalEvent event : events) {
            String id = EventIds.forFact(event.subject() + "|" + event.receivedAt());
            assertThat(ENVELOPE.toJson(id, event)).isEqualTo(sdkJson(id, event));
        }
    }

    private static String sdkJson(String id, CanonicalEvent event) {
        OffsetDateTime time = event.occurredAt() != null ? event.occurredAt() : event.receivedAt();
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(CloudEventEnvelope.source(event.provider(), event.merchant())))
                .withType(event.eventType())
                .withSubject(event.subject())
                .withTime(time)
                .withDataSchema(URI.create(ENVELOPE.dataSchema(event)))
                .withData("application/json", CanonicalJson.toBytes(event))
                .build();
        return new String(new JsonFormat().serialize(cloudEvent), StandardCharsets.UTF_8);
    }

    private static final String[] TEXT = {"授權成功", "a\"quoted\" word", "back\\slash", "tab\there", "line\nbreak",
        "control\u0001char", "emoji \uD83D\uDCB3", "</script>", "", " ", "SUCCESS", "ünïcödé"};

    private static String text(Random random) {
        return random.nextInt(4) == 0 ? null : TEXT[random.nextInt(TEXT.length)] + random.nextInt(1000);
    }

    private static PaymentEvent randomPayment(Random random, int i) {
        OffsetDateTime received = OffsetDateTime.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(3) * 1_000_000 * 123,
                ZoneOffset.ofHoursMinutes(random.nextInt(3) == 0 ? 0 : 8, random.nextInt(4) == 0 ? 30 : 0));
        return new PaymentEvent(
                List.of("NEWEBPAY", "TAPPAY", "FLASHPAY").get(random.nextInt(3)), "shop-" + random.nextInt(3),
                text(random), "ORDER" + i, text(random),
                PaymentStatus.values()[random.nextInt(PaymentStatus.values().length)],
                random.nextBoolean() ? null : new Money(new java.math.BigDecimal(random.nextInt(100_000)).movePointLeft(
                        random.nextInt(3)), random.nextBoolean() ? "TWD" : "USD"),
                text(random),
                random.nextBoolean() ? null : new CardSummary("400022", "1111", text(random), "2030-12"),
                text(random),
                random.nextBoolean() ? null : received.minusSeconds(random.nextInt(100_000)),
                received, EventSource.values()[random.nextInt(EventSource.values().length)],
                text(random), text(random), text(random),
                random.nextInt(5) == 0 ? List.of(EventFlag.UNKNOWN_ORDER) : List.of(),
                random.nextInt(5) == 0 ? new RecurringCharge("M" + i, "MO" + i, 2, 12, LocalDate.of(2027, 1, 5))
                        : null);
    }

    @Test
    void schemaRejectsAFloatingPointAmount() throws Exception {
        JsonNode json = CanonicalJson.mapper().readTree("""
                {"specversion":"1.0","id":"%s","source":"/twpay-hub/newebpay/shop","type":"tw.twpay.payment.v1",
                 "datacontenttype":"application/json",
                 "data":{"provider":"NEWEBPAY","merchant":"shop","orderNo":"O","status":"CAPTURED",
                         "receivedAt":"2026-11-01T10:00:00+08:00","source":"CALLBACK",
                         "amount":{"value":855.0,"currency":"TWD"}}}""".formatted(EventIds.forFact("y")));
        assertThat(CanonicalEventSchema.validate(json)).isNotEmpty();
    }
}
