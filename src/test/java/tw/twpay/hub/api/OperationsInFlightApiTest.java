package tw.twpay.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerAppender;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.LedgerRows;
import tw.twpay.hub.support.TestFacts;

/**
 * An operator sees the payment operations standing on orders and releases one no query could settle — only once its
 * outcome is unknown and the gateway has been heard about the order since it started (else the operation could be
 * sent twice). Settle-unknown-after is the default here (2 minutes).
 */
@HubTest
class OperationsInFlightApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerAppender ledger;

    private void standing(String orderNo, String operation, OffsetDateTime startedAt) {
        jdbc.update("insert into payment_operation_in_flight (provider, merchant, order_no, operation, amount_value,"
                + " currency, issued_by, started_at) values ('TESTPAY', 'shop-a', ?, ?, 400, 'TWD', 'test-erp', ?)",
                orderNo, operation, startedAt);
    }

    /** The gateway's word on the order, as a query stores it (here one the ledger does not follow: flagged). */
    private void gatewayReported(String orderNo) {
        ledger.append(TestFacts.payment(orderNo, PaymentStatus.AUTHORIZED, Money.twd(900), EventSource.QUERY));
    }

    private HttpResponse<String> release(HubHttp http, String orderNo, String body) {
        return http.post("/api/v1/operations-in-flight/testpay/shop-a/" + orderNo + "/release", "application/json",
                body);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return CanonicalJson.mapper().readTree(response.body());
    }

    @Test
    void anOperationIsReleasedOnlyOnceItsOutcomeIsUnknownAndTheGatewayWasAsked() throws Exception {
        HubHttp http = HubHttp.withKey(port, HubHttp.OPS_KEY);
        OffsetDateTime longAgo = OffsetDateTime.now().minusMinutes(10).truncatedTo(ChronoUnit.MICROS);
        standing("REL-AWAITED", "REFUND", OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS));
        standing("REL-UNKNOWN", "CAPTURE", longAgo);

        JsonNode listed = json(http.get("/api/v1/operations-in-flight"));
        assertThat(listed.path("more").asBoolean()).isFalse();
        JsonNode unknown = null;
        for (JsonNode operation : listed.path("operations")) {
            if (operation.path("orderNo").asText().equals("REL-UNKNOWN")) {
                unknown = operation;
            }
        }
        assertThat(unknown).isNotNull();
        assertThat(unknown.path("provider").asText()).isEqualTo("testpay");
        assertThat(unknown.path("operation").asText()).isEqualTo("capture");
        assertThat(unknown.path("amount").path("value").asText()).isEqualTo("400.00");
        assertThat(unknown.path("outcomeUnknown").asBoolean()).isTrue();
        assertThat(unknown.path("gatewayHeardAt").isTextual()).as("heard since").isFalse();
        assertThat(unknown.path("releasable").asBoolean()).isFalse();

        // its answer still awaited
        HttpResponse<String> awaited = release(http, "REL-AWAITED", "{\"reason\":\"stuck\"}");
        assertThat(awaited.statusCode()).isEqualTo(409);
        assertThat(json(awaited).path("detail").asText()).contains("awaiting its answer");
        // outcome unknown, but nobody asked the gateway since
        HttpResponse<String> blind = release(http, "REL-UNKNOWN", "{\"reason\":\"stuck\"}");
        assertThat(blind.statusCode()).isEqualTo(409);
        assertThat(json(blind).path("detail").asText())
                .contains("ask it first", "/api/v1/payments/testpay/shop-a/REL-UNKNOWN/query", "sent twice");
        assertThat(new LedgerRows(jdbc).operationsInFlight("REL-UNKNOWN")).isOne();

        gatewayReported("REL-UNKNOWN");
        assertThat(release(http, "REL-UNKNOWN", "").statusCode()).as("no reason").isEqualTo(400);
        assertThat(release(http, "REL-UNKNOWN", "{\"reason\":\"x\",\"force\":true}").statusCode()).isEqualTo(400);
        HttpResponse<String> released = release(http, "REL-UNKNOWN",
                "{\"reason\":\"capture not made: TapPay portal shows the trade authorised only\"}");

        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(json(released).path("released").path("operation").asText()).isEqualTo("capture");
        assertThat(json(released).path("released").path("gatewayHeardAt").isTextual()).isTrue();
        assertThat(new LedgerRows(jdbc).operationsInFlight("REL-UNKNOWN")).isZero();
        assertThat(jdbc.queryForMap("select operation, released_by, reason, started_at from payment_operation_release"
                + " where order_no = 'REL-UNKNOWN'"))
                .containsEntry("OPERATION", "CAPTURE").containsEntry("RELEASED_BY", "test-ops")
                .containsEntry("REASON", "capture not made: TapPay portal shows the trade authorised only");
        assertThat(release(http, "REL-UNKNOWN", "{\"reason\":\"again\"}").statusCode()).isEqualTo(404);
        assertThat(new LedgerRows(jdbc).operationsInFlight("REL-AWAITED")).isOne();
    }

    @Test
    void onlyOperatorsSeeOrReleaseOperations() {
        HubHttp reader = HubHttp.withKey(port, HubHttp.READER_KEY);
        assertThat(reader.get("/api/v1/operations-in-flight").statusCode()).isEqualTo(403);
        assertThat(release(reader, "REL-ANY", "{\"reason\":\"x\"}").statusCode()).isEqualTo(403);
        assertThat(HubHttp.anonymous(port).get("/api/v1/operations-in-flight").statusCode()).isEqualTo(401);
    }
}
