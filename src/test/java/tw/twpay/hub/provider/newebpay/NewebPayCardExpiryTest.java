package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.crypto.MerchantHashKeys;

/**
 * NewebPay's Exp is YYMM: the century is the one that puts the expiry within twenty years behind and eighty ahead of
 * when the hub hears of it — a card a trade used expires a few years either side of the trade.
 */
class NewebPayCardExpiryTest {

    private static final MerchantHashKeys KEYS = MerchantHashKeys.of("12345678901234567890123456789012", "1234567890123456");
    private static final NewebPayMerchant SHOP = new NewebPayMerchant("shop", "MS1", NewebPayMerchantKind.NDNF, false,
            false, "https://ccore.newebpay.com", new NewebPayTradeInfoCodec(KEYS), new NewebPayCheckCodes(KEYS));

    @Test
    void theCenturyIsTheOneNearestTheTrade() {
        assertThat(expiry("3012", "2026-11-27T10:00:00+08:00")).isEqualTo("2030-12");
        assertThat(expiry("9912", "2026-11-27T10:00:00+08:00")).isEqualTo("2099-12");
        assertThat(expiry("2410", "2026-11-27T10:00:00+08:00")).isEqualTo("2024-10");
        // before: 2001-03, a card that expired 96 years before the trade
        assertThat(expiry("0103", "2097-05-01T10:00:00+08:00")).isEqualTo("2101-03");
        assertThat(expiry("9508", "2097-05-01T10:00:00+08:00")).isEqualTo("2095-08");
    }

    private static String expiry(String exp, String receivedAt) {
        NewebPayPayload payload = NewebPayPayloadParser.parse("""
                {"Status":"SUCCESS","Message":"","Result":{"MerchantID":"MS1","Amt":100,"TradeNo":"T1",\
                "MerchantOrderNo":"O1","PaymentType":"CREDIT","PayTime":"2026-11-27 10:00:00","Card6No":"400022",\
                "Card4No":"1111","Exp":"%s"}}""".formatted(exp));
        return NewebPayTradeMapper.payment(SHOP, payload, "O1", PaymentStatus.AUTHORIZED, EventSource.QUERY,
                OffsetDateTime.parse(receivedAt), null).card().expiry();
    }
}
