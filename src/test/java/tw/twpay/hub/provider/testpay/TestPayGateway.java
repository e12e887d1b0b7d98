package tw.twpay.hub.provider.testpay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.ProviderId;

/**
 * The test-only provider's back end (played by WireMock in tests): JSON requests with an {@code x-api-key} header, a
 * trade lookup answering {@code {"status":"CAPTURED","amount":"855","tradeNo":"T-1"}} or {@code {"status":"UNKNOWN"}}.
 * What a real provider package would hold as its request builders and answer mappers, in a few lines.
 */
@Component
public class TestPayGateway {

    public static final ProviderId ID = ProviderId.of("testpay");
    public static final String API_KEY = "testpay-api-key";
    /** Generous, so a loaded test machine never turns a prompt answer into an unknown outcome. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String baseUrl;

    public TestPayGateway(@Value("${testpay.gateway-url:http://127.0.0.1:9}") String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String url(String path) {
        return baseUrl + path;
    }

    /** Looks a trade up: JSON body, API key header, the provider's own timeout. */
    GatewayRequest lookup(String merchant, String orderNo, Object context) {
        return GatewayRequest.json(url("/trades/lookup"),
                        CanonicalJson.toText(java.util.Map.of("merchant", merchant, "orderNo", orderNo)), context)
                .withHeader("x-api-key", API_KEY)
                .withTimeout(TIMEOUT);
    }

    static JsonNode read(String body) {
        try {
            return CanonicalJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new GatewayAnswerException("testpay answer is not JSON");
        }
    }

    /** The trade as the gateway reports it, as a QUERY fact. */
    static LedgerFact trade(String merchant, String orderNo, JsonNode trade, EventSource source) {
        OffsetDateTime now = OffsetDateTime.now();
        PaymentStatus status = PaymentStatus.valueOf(trade.path("status").asText());
        PaymentEvent event = new PaymentEvent(ID.code(), merchant, "TP-" + merchant, orderNo,
                trade.path("tradeNo").asText(null), status, Money.of(trade.path("amount").asText(), "TWD"), "CREDIT",
                null, null, now, now, source, status.name(), null, null, null, null);
        return new LedgerFact(LedgerFact.key(ID.code(), merchant, orderNo, trade.path("tradeNo").asText(),
                status, source), event, trade.toString());
    }
}
