package tw.twpay.hub.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.FileSystemUtils;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.sandbox.newebpay.SandboxCodec;
import tw.twpay.hub.provider.newebpay.SealedTradeInfo;
import tw.twpay.hub.support.ChildHub;
import tw.twpay.hub.support.RecordingErp;

/**
 * Acknowledged means durable: the hub in its own process on the embedded default (H2 file under its data
 * directory), NewebPay notifies from several threads, SIGKILL at a random moment, a restart on the same data. Every
 * notify the hub answered SUCCESS before it died must be in the ledger once and reach the ERP (which runs in this JVM
 * and so outlives the hub); an event id that reaches the ERP twice carries the same content both times.
 */
class KillNineTest {

    private static final String MERCHANT = "shop";
    private static final int SENDERS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAcknowledgedNotifySurvivesKillNineAndReachesTheErp() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path work = Files.createTempDirectory("twpay-kill9");
        Path data = work.resolve("data");
        Path log = work.resolve("hub.log");
        int port = ChildHub.freePort();
        Notifies notifies = new Notifies(Long.toString(seed % 1_000_000, 36).toUpperCase());
        Map<String, String> acknowledged = new ConcurrentHashMap<>();

        try (RecordingErp erp = new RecordingErp()) {
            String[] hubArgs = {
                    "--twpay.data-dir=" + data,
                    "--twpay.delivery.uri=" + erp.url("/erp/events?token=kill9"),
                    "--twpay.delivery.poll-interval-ms=100",
                    "--logging.level.tw.twpay=WARN"};

            ChildHub first = ChildHub.start(port, log, hubArgs);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                Thread thread = new Thread(() -> send(first.baseUrl(), notifies, sender, acknowledged, stop),
                        "notify-sender-" + s);
                thread.start();
                senders.add(thread);
            }
            int killAfter = 50 + random.nextInt(2000);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(1))
                    .until(() -> acknowledged.size() >= killAfter);
            first.kill();
            int acknowledgedBeforeKill = acknowledged.size();
            stop.set(true);
            for (Thread thread : senders) {
                thread.join(10_000);
            }
            assertThat(acknowledged).as("notifies answered after the kill").hasSize(acknowledgedBeforeKill);

            ChildHub second = ChildHub.start(port, log, hubArgs);
            try {
                await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
                    Set<String> missing = new HashSet<>(acknowledged.keySet());
                    missing.removeAll(ordersAtTheErp(erp));
                    assertThat(missing).as("acknowledged orders (of " + acknowledged.size() + ") the ERP did not"
                            + " receive (seed " + seed + ", killed after " + killAfter + " acknowledged)").isEmpty();
                });
            } finally {
                second.stop();
            }

            for (RecordingErp.Received received : erp.accepted()) {
                assertThat(received.method()).isEqualTo("POST");
                assertThat(received.rawQuery()).isEqualTo("token=kill9");
            }
            Map<String, Set<String>> contentById = new HashMap<>();
            for (RecordingErp.Received received : erp.accepted()) {
                contentById.computeIfAbsent(JSON.readTree(received.body()).path("id").asText(), id -> new HashSet<>())
                        .add(received.body());
            }
            assertThat(contentById.values()).as("an event id delivered with different content")
                    .allMatch(contents -> contents.size() == 1);
        }

        try (Connection ledger = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("twpay-hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            Map<String, Integer> journalRows = countBySubject(ledger, "select subject from ledger_journal");
            Map<String, Integer> orderRows = countBySubject(ledger, "select order_no from ledger_order");
            for (String orderNo : acknowledged.keySet()) {
                assertThat(journalRows.get(orderNo)).as("journal rows of acknowledged " + orderNo + " (seed " + seed
                        + ")").isEqualTo(1);
                assertThat(orderRows.get(orderNo)).as("order row of acknowledged " + orderNo).isEqualTo(1);
            }
            assertThat(journalRows.values()).as("a fact in the ledger twice").allMatch(count -> count == 1);
        }
        FileSystemUtils.deleteRecursively(work);
        System.out.printf("kill -9 test (seed %d): %d notifies acknowledged before the kill, all in the ledger and"
                + " at the ERP%n", seed, acknowledged.size());
    }

    /** Sends distinct notifies until told to stop; records the order of every one answered 200 SUCCESS. */
    private static void send(String baseUrl, Notifies notifies, int sender, Map<String, String> acknowledged,
                             AtomicBoolean stop) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        for (int n = 0; !stop.get(); n++) {
            String orderNo = notifies.orderNo(sender, n);
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                                URI.create(baseUrl + "/callbacks/newebpay/" + MERCHANT + "/notify"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(notifies.form(orderNo, sender, n))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && "SUCCESS".equals(answer.body())) {
                    acknowledged.put(orderNo, notifies.tradeNo(sender, n));
                }
            } catch (Exception e) {
                // the hub died under this request: not acknowledged, the gateway would send it again
            }
        }
    }

    private static Set<String> ordersAtTheErp(RecordingErp erp) throws Exception {
        Set<String> orders = new HashSet<>();
        for (RecordingErp.Received received : erp.accepted()) {
            JsonNode event = JSON.readTree(received.body());
            orders.add(event.path("data").path("orderNo").asText());
        }
        return orders;
    }

    private static Map<String, Integer> countBySubject(Connection connection, String query) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                counts.merge(rs.getString(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Genuine notifies of the sandbox merchant {@code shop}, signed with its keys from config/application.yaml. */
    private static final class Notifies {
        private final String run;
        private final String merchantId;
        private final SandboxCodec codec;

        Notifies(String run) {
            this.run = run;
            YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
            yaml.setResources(new FileSystemResource("config/application.yaml"));
            Properties config = yaml.getObject();
            String prefix = "twpay.providers.newebpay.merchants." + MERCHANT + ".";
            this.merchantId = config.getProperty(prefix + "merchant-id");
            this.codec = new SandboxCodec(MerchantHashKeys.of(config.getProperty(prefix + "hash-key"),
                    config.getProperty(prefix + "hash-iv")));
        }

        String orderNo(int sender, int n) {
            return "K9" + run + "-" + sender + "-" + n;
        }

        String tradeNo(int sender, int n) {
            return "26K9%02d%08d".formatted(sender, n);
        }

        String form(String orderNo, int sender, int n) {
            String result = """
                    {"Status":"SUCCESS","Message":"\\u6388\\u6b0a\\u6210\\u529f","Result":{"MerchantID":"%s",\
                    "Amt":%d,"TradeNo":"%s","MerchantOrderNo":"%s","PaymentType":"CREDIT","RespondType":"JSON",\
                    "PayTime":"2026-11-26 14:21:59","IP":"203.0.113.9","EscrowBank":"HNCB","AuthBank":"KGI",\
                    "RespondCode":"00","Auth":"115468","Card6No":"400022","Card4No":"1111","Exp":"3012",\
                    "TokenUseStatus":0,"PaymentMethod":"CREDIT"}}"""
                    .formatted(merchantId, 100 + n % 900, tradeNo(sender, n), orderNo);
            SealedTradeInfo sealed = codec.sealText(result);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("Status", "SUCCESS");
            form.put("MerchantID", merchantId);
            form.put("Version", "2.0");
            form.put("TradeInfo", sealed.tradeInfo());
            form.put("TradeSha", sealed.tradeSha());
            return form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }
}
