package tw.twpay.hub.sandbox.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.tappay.TapPayJson;
import tw.twpay.hub.provider.tappay.TapPayMerchant;
import tw.twpay.hub.provider.tappay.TapPayMerchants;
import tw.twpay.hub.web.HtmlText;

/**
 * The simulated TapPay back end: Pay by Prime (frictionless, 3-D Secure with a payment page and a backend notify,
 * declines), Record, Trade History, Cap Today, Cap Cancel, Refund (a void before capture), Refund Cancel and
 * Reconciliation, all consistent with one in-memory set of trades. Every call must carry a sandbox merchant's
 * partner key in {@code x-api-key} and in the body.
 */
@Component("tapPayGatewaySimulator")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class TapPayGatewaySimulator {

    /** TapPay's published sandbox test prime for Direct Pay. */
    static final String TEST_PRIME = "test_3a2fb2b7e892b914a03c95dd4dd5dc7970c908df67a49527c0a648b2bc9";
    /** TapPay's published sandbox test primes of Apple Pay and Google Pay: paid at once, like Direct Pay's. */
    static final Set<String> WALLET_CARD_TEST_PRIMES = Set.of(
            "ap_test_utigjeyfutj5867uyjhuty47rythfjru485768tigjfheufhtu5i6ojk",
            "gp_test_utigjeyfutj5867uyjhuty47rythfjru485768tigjfheufhtu5i6ojk");
    /** LINE Pay's test primes (TapPay publishes {@code ln_test_utigj…}): a wallet, paid on its redirect page. */
    static final String LINE_PAY_TEST_PRIME_PREFIX = "ln_test_";

    private final TapPayMerchants merchants;
    private final SimulatedTapPayNotifier notifier;
    private final Clock clock;
    private final String baseUrl;
    private final Duration captureBatchDelay;
    private final Map<String, SimulatedTapPayTrade> trades = new ConcurrentHashMap<>();
    private final Map<String, String> byBankTransactionId = new ConcurrentHashMap<>();
    /** Stored cards by card_token: a card remembered by Pay by Prime, with its key, owner and TSP token status. */
    private final Map<String, SimulatedCard> cards = new ConcurrentHashMap<>();

    private static final class SimulatedCard {
        final String partnerKey;
        final String cardKey;
        /** cardholder.member_id of the call that stored the card; null when none was sent */
        final String memberId;
        volatile String tokenStatus = "ACTIVE";

        SimulatedCard(String partnerKey, String cardKey, String memberId) {
            this.partnerKey = partnerKey;
            this.cardKey = cardKey;
            this.memberId = memberId;
        }
    }
    private final AtomicLong sequence = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    public TapPayGatewaySimulator(TapPayMerchants merchants, SimulatedTapPayNotifier notifier, Clock clock,
                                  @Value("${twpay.providers.tappay.sandbox-base-url}") String baseUrl,
                                  @Value("${twpay.sandbox.tappay.capture-batch-delay:PT10S}") Duration delay) {
        this.merchants = merchants;
        this.notifier = notifier;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.captureBatchDelay = delay;
    }

    /** A call's JSON body, once its partner key is known to belong to a sandbox merchant. */
    private record Call(TapPayMerchant merchant, ObjectNode body) {
    }

    /** The refusal answers of TapPay's envelope. */
    private static String refusal(int status, String msg) {
        ObjectNode answer = TapPayJson.object();
        answer.put("status", status);
        answer.put("msg", msg);
        return TapPayJson.text(answer);
    }

    /**
     * Every API call: the caller must name a sandbox merchant by its partner key, in {@code x-api-key} and in the
     * body, as TapPay requires; otherwise TapPay's refusal is the answer and the handler is not run.
     */
    private String authenticated(String apiKey, String body, Function<Call, String> handler) {
        ObjectNode json = TapPayJson.parseObject(body);
        if (json == null) {
            return refusal(5, "Wrong JSON format");
        }
        String key = apiKey == null ? "" : apiKey;
        Optional<TapPayMerchant> merchant = merchants.sandboxMerchant(key);
        if (merchant.isEmpty() || !key.equals(TapPayJson.textField(json, "partner_key"))) {
            return refusal(80, "Invalid x-api-key or partner_key");
        }
        return handler.apply(new Call(merchant.get(), json));
    }

    /** A payment names the merchant of its partner key: merchant_id, or merchant_group_id for a group. */
    private static boolean namesItsMerchant(ObjectNode request, TapPayMerchant merchant) {
        return merchant.portalId().equals(TapPayJson.textField(request, merchant.merchantId() != null
                ? "merchant_id" : "merchant_group_id"));
    }

    private long now() {
        return clock.millis();
    }

    // ------------------------------------------------------------------ Pay by Prime

    public String payByPrime(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            ObjectNode request = call.body();
            TapPayMerchant merchant = call.merchant();
            if (!namesItsMerchant(request, merchant)) {
                return refusal(4, "Merchant not found for this partner key");
            }
            if (!request.path("amount").isIntegralNumber() || request.path("amount").asLong() <= 0) {
                // a string amount fails (tappay-nodejs issue #27)
                return refusal(5, "Wrong JSON format: amount must be a number");
            }
            String currency = request.path("currency").asText("TWD");
            String prime = TapPayJson.textField(request, "prime");
            boolean wallet = prime != null && prime.startsWith(LINE_PAY_TEST_PRIME_PREFIX);
            if (!TEST_PRIME.equals(prime) && !WALLET_CARD_TEST_PRIMES.contains(prime) && !wallet) {
                return refusal(121, "Invalid prime");
            }
            JsonNode holder = request.path("cardholder");
            if (TapPayJson.textField(holder, "phone_number") == null || TapPayJson.textField(holder, "name") == null
                    || TapPayJson.textField(holder, "email") == null) {
                return refusal(5, "cardholder phone_number, name and email are required");
            }
            String bankTransactionId = TapPayJson.textField(request, "bank_transaction_id");
            if (bankTransactionId == null) {
                bankTransactionId = "TP" + now() + sequence.incrementAndGet();
            } else if (!bankTransactionId.matches("[A-Z0-9]{1,40}")) {
                return refusal(5, "bank_transaction_id must be at most 40 upper-case letters and digits");
            }
            boolean threeDS = request.path("three_domain_secure").asBoolean(false) || wallet;
            JsonNode resultUrl = request.path("result_url");
            String backendNotify = TapPayJson.textField(resultUrl, "backend_notify_url");
            String frontendRedirect = TapPayJson.textField(resultUrl, "frontend_redirect_url");
            if (threeDS && (backendNotify == null || frontendRedirect == null)) {
                return refusal(5, "result_url is required for 3-D Secure and wallets");
            }
            // seed 002: frontend_redirect_url "must start with https"
            if (frontendRedirect != null && !frontendRedirect.startsWith("https://")) {
                return refusal(5, "result_url.frontend_redirect_url must start with https");
            }
            long amount = request.path("amount").asLong();
            String recTradeId = "D" + now() + String.format("%05d", sequence.incrementAndGet() % 100_000);
            SimulatedTapPayTrade trade = new SimulatedTapPayTrade(merchant.partnerKey(), merchant.portalId(), recTradeId,
                    bankTransactionId, TapPayJson.textField(request, "order_number"), amount, currency, now(),
                    frontendRedirect, backendNotify);
            if (byBankTransactionId.putIfAbsent(bankTransactionId, recTradeId) != null) {
                return refusal(10013, "Duplicate bank_transaction_id");
            }
            trades.put(recTradeId, trade);
            int delay = request.path("delay_capture_in_days").asInt(0);
            ObjectNode answer;
            synchronized (trade) {
                if (amount % 1000 == 402) {
                    trade.recordStatus = SimulatedTapPayTrade.ERROR;
                    answer = payAnswer(trade, 10003, "Card Error");
                    answer.put("bank_result_code", "05");
                    answer.put("bank_result_msg", "Do not honour");
                    return TapPayJson.text(answer);
                }
                if (threeDS) {
                    trade.recordStatus = SimulatedTapPayTrade.PENDING;
                    trade.delayCaptureInDays = delay;
                    answer = payAnswer(trade, 0, "Success");
                    answer.put("payment_url", baseUrl + "/payment-page/" + recTradeId);
                    return TapPayJson.text(answer);
                }
                authorise(trade, delay);
                answer = payAnswer(trade, amount % 1000 == 421 ? 421 : 0, amount % 1000 == 421 ? "Gateway timeout"
                        : "Success");
                if (request.path("remember").asBoolean(false)) {
                    String cardKey = "sandbox_key_" + Long.toHexString(random.nextLong());
                    String cardToken = "sandbox_token_" + Long.toHexString(random.nextLong());
                    cards.put(cardToken, new SimulatedCard(merchant.partnerKey(), cardKey,
                            TapPayJson.textField(holder, "member_id")));
                    ObjectNode secret = answer.putObject("card_secret");
                    secret.put("card_key", cardKey);
                    secret.put("card_token", cardToken);
                }
            }
            return TapPayJson.text(answer);
        });
    }

    private void authorise(SimulatedTapPayTrade trade, int delayCaptureInDays) {
        trade.recordStatus = SimulatedTapPayTrade.AUTH;
        trade.authCode = String.format("%06d", random.nextInt(1_000_000));
        trade.addHistory(0, trade.amount, now(), null);
        if (delayCaptureInDays >= 0) {
            trade.capMillis = now() + Duration.ofDays(delayCaptureInDays).toMillis() + captureBatchDelay.toMillis();
        }
    }

    private ObjectNode payAnswer(SimulatedTapPayTrade trade, int status, String msg) {
        ObjectNode answer = TapPayJson.object();
        answer.put("status", status);
        answer.put("msg", msg);
        answer.put("rec_trade_id", trade.recTradeId);
        answer.put("bank_transaction_id", trade.bankTransactionId);
        answer.put("order_number", trade.orderNumber == null ? "" : trade.orderNumber);
        answer.put("auth_code", trade.authCode == null ? "" : trade.authCode);
        answer.put("amount", trade.amount);
        answer.put("currency", trade.currency);
        answer.put("acquirer", "TW_SANDBOX");
        answer.put("transaction_time_millis", trade.time);
        ObjectNode bankTime = answer.putObject("bank_transaction_time");
        bankTime.put("start_time_millis", Long.toString(trade.time));
        bankTime.put("end_time_millis", Long.toString(now()));
        answer.set("card_info", trade.record().path("card_info"));
        answer.put("card_identifier", "sandbox_card_4242");
        answer.put("bank_result_code", "00");
        answer.put("bank_result_msg", "");
        return answer;
    }

    // ------------------------------------------------------------------ 3-D Secure page

    /** The bank's 3-D Secure page the customer is sent to: one button that completes the payment. */
    public String paymentPage(@Header("recTradeId") String recTradeId) {
        SimulatedTapPayTrade trade = trades.get(recTradeId);
        if (trade == null) {
            return "<!doctype html><html><body><p>No such payment.</p></body></html>";
        }
        return "<!doctype html><html><head><meta charset='utf-8'><title>TapPay sandbox 3-D Secure</title></head>"
                + "<body><p>TapPay sandbox: confirm the payment of " + trade.amount + " " + trade.currency + ".</p>"
                + "<form method='post' action='" + baseUrl + "/payment-page/" + recTradeId + "/complete'>"
                + "<button type='submit'>Confirm (OTP 1234)</button></form></body></html>";
    }

    /**
     * The customer passed 3-D Secure: the trade is authorised, TapPay posts the backend notify, and the browser is
     * sent on to the frontend redirect URL.
     */
    public String completePayment(@Header("recTradeId") String recTradeId) {
        SimulatedTapPayTrade trade = trades.get(recTradeId);
        if (trade == null) {
            return "<!doctype html><html><body><p>No such payment.</p></body></html>";
        }
        ObjectNode notify;
        synchronized (trade) {
            if (trade.recordStatus == SimulatedTapPayTrade.PENDING) {
                authorise(trade, trade.delayCaptureInDays);
            }
            notify = payAnswer(trade, 0, "Success");
        }
        notifier.post(trade.backendNotifyUrl, TapPayJson.text(notify), "backend notify of " + recTradeId);
        // the shop's address is the caller's text: written into the page as text, never as markup
        String back = HtmlText.escape(trade.frontendRedirectUrl + (trade.frontendRedirectUrl.contains("?") ? "&" : "?")
                + "rec_trade_id=" + recTradeId + "&status=0");
        return "<!doctype html><html><head><meta charset='utf-8'><meta http-equiv='refresh' content='0;url="
                + back + "'></head><body><p>Payment confirmed. <a href='" + back + "'>Back to the shop</a></p>"
                + "</body></html>";
    }

    // ------------------------------------------------------------------ stored cards

    /** The caller's stored card named by card_key and card_token; null when TapPay knows no such card. */
    private SimulatedCard card(Call call) {
        SimulatedCard card = cards.get(call.body().path("card_token").asText(""));
        if (card == null || !card.partnerKey.equals(call.merchant().partnerKey())
                || !card.cardKey.equals(call.body().path("card_key").asText(""))
                || "DELETED".equals(card.tokenStatus)) {
            return null;
        }
        return card;
    }

    public String payByToken(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            ObjectNode request = call.body();
            TapPayMerchant merchant = call.merchant();
            SimulatedCard card = card(call);
            if (card == null) {
                return refusal(2011, "Card not found. Invalid token.");
            }
            if (!"ACTIVE".equals(card.tokenStatus)) {
                return refusal(10003, "Card Error: token " + card.tokenStatus);
            }
            return chargeCard(merchant, request);
        });
    }

    /**
     * Pay by Card Token and Pay by Barcode once the card is known: amount (a number) and currency are required,
     * bank_transaction_id must be new; amounts ending in 402 decline, others authorise.
     */
    private String chargeCard(TapPayMerchant merchant, ObjectNode request) {
        if (!request.path("amount").isIntegralNumber() || request.path("amount").asLong() <= 0
                || TapPayJson.textField(request, "currency") == null) {
            return refusal(5, "Wrong JSON format: amount (number) and currency are required");
        }
        String bankTransactionId = TapPayJson.textField(request, "bank_transaction_id");
        if (bankTransactionId == null) {
            bankTransactionId = "TP" + now() + sequence.incrementAndGet();
        }
        long amount = request.path("amount").asLong();
        String recTradeId = "D" + now() + String.format("%05d", sequence.incrementAndGet() % 100_000);
        SimulatedTapPayTrade trade = new SimulatedTapPayTrade(merchant.partnerKey(), merchant.portalId(), recTradeId,
                bankTransactionId, TapPayJson.textField(request, "order_number"), amount,
                TapPayJson.textField(request, "currency"), now(), null, null);
        if (byBankTransactionId.putIfAbsent(bankTransactionId, recTradeId) != null) {
            return refusal(10013, "Duplicate bank_transaction_id");
        }
        trades.put(recTradeId, trade);
        synchronized (trade) {
            if (amount % 1000 == 402) {
                trade.recordStatus = SimulatedTapPayTrade.ERROR;
                ObjectNode answer = payAnswer(trade, 10003, "Card Error");
                answer.put("bank_result_code", "05");
                return TapPayJson.text(answer);
            }
            authorise(trade, request.path("delay_capture_in_days").asInt(0));
            return TapPayJson.text(payAnswer(trade, 0, "Success"));
        }
    }

    /** Bind Card: a 1-unit authorisation refunded at once, and the card's secrets. */
    public String bindCard(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            ObjectNode request = call.body();
            TapPayMerchant merchant = call.merchant();
            if (!TEST_PRIME.equals(TapPayJson.textField(request, "prime"))) {
                return refusal(121, "Invalid prime");
            }
            if (TapPayJson.textField(request, "currency") == null
                    || TapPayJson.textField(request.path("cardholder"), "phone_number") == null) {
                return refusal(5, "currency and cardholder are required");
            }
            String cardKey = "sandbox_key_" + Long.toHexString(random.nextLong());
            String cardToken = "sandbox_token_" + Long.toHexString(random.nextLong());
            SimulatedCard card = new SimulatedCard(merchant.partnerKey(), cardKey,
                    TapPayJson.textField(request.path("cardholder"), "member_id"));
            cards.put(cardToken, card);
            ObjectNode answer = envelope(0, "Success");
            answer.put("rec_trade_id", "D" + now() + String.format("%05d", sequence.incrementAndGet() % 100_000));
            answer.put("order_id", "TPBIND" + now());
            answer.put("currency", TapPayJson.textField(request, "currency"));
            answer.put("auth_code", String.format("%06d", random.nextInt(1_000_000)));
            answer.put("merchant_id", merchant.portalId());
            answer.put("acquirer", "TW_SANDBOX");
            ObjectNode secret = answer.putObject("card_secret");
            secret.put("card_token", cardToken);
            secret.put("card_key", cardKey);
            answer.set("card_info", cardInfo(card));
            answer.put("millis", now());
            answer.put("bank_result_code", "00");
            answer.put("bank_result_msg", "");
            answer.put("card_identifier", "sandbox_card_4242");
            return TapPayJson.text(answer);
        });
    }

    /** Update Cardholder: by card_token alone, as TapPay's document shows; echoes the latest cardholder. */
    public String updateCardholder(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            ObjectNode request = call.body();
            String cardToken = request.path("card_token").asText("");
            SimulatedCard card = cards.get(cardToken);
            if (card == null || !card.partnerKey.equals(call.merchant().partnerKey())
                    || "DELETED".equals(card.tokenStatus)) {
                return refusal(2011, "Card not found. Invalid token.");
            }
            ObjectNode answer = envelope(0, "Success");
            answer.put("card_token", cardToken);
            answer.put("update_millis", now());
            ObjectNode cardholder = answer.putObject("cardholder");
            for (String field : new String[] {"name", "phone_number", "email", "zip_code", "address", "national_id",
                    "member_id"}) {
                cardholder.put(field, request.path(field).asText(""));
            }
            return TapPayJson.text(answer);
        });
    }

    /** The affiliate (co-branded card) code the simulator's test card belongs to. */
    static final String SANDBOX_AFFILIATE_CODE = "SANDBOX_COBRAND";

    /** Check Affiliate Code of a stored card: result_code 0 when the card is of that code, 1 otherwise. */
    public String checkAffiliateCode(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            if (TapPayJson.textField(call.body(), "prime") != null) {
                return refusal(5, "prime cannot be sent with card_key and card_token");
            }
            if (card(call) == null) {
                return refusal(2011, "Card not found. Invalid token.");
            }
            ObjectNode answer = envelope(0, "Success");
            answer.put("result_code", SANDBOX_AFFILIATE_CODE.equals(TapPayJson.textField(call.body(),
                    "affiliate_code_name")) ? 0 : 1);
            return TapPayJson.text(answer);
        });
    }

    /** Card Metadata: the card and its TSP token status; 2011 for a card TapPay does not have (or removed). */
    public String cardMetadata(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            SimulatedCard card = card(call);
            if (card == null) {
                return refusal(2011, "Card not found. Invalid token.");
            }
            ObjectNode answer = envelope(0, "Success");
            answer.set("card_info", cardInfo(card));
            return TapPayJson.text(answer);
        });
    }

    private static ObjectNode cardInfo(SimulatedCard card) {
        ObjectNode info = TapPayJson.object();
        info.put("bin_code", "424242");
        info.put("last_four", "4242");
        info.put("issuer", "TapPay Sandbox Bank");
        info.put("funding", 0);
        info.put("type", 1);
        info.put("level", "");
        info.put("country", "TAIWAN");
        info.put("country_code", "TW");
        info.put("expiry_date", "203012");
        info.put("token_status", card.tokenStatus);
        return info;
    }

    public String removeCard(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            SimulatedCard card = card(call);
            if (card == null) {
                return refusal(2011, "Card not found. Invalid token.");
            }
            card.tokenStatus = "DELETED";
            return TapPayJson.text(envelope(0, "Success"));
        });
    }

    /**
     * Card Notify Sandbox: the card's token is suspended and TapPay posts the card notify (card_token as an array)
     * to {@code tsp_notify_url}.
     */
    public String cardNotifySandbox(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            SimulatedCard card = card(call);
            String notifyUrl = TapPayJson.textField(call.body(), "tsp_notify_url");
            if (card == null || notifyUrl == null) {
                return refusal(2011, "Card not found. Invalid token.");
            }
            card.tokenStatus = "SUSPENDED";
            ObjectNode notify = envelope(0, "Success");
            notify.putArray("card_token").add(call.body().path("card_token").asText());
            notify.set("card_info", cardInfo(card));
            ObjectNode art = notify.putObject("card_art_info");
            art.put("card_art_status", "NOT_SUPPORT");
            art.put("is_real_card_face", false);
            int answered = notifier.post(notifyUrl, TapPayJson.text(notify), "card notify");
            ObjectNode answer = envelope(0, "Success");
            answer.put("notify_answer_status", answered);
            return TapPayJson.text(answer);
        });
    }

    // ------------------------------------------------------------------ Get Member Card, barcodes, Push Token

    /** A barcode Get Barcode issued: the stored card it pays with, until it expires; used once. */
    private record IssuedBarcode(String partnerKey, String cardToken, long expiresMillis) {
    }

    private final Map<String, IssuedBarcode> barcodes = new ConcurrentHashMap<>();

    /** Get Member Card: the caller's cards still bound under member_id, with their card_token and card_info. */
    public String getMemberCard(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            String memberId = TapPayJson.textField(call.body(), "member_id");
            if (memberId == null) {
                return refusal(5, "member_id is required");
            }
            ObjectNode answer = envelope(0, "Success");
            answer.put("member_id", memberId);
            var list = answer.putArray("cards");
            cards.forEach((cardToken, card) -> {
                if (card.partnerKey.equals(call.merchant().partnerKey()) && memberId.equals(card.memberId)
                        && !"DELETED".equals(card.tokenStatus)) {
                    ObjectNode listed = cardInfo(card).deepCopy();
                    listed.remove("token_status");
                    listed.put("card_token", cardToken);
                    listed.put("card_identifier", "sandbox_card_4242");
                    list.add(listed);
                }
            });
            return TapPayJson.text(answer);
        });
    }

    /** Get Barcode: upper/lower-case letters and digits of barcode_length (default 15), valid barcode_update_secs. */
    public String getBarcode(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            if (card(call) == null) {
                return refusal(2011, "Card not found. Invalid token.");
            }
            int length = call.body().path("barcode_length").asInt(15);
            int seconds = call.body().path("barcode_update_secs").asInt(90);
            if (length < 5 || length > 60 || seconds < 1 || seconds > 86_400) {
                return refusal(5, "barcode_length must be 5 to 60, barcode_update_secs 1 to 86400");
            }
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder barcode = new StringBuilder();
            while (barcode.length() < length) {
                barcode.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            barcodes.put(barcode.toString(), new IssuedBarcode(call.merchant().partnerKey(),
                    call.body().path("card_token").asText(), now() + seconds * 1000L));
            ObjectNode answer = envelope(0, "Success");
            answer.put("barcode", barcode.toString());
            answer.put("barcode_update_secs", seconds);
            return TapPayJson.text(answer);
        });
    }

    /** Pay by Barcode: the barcode must be one Get Barcode issued to this merchant and still valid; used once. */
    public String payByBarcode(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            ObjectNode request = call.body();
            TapPayMerchant merchant = call.merchant();
            if (!namesItsMerchant(request, merchant)) {
                return refusal(4, "Merchant not found for this partner key");
            }
            if (TapPayJson.textField(request, "details") == null) {
                return refusal(5, "details is required");
            }
            IssuedBarcode barcode = barcodes.remove(request.path("barcode").asText(""));
            SimulatedCard card = barcode == null ? null : cards.get(barcode.cardToken());
            if (barcode == null || !barcode.partnerKey().equals(merchant.partnerKey())
                    || barcode.expiresMillis() < now() || card == null || !"ACTIVE".equals(card.tokenStatus)) {
                return refusal(10003, "Card Error: barcode invalid or expired");
            }
            return chargeCard(merchant, request);
        });
    }

    /** Push Token: the bank app's tsp_push_token is tokenised into a stored card (card_secret), ACTIVE. */
    public String pushToken(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            String pushToken = TapPayJson.textField(call.body(), "tsp_push_token");
            if (pushToken == null || pushToken.length() > 1000) {
                return refusal(5, "tsp_push_token is required (at most 1000 characters)");
            }
            String cardKey = "sandbox_key_" + Long.toHexString(random.nextLong());
            String cardToken = "sandbox_token_" + Long.toHexString(random.nextLong());
            SimulatedCard card = new SimulatedCard(call.merchant().partnerKey(), cardKey, null);
            cards.put(cardToken, card);
            ObjectNode answer = envelope(0, "Success");
            answer.put("card_network_status", "");
            answer.put("card_network_msg", "");
            answer.put("token_status", "ACTIVE");
            ObjectNode secret = answer.putObject("card_secret");
            secret.put("card_token", cardToken);
            secret.put("card_key", cardKey);
            ObjectNode info = cardInfo(card).deepCopy();
            info.remove("token_status");
            answer.set("card_info", info);
            ObjectNode cardholder = answer.putObject("cardholder");
            for (String field : new String[] {"name", "phone_number", "email", "zip_code", "address"}) {
                cardholder.put(field, "");
            }
            return TapPayJson.text(answer);
        });
    }

    // ------------------------------------------------------------------ Record, Trade History

    public String record(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            ObjectNode request = call.body();
            JsonNode filters = request.path("filters");
            int perPage = Math.max(1, Math.min(200, request.path("records_per_page").asInt(50)));
            int page = Math.max(0, request.path("page").asInt(0));
            List<ObjectNode> matching = new ArrayList<>();
            trades.values().stream()
                    .filter(trade -> trade.partnerKey.equals(call.merchant().partnerKey()))
                    .filter(trade -> matches(filters, "rec_trade_id", trade.recTradeId)
                            && matches(filters, "bank_transaction_id", trade.bankTransactionId)
                            && matches(filters, "order_number", trade.orderNumber))
                    .sorted((a, b) -> Long.compare(b.time, a.time))
                    .forEach(trade -> {
                        synchronized (trade) {
                            trade.settle(now());
                            matching.add(trade.record());
                        }
                    });
            ObjectNode answer = TapPayJson.object();
            int from = page * perPage;
            boolean last = from + perPage >= matching.size();
            answer.put("status", last ? 2 : 0);
            answer.put("msg", last ? "End of list" : "Success");
            answer.put("records_per_page", perPage);
            answer.put("page", page);
            answer.put("total_page_count", Math.max(1, (matching.size() + perPage - 1) / perPage));
            answer.put("number_of_transactions", matching.size());
            var records = answer.putArray("trade_records");
            matching.subList(Math.min(from, matching.size()), Math.min(from + perPage, matching.size()))
                    .forEach(records::add);
            return TapPayJson.text(answer);
        });
    }

    private static boolean matches(JsonNode filters, String field, String value) {
        String wanted = TapPayJson.textField(filters, field);
        return wanted == null || wanted.equals(value);
    }

    public String tradeHistory(@Header("x-api-key") String apiKey, @Body String body) {
        return onTrade(apiKey, body, (trade, request) -> {
            trade.settle(now());
            ObjectNode answer = TapPayJson.object();
            answer.put("status", 0);
            answer.put("msg", "Success");
            answer.put("rec_trade_id", trade.recTradeId);
            answer.put("currency", trade.currency);
            trade.history.forEach(answer.putArray("trade_history")::add);
            return answer;
        });
    }

    // ------------------------------------------------------------------ Cap Today, Cap Cancel

    public String capToday(@Header("x-api-key") String apiKey, @Body String body) {
        return onTrade(apiKey, body, (trade, request) -> {
            trade.settle(now());
            if (trade.captured) {
                return envelope(934, "Already captured");
            }
            if (trade.recordStatus != SimulatedTapPayTrade.AUTH) {
                return envelope(10005, "Trade cannot be captured");
            }
            if (trade.capMillis <= 0) {
                trade.capMillis = now() + captureBatchDelay.toMillis();
            }
            ObjectNode answer = envelope(0, "Success");
            answer.put("cap_millis", trade.capMillis);
            answer.put("currency", trade.currency);
            return answer;
        });
    }

    public String capCancel(@Header("x-api-key") String apiKey, @Body String body) {
        return onTrade(apiKey, body, (trade, request) -> {
            trade.settle(now());
            if (trade.captured) {
                return envelope(934, "Already captured");
            }
            if (trade.capMillis <= 0) {
                return envelope(935, "No capture scheduled");
            }
            trade.capMillis = 0;
            // seed 002 Cap Cancel Response: status, msg, currency, rec_trade_id
            ObjectNode answer = envelope(0, "Success");
            answer.put("currency", trade.currency);
            answer.put("rec_trade_id", trade.recTradeId);
            return answer;
        });
    }

    // ------------------------------------------------------------------ Refund, Refund Cancel

    public String refund(@Header("x-api-key") String apiKey, @Body String body) {
        return onTrade(apiKey, body, (trade, request) -> {
            trade.settle(now());
            if (trade.recordStatus != SimulatedTapPayTrade.AUTH && trade.recordStatus != SimulatedTapPayTrade.OK
                    && trade.recordStatus != SimulatedTapPayTrade.PARTIALLY_REFUNDED) {
                return envelope(4014, "Trade cannot be refunded");
            }
            JsonNode amountNode = request.path("amount");
            String refundId = "R" + now() + sequence.incrementAndGet();
            if (!trade.captured) {
                // a void: the whole authorisation, scheduled capture and all
                if (amountNode.isNumber() && amountNode.asLong() != trade.amount) {
                    return envelope(10024, "An uncaptured authorisation is refunded whole");
                }
                trade.capMillis = 0;
                trade.recordStatus = SimulatedTapPayTrade.REFUNDED;
                trade.addHistory(3, trade.amount, now(), refundId);
                return refundAnswer(trade, refundId, trade.amount, false);
            }
            long remaining = trade.amount - trade.refunded;
            long amount = amountNode.isNumber() ? amountNode.asLong() : remaining;
            if (amount <= 0 || amount > remaining) {
                return envelope(10051, "Refund amount out of range");
            }
            trade.refunded += amount;
            trade.refunds.add(new SimulatedTapPayTrade.Refund(refundId, amount, now()));
            trade.recordStatus = trade.refunded == trade.amount ? SimulatedTapPayTrade.REFUNDED
                    : SimulatedTapPayTrade.PARTIALLY_REFUNDED;
            trade.addHistory(3, amount, now(), refundId);
            return refundAnswer(trade, refundId, amount, true);
        });
    }

    private static ObjectNode refundAnswer(SimulatedTapPayTrade trade, String refundId, long amount,
                                           boolean captured) {
        ObjectNode answer = envelope(0, "Success");
        answer.put("refund_id", refundId);
        answer.put("refund_amount", amount);
        answer.put("is_captured", captured);
        answer.put("currency", trade.currency);
        return answer;
    }

    public String refundCancel(@Header("x-api-key") String apiKey, @Body String body) {
        return onTrade(apiKey, body, (trade, request) -> {
            String refundId = TapPayJson.textField(request, "refund_id");
            ObjectNode answer = envelope(0, "Success");
            answer.put("currency", trade.currency);
            answer.put("rec_trade_id", trade.recTradeId);
            var results = answer.putArray("result");
            for (SimulatedTapPayTrade.Refund refund : trade.refunds) {
                if (refund.cancelled || (refundId != null && !refundId.equals(refund.refundId))) {
                    continue;
                }
                refund.cancelled = true;
                trade.refunded -= refund.amount;
                trade.recordStatus = trade.refunded == 0 ? SimulatedTapPayTrade.OK
                        : SimulatedTapPayTrade.PARTIALLY_REFUNDED;
                ObjectNode result = results.addObject();
                // seed 002 Refund Cancel Response result[]: success, refund_id, amount, bank_result_code/msg
                result.put("success", true);
                result.put("refund_id", refund.refundId);
                result.put("amount", refund.amount);
                result.put("bank_result_code", "00");
                result.put("bank_result_msg", "");
            }
            if (results.isEmpty()) {
                return envelope(68, "No refund to cancel");
            }
            return answer;
        });
    }

    // ------------------------------------------------------------------ Reconciliation

    public String reconciliation(@Header("x-api-key") String apiKey, @Body String body) {
        return authenticated(apiKey, body, call -> {
            ObjectNode request = call.body();
            long start = request.path("start_time_millis").asLong(0);
            long end = request.path("end_time_millis").asLong(Long.MAX_VALUE);
            List<String> actions = new ArrayList<>();
            request.path("transaction_actions").forEach(action -> actions.add(action.asText()));
            // seed 002: merchant_ids and acquirers are both optional, "只可擇一使用" (not both), and its own request
            // example names neither (every merchant of the partner key). The simulated bank is one acquirer, so
            // acquirers, like neither, names every merchant
            List<String> merchantIds = new ArrayList<>();
            request.path("merchant_ids").forEach(id -> merchantIds.add(id.asText()));
            if (!merchantIds.isEmpty() && request.has("acquirers") || actions.isEmpty()
                    || !request.path("start_time_millis").canConvertToLong()
                    || !request.path("end_time_millis").canConvertToLong()) {
                return refusal(5, "Wrong JSON format: start_time_millis, end_time_millis and transaction_actions are "
                        + "required, merchant_ids and acquirers cannot both be sent");
            }
            int perPage = Math.max(1, Math.min(200, request.path("records_per_page").asInt(50)));
            int page = Math.max(0, request.path("page").asInt(0));
            List<ObjectNode> datas = new ArrayList<>();
            trades.values().stream()
                    .filter(trade -> trade.partnerKey.equals(call.merchant().partnerKey()))
                    .filter(trade -> merchantIds.isEmpty() || merchantIds.contains(trade.merchantId))
                    .sorted((a, b) -> Long.compare(a.time, b.time))
                    .forEach(trade -> {
                        synchronized (trade) {
                            trade.settle(now());
                            if (actions.contains("CAPTURE") && trade.captured && trade.capMillis >= start
                                    && trade.capMillis <= end) {
                                datas.add(reconciliationData(trade, "CAPTURE", trade.amount, trade.capMillis));
                            }
                            if (actions.contains("REFUND")) {
                                trade.refunds.stream().filter(refund -> !refund.cancelled
                                                && refund.millis >= start && refund.millis <= end)
                                        .forEach(refund -> datas.add(reconciliationData(trade, "REFUND", refund.amount,
                                                refund.millis)));
                            }
                        }
                    });
            int from = page * perPage;
            boolean last = from + perPage >= datas.size();
            ObjectNode answer = envelope(last ? 2 : 0, last ? "End of list" : "Success");
            answer.put("records_per_page", perPage);
            answer.put("page", page);
            answer.put("total_page_count", Math.max(1, (datas.size() + perPage - 1) / perPage));
            answer.put("number_of_transactions", datas.size());
            var list = answer.putArray("reconciliation_datas");
            datas.subList(Math.min(from, datas.size()), Math.min(from + perPage, datas.size())).forEach(list::add);
            return TapPayJson.text(answer);
        });
    }

    private static ObjectNode reconciliationData(SimulatedTapPayTrade trade, String action, long amount,
                                                 long millis) {
        ObjectNode data = TapPayJson.object();
        data.put("merchant_id", trade.merchantId);
        data.put("acquirer", "TW_SANDBOX");
        data.put("payment_method", "direct_pay");
        data.put("rec_trade_id", trade.recTradeId);
        data.put("bank_transaction_id", trade.bankTransactionId);
        data.put("order_number", trade.orderNumber == null ? "" : trade.orderNumber);
        data.put("millis", millis);
        data.put("bank_transaction_millis", millis);
        data.put("transaction_action", action);
        data.put("transaction_result", true);
        data.put("trade_amount", amount);
        data.put("auth_millis", trade.time);
        data.put("auth_amount", trade.amount);
        data.put("currency", trade.currency);
        data.put("partial_card_number", "424242****4242");
        data.put("card_type", 1);
        data.put("auth_code", trade.authCode == null ? "" : trade.authCode);
        return data;
    }

    // ------------------------------------------------------------------ helpers

    private interface TradeCall {
        ObjectNode apply(SimulatedTapPayTrade trade, ObjectNode request);
    }

    /** A call on one trade of the caller's merchant, serialised on that trade. */
    private String onTrade(String apiKey, String body, TradeCall action) {
        return authenticated(apiKey, body, call -> {
            SimulatedTapPayTrade trade = trades.get(call.body().path("rec_trade_id").asText(""));
            if (trade == null || !trade.partnerKey.equals(call.merchant().partnerKey())) {
                return refusal(10006, "Trade not found");
            }
            synchronized (trade) {
                return TapPayJson.text(action.apply(trade, call.body()));
            }
        });
    }

    private static ObjectNode envelope(int status, String msg) {
        ObjectNode answer = TapPayJson.object();
        answer.put("status", status);
        answer.put("msg", msg);
        return answer;
    }
}
