package tw.twpay.hub.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tw.twpay.hub.provider.tappay.TapPayPaths;
import tw.twpay.hub.provider.tappay.TapPayTrades;

/**
 * The TapPay side of {@link NotifyLoadBenchmark} ({@code --bench.target=tappay}): TapPay's back end as a WireMock on
 * loopback answering Pay by Prime (3-D Secure: a payment_url, the order stays PENDING) and Record (the trade
 * authorised, for the amount and currency of the order) from the request, so that any number of orders can be
 * paid and confirmed; the PENDING orders each level's notifies are about, created through the ERP API before the
 * level (not timed); and the backend notify TapPay would post for each.
 */
final class TapPayNotifyLoad implements AutoCloseable {

    static final String MERCHANT = "shop-tappay";
    static final String NOTIFY_PATH = "/callbacks/tappay/" + MERCHANT + "/notify";
    /** Every order is of this amount: Record's answer is a template and must agree with the order. */
    private static final long AMOUNT = 990;
    private static final String SANDBOX_CLIENT_KEY = "twpay-sandbox-key-not-for-production";

    private final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort()
            .containerThreads(32).jettyAcceptors(1));

    TapPayNotifyLoad() {
        gateway.start();
        // the hub's bank_transaction_id doubles as TapPay's rec_trade_id: Record can answer from its filter alone
        gateway.stubFor(post(urlEqualTo(TapPayPaths.PAY_BY_PRIME)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withTransformers("response-template").withBody("""
                        {"status":0,"msg":"Success","rec_trade_id":"{{jsonPath request.body '$.bank_transaction_id'}}",
                         "bank_transaction_id":"{{jsonPath request.body '$.bank_transaction_id'}}",
                         "amount":{{jsonPath request.body '$.amount'}},"currency":"TWD","auth_code":"",
                         "order_number":"{{jsonPath request.body '$.order_number'}}","acquirer":"TW_CTBC",
                         "payment_url":"https://sandbox.tappaysdk.example/3ds","bank_result_code":"","bank_result_msg":""}""")));
        gateway.stubFor(post(urlEqualTo(TapPayPaths.RECORD)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withTransformers("response-template").withBody("""
                        {"status":2,"msg":"End of list","records_per_page":10,"page":0,"total_page_count":1,
                         "number_of_transactions":1,"trade_records":[
                         {"rec_trade_id":"{{jsonPath request.body '$.filters.rec_trade_id'}}",
                          "bank_transaction_id":"{{jsonPath request.body '$.filters.rec_trade_id'}}",
                          "merchant_id":"twpay_sandbox_CTBC","amount":%d,"original_amount":%d,"refunded_amount":0,
                          "currency":"TWD","record_status":0,"is_captured":false,"cap_millis":0,
                          "auth_code":"123456","time":1764140000000}]}""".formatted(AMOUNT, AMOUNT))));
    }

    /** The hub's arguments: its TapPay sandbox merchant talks to this gateway; the missed-notify poll keeps away. */
    List<String> hubArgs() {
        return List.of("--twpay.providers.tappay.sandbox-base-url=http://127.0.0.1:" + gateway.port(),
                "--twpay.providers.tappay.missed-notify-after=PT1H");
    }

    /** Pays orders {@code prefix0..prefix(count-1)} by prime with 3-D Secure through the ERP API: all PENDING. */
    void createPendingOrders(int hubPort, String prefix, int count) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI payments = URI.create("http://127.0.0.1:" + hubPort + "/api/v1/payments");
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            Thread worker = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count && failure.get() == null) {
                    try {
                        HttpResponse<String> paid = client.send(HttpRequest.newBuilder(payments)
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + SANDBOX_CLIENT_KEY)
                                .POST(HttpRequest.BodyPublishers.ofString(payment(prefix + i))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (paid.statusCode() != 200 || !paid.body().contains("REDIRECT")) {
                            failure.compareAndSet(null, paid.statusCode() + " " + paid.body());
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e.toString());
                    }
                }
            }, "tappay-orders-" + w);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("creating the PENDING TapPay orders failed: " + failure.get());
        }
    }

    private static String payment(String orderNo) {
        return """
                {"provider":"tappay","merchant":"%s","orderNo":"%s","amount":{"value":"%d","currency":"TWD"},
                 "description":"Load","prime":"test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9",
                 "threeDS":true,"returnUrl":"https://shop.example/back","capture":"manual",
                 "cardholder":{"phone":"+886912345678","name":"Load Test","email":"load@example.com"}}"""
                .formatted(MERCHANT, orderNo, AMOUNT);
    }

    /** The backend notify of an order's trade, with the fields TapPay is observed to send (order_number empty). */
    static String notifyJson(String orderNo) {
        String id = TapPayTrades.bankTransactionId(MERCHANT, orderNo);
        return ("{\"status\":0,\"msg\":\"Success\",\"rec_trade_id\":\"%s\",\"bank_transaction_id\":\"%s\","
                + "\"amount\":%d,\"order_number\":\"\",\"acquirer\":\"TW_CTBC\","
                + "\"transaction_time_millis\":1764140000000,\"bank_result_code\":\"00\",\"bank_result_msg\":\"\"}")
                .formatted(id, id, AMOUNT);
    }

    @Override
    public void close() {
        gateway.stop();
    }
}
