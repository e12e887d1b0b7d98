package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;

/** Canonical payment events from what TapPay said (a pay answer, a trade record, an operation's answer). */
final class TapPayEvents {

    private TapPayEvents() {
    }

    static PaymentEvent payment(TapPayMerchant merchant, String orderNo, String recTradeId, PaymentStatus status,
                                Money amount, JsonNode source, EventSource from, OffsetDateTime now,
                                String providerStatus, String providerMessage) {
        String code = TapPayJson.textField(source, "bank_result_code");
        String message = providerMessage != null ? providerMessage : TapPayJson.textField(source, "bank_result_msg");
        return new PaymentEvent(TapPay.CODE, merchant.alias(), merchant.portalId(), orderNo, recTradeId, status,
                amount, "CREDIT", card(source.path("card_info")), TapPayJson.textField(source, "auth_code"),
                occurredAt(source, now), now, from, providerStatus, code, message, null, null);
    }

    /** The time TapPay gives (transaction_time_millis, millis or a record's time), else when the hub learned it. */
    static OffsetDateTime occurredAt(JsonNode source, OffsetDateTime now) {
        for (String field : new String[] {"transaction_time_millis", "millis", "time"}) {
            JsonNode millis = source.path(field);
            if (millis.canConvertToLong() && millis.asLong() > 0) {
                return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis.asLong()), TapPay.TAIPEI);
            }
        }
        return now;
    }

    /** The first six and last four digits, the brand and the expiry; never more. */
    static CardSummary card(JsonNode cardInfo) {
        if (!cardInfo.isObject()) {
            return null;
        }
        String bin = TapPayJson.textField(cardInfo, "bin_code");
        String last4 = TapPayJson.textField(cardInfo, "last_four");
        String expiry = TapPayJson.textField(cardInfo, "expiry_date");
        String brand = switch (cardInfo.path("type").asInt(-1)) {
            case 1 -> "VISA";
            case 2 -> "MASTERCARD";
            case 3 -> "JCB";
            case 4 -> "UNIONPAY";
            case 5 -> "AMEX";
            default -> null;
        };
        return new CardSummary(bin != null && bin.matches("\\d{6}") ? bin : null,
                last4 != null && last4.matches("\\d{4}") ? last4 : null, brand,
                expiry != null && expiry.matches("\\d{4}(0[1-9]|1[0-2])")
                        ? expiry.substring(0, 4) + "-" + expiry.substring(4) : null);
    }
}
