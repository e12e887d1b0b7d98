package tw.twpay.hub.callback.testpay;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.CallbackAcknowledgement;
import tw.twpay.hub.provider.CallbackChannel;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.StoredCallback;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Test-only provider "TESTPAY": form fields orderNo, status, amount, tradeNo, card, signature, where signature is
 * {@link #sign} over the fields with the merchant's secret. It contributes only decode and acknowledge, as a real
 * provider does.
 */
@Component("testPayNotifyChannel")
public class TestPayNotifyChannel implements CallbackChannel {

    public static final Map<String, String> MERCHANT_SECRETS = Map.of("shop-a", "secret-a", "shop-b", "secret-b");
    public static final String ACK = "TESTPAY-OK";

    public static String sign(String secret, String orderNo, String status, String amount, String tradeNo) {
        String text = secret + "|" + orderNo + "|" + status + "|" + amount + "|" + tradeNo;
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CallbackFacts decode(CallbackRequest request) {
        String secret = MERCHANT_SECRETS.get(request.merchant());
        if (secret == null) {
            throw RejectedRequestException.notFound("unknown testpay merchant " + request.merchant());
        }
        String orderNo = request.requiredField("orderNo");
        String status = request.requiredField("status");
        String amount = request.requiredField("amount");
        String tradeNo = request.requiredField("tradeNo");
        String expected = sign(secret, orderNo, status, amount, tradeNo);
        if (!java.security.MessageDigest.isEqual(expected.getBytes(), request.requiredField("signature").getBytes())) {
            throw RejectedRequestException.badRequest("signature does not match");
        }
        String card = request.fields().get("card");
        PaymentEvent event = new PaymentEvent("TESTPAY", request.merchant(), "TP-" + request.merchant(), orderNo,
                tradeNo, PaymentStatus.valueOf(status), Money.of(amount, "TWD"), "CREDIT",
                card == null ? null : new CardSummary(card.substring(0, 6), card.substring(card.length() - 4), "VISA", null),
                "123456", LocalDateTime.of(2026, 11, 1, 10, 0).atZone(ZoneId.of("Asia/Taipei")).toOffsetDateTime(),
                java.time.OffsetDateTime.now(), EventSource.CALLBACK, status, "00", "ok", null, null);
        String factKey = LedgerFact.key("TESTPAY", request.merchant(), orderNo, tradeNo, status);
        return new CallbackFacts(request, java.util.List.of(new LedgerFact(factKey, event, request.fields().toString())), null);
    }

    @Override
    public CallbackAcknowledgement acknowledge(StoredCallback stored) {
        return CallbackAcknowledgement.text(ACK);
    }
}
