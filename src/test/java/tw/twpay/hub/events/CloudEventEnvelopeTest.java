package tw.twpay.hub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.canonical.CardAction;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.support.CanonicalEventSchema;

class CloudEventEnvelopeTest {

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

        JsonNode json = CanonicalJson.mapper().readTree(CloudEventEnvelope.toJson("id-1", event));

        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("id").asText()).isEqualTo("id-1");
        assertThat(json.path("source").asText()).isEqualTo("/twpay-hub/newebpay/shop");
        assertThat(json.path("subject").asText()).isEqualTo("ORDER1");
        assertThat(json.path("data").path("amount").path("value").asText()).isEqualTo("855.00");
        assertThat(json.path("data").path("amount").path("value").isTextual()).isTrue();
        assertThat(json.path("data").path("occurredAt").asText()).isEqualTo("2026-11-01T10:00:00+08:00");
        assertThat(json.path("data").path("providerMessage").asText()).isEqualTo("授權成功");
        var withRealId = (com.fasterxml.jackson.databind.node.ObjectNode) json;
        withRealId.put("id", EventIds.forFact("x"));
        CanonicalEventSchema.assertValid(withRealId);
    }

    @Test
    void cardLifecycleEventMatchesTheSchema() throws Exception {
        CardLifecycleEvent event = new CardLifecycleEvent("NEWEBPAY", "shop", "MS1", "TOKEN-1", TokenStatus.ACTIVE,
                "2031-05", 3, List.of(LocalDate.of(2026, 12, 1)), CardAction.UPDATE_EXPIRY, null, TAIPEI_TIME,
                TAIPEI_TIME, EventSource.CALLBACK, "ACTIVE", null, null);

        JsonNode json = CanonicalJson.mapper().readTree(CloudEventEnvelope.toJson(EventIds.forFact("card"), event));

        CanonicalEventSchema.assertValid(json);
        assertThat(json.path("type").asText()).isEqualTo("tw.twpay.card-lifecycle.v1");
        assertThat(json.path("data").path("scheduleDates").get(0).asText()).isEqualTo("2026-12-01");
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
