package tw.twpay.hub.provider.tappay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.support.EmbeddedLedgerPostgres;
import tw.twpay.hub.support.HubTest;

/**
 * The stored card's status-since on PostgreSQL: it moves only when Card Metadata says something new of the card
 * (status or expiry), so the card notify TapPay sends again keys the same fact (see TapPayCardNotifyChannel).
 */
@HubTest
@org.springframework.test.annotation.DirtiesContext
class TapPayCardStatusOnPostgresTest {

    static final EmbeddedLedgerPostgres postgres = EmbeddedLedgerPostgres.start();

    @DynamicPropertySource
    static void ledgerOnPostgres(DynamicPropertyRegistry registry) {
        postgres.register(registry, "twpay-hub");
        registry.add("twpay.delivery.enabled", () -> "false");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Autowired
    TapPayCardVault vault;
    @Autowired
    TapPayMerchants merchants;

    @Test
    void theSameAnswerAgainKeepsTheCardsStatusSinceAndANewOneMovesIt() {
        TapPayMerchant merchant = merchants.require(TapPayPaymentRouteTest.MERCHANT);
        String answer = """
                {"card_secret":{"card_key":"%s","card_token":"%s"},
                 "card_info":{"bin_code":"424242","last_four":"4242","type":1,"expiry_date":"202812"}}"""
                .formatted("w".repeat(64), "x".repeat(64));
        String cardRef = ((CardLifecycleEvent) vault.store(merchant, null, TapPayJson.parseObject(answer),
                OffsetDateTime.now()).get(0).event()).tokenRef();
        OffsetDateTime first = OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

        vault.updateStatus(merchant, cardRef, TokenStatus.SUSPENDED, "2029-12", first);
        vault.updateStatus(merchant, cardRef, TokenStatus.SUSPENDED, "2029-12", first.plusHours(1));
        vault.updateStatus(merchant, cardRef, TokenStatus.SUSPENDED, null, first.plusHours(2));
        assertThat(vault.statusSince(merchant, cardRef).toInstant()).isEqualTo(first.toInstant());

        vault.updateStatus(merchant, cardRef, TokenStatus.ACTIVE, null, first.plusHours(3));
        assertThat(vault.statusSince(merchant, cardRef).toInstant()).isEqualTo(first.plusHours(3).toInstant());
        vault.updateStatus(merchant, cardRef, TokenStatus.ACTIVE, "2031-01", first.plusHours(4));
        assertThat(vault.statusSince(merchant, cardRef).toInstant()).isEqualTo(first.plusHours(4).toInstant());
    }
}
