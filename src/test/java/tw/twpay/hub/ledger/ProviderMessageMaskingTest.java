package tw.twpay.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.support.HubTest;
import tw.twpay.hub.support.TestFacts;

/** A card number in a provider's free text never reaches the journal or the event the ERP gets. */
@HubTest
class ProviderMessageMaskingTest {

    @Autowired
    LedgerAppender ledger;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCardNumberInTheProvidersMessageIsMaskedBeforeItIsStoredOrQueued() {
        LedgerFact plain = TestFacts.payment("MASK-MSG", PaymentStatus.FAILED, EventSource.CALLBACK);
        PaymentEvent event = ((PaymentEvent) plain.event())
                .withProviderMessage("card 4111-1111-1111-1111 declined by issuer");
        ledger.append(new LedgerFact(plain.factKey(), event, null));

        String journal = jdbc.queryForObject("select event_json from ledger_journal where subject = 'MASK-MSG'",
                String.class);
        String queued = jdbc.queryForObject("select coalesce(o.payload, j.event_json) from outbox o"
                + " join ledger_journal j on j.id = o.journal_id where j.subject = 'MASK-MSG'", String.class);
        for (String stored : new String[] {journal, queued}) {
            assertThat(stored).contains("card 411111******1111 declined by issuer")
                    .doesNotContain("4111-1111-1111-1111").doesNotContain("4111111111111111");
        }
    }
}
