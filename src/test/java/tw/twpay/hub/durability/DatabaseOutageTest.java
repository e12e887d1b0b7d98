package tw.twpay.hub.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.callback.testpay.TestPayNotifyChannel;
import tw.twpay.hub.sandbox.SandboxErpInbox;
import tw.twpay.hub.support.ChildHub;
import tw.twpay.hub.support.EmbeddedLedgerPostgres;
import tw.twpay.hub.support.ErpInbox;
import tw.twpay.hub.support.HubHttp;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.web.ProblemDocument;

/**
 * The ledger's PostgreSQL server stops while the hub runs and starts again: callbacks and API calls get 503 with
 * Retry-After (so the gateway or the ERP retries) and health is DOWN meanwhile; the outbox poller and the scheduled
 * missed-notify poll back off and the outage is two log lines, not a stack trace per run (nor the lines of the
 * connection pools and of Quartz's clustered JDBC job store); afterwards everything works again without a restart of
 * the hub.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTest {

    static final int POSTGRES_PORT = ChildHub.freePort();
    /** spring.datasource.hikari.maximum-pool-size of config/application.yaml */
    static final int MAXIMUM_POOL_SIZE = 20;
    /** A log event (not a stack frame) of HikariCP or Quartz. */
    static final Pattern POOL_OR_QUARTZ_EVENT =
            Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT.* (com\\.zaxxer\\.hikari|org\\.quartz)\\..*");
    static final Path POSTGRES_DATA = createTempDirectory();
    static EmbeddedPostgres postgres = startPostgres();

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("twpay-outage-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().setPort(POSTGRES_PORT).setDataDirectory(POSTGRES_DATA)
                    .setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    @DynamicPropertySource
    static void ledgerOnPostgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + POSTGRES_PORT + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        registry.add("twpay.outage.first-backoff", () -> "PT0.2S");
        registry.add("twpay.outage.max-backoff", () -> "PT2S");
        // the missed-notify poll (a Quartz job reading the ledger) every second, so it runs during the outage too
        registry.add("twpay.providers.newebpay.missed-notify-cron", () -> "0/1 * * * * ?");
        // and the outbox retention job (it deletes on the ledger)
        registry.add("twpay.delivery.retention-cron", () -> "0/1 * * * * ?");
        // Quartz as in production: its clustered JDBC job store on the ledger database, with a pool of its own
        EmbeddedLedgerPostgres.clusteredQuartz("jdbc:postgresql://localhost:" + POSTGRES_PORT + "/postgres", "outage")
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    SandboxErpInbox inbox;

    private static Map<String, String> notify(String orderNo) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("orderNo", orderNo);
        fields.put("status", "AUTHORIZED");
        fields.put("amount", "855");
        fields.put("tradeNo", "T-" + orderNo);
        fields.put("signature", TestPayNotifyChannel.sign("secret-a", orderNo, "AUTHORIZED", "855", "T-" + orderNo));
        return fields;
    }

    @Test
    void outageAnswers503AndIsLoggedOnceAndTheHubRecoversWithoutRestart(CapturedOutput output) throws Exception {
        HubHttp http = new HubHttp(port);
        String notifyPath = "/callbacks/testpay/shop-a/notify";
        assertThat(http.postForm(notifyPath, notify("OUTAGE-BEFORE")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> ErpInbox.eventsAbout(inbox, "OUTAGE-BEFORE").size() == 1);
        int outputBefore = output.getAll().length();

        postgres.close();

        HttpResponse<String> refused = http.postForm(notifyPath, notify("OUTAGE-DURING"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        for (HttpResponse<String> apiCall : List.of(http.get("/api/v1/payments/testpay/shop-a/OUTAGE-BEFORE"),
                http.get("/api/v1/dead-letters"), http.get("/api/v1/reconciliations"),
                http.get("/api/v1/reconciliations/1/discrepancies"),
                http.send(http.request("/api/v1/dead-letters/redrive").POST(HttpRequest.BodyPublishers.noBody())))) {
            assertThat(apiCall.statusCode()).as(apiCall.request().method() + " " + apiCall.uri()).isEqualTo(503);
            assertThat(apiCall.headers().firstValue("Content-Type")).hasValue(ProblemDocument.MEDIA_TYPE);
            assertThat(apiCall.body()).contains("ledger database is unavailable");
            assertThat(apiCall.headers().firstValue("Retry-After")).isPresent();
            assertThat(apiCall.headers().map()).doesNotContainKeys("authorization", "Authorization", "user-agent");
        }
        HttpResponse<String> health = http.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"DOWN\"");
        // the poller keeps trying (backing off) for a while: still one line
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() ->
                count(output.getAll().substring(outputBefore), "ledger database unreachable") == 1);

        postgres = startPostgres();

        // the gateway's retry of the refused notify now goes through
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                http.postForm(notifyPath, notify("OUTAGE-DURING")).statusCode() == 200);
        await().atMost(Duration.ofSeconds(15)).until(() -> ErpInbox.eventsAbout(inbox, "OUTAGE-DURING").size() == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> http.get("/actuator/health").statusCode() == 200);

        String duringOutage = output.getAll().substring(outputBefore);
        assertThat(count(duringOutage, "ledger database unreachable")).isEqualTo(1);
        assertThat(count(duringOutage, "ledger database reachable again")).isEqualTo(1);
        // the pool and the transaction manager each report a connection that broke in use (at most every pooled
        // connection once: at the stop, or on its first use after the restart); nothing per poll or retry, which
        // before was a stack trace every 50 ms for the whole outage
        assertThat(logEventsWithStackTrace(duringOutage)).as("log events with a stack trace during the outage")
                .isLessThanOrEqualTo(2 * MAXIMUM_POOL_SIZE);
        assertThat(ErpInbox.eventsAbout(inbox, "OUTAGE-BEFORE")).hasSize(1);
        // nor do the connection pools and Quartz's job store say it again: nothing while the outage lasts, and the
        // pooled connections that all break at once are one line, not one each
        String outage = duringOutage.substring(duringOutage.indexOf("ledger database unreachable"),
                duringOutage.indexOf("ledger database reachable again"));
        assertThat(outage.lines().filter(line -> POOL_OR_QUARTZ_EVENT.matcher(line).matches()))
                .as("pool and Quartz log events while the ledger is down").isEmpty();
        assertThat(count(duringOutage, "Failed to validate connection")).isLessThanOrEqualTo(2);
    }

    private static int logEventsWithStackTrace(String log) {
        int events = 0;
        boolean counted = true;
        for (String line : log.split("\n")) {
            if (line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")) {
                // another hub of the test JVM whose database is gone (its clustered Quartz) is not this outage
                counted = line.contains("ClusterManager");
            } else if (line.startsWith("\tat ") && !counted) {
                events++;
                counted = true;
            }
        }
        return events;
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}
