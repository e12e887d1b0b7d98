package tw.twpay.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tw.twpay.hub.support.HubTest;

/**
 * What only the embedded ledger (H2) gets from db/vendor/h2: journal and outbox ids handed out a thousand at a time,
 * so H2 does not write its sequences to the file in a commit of their own every 32 rows. (PostgreSQL keeps one value
 * at a time: PostgresLedgerTest.)
 */
@HubTest
class H2LedgerSchemaTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void journalAndOutboxIdsAreCachedOnH2() {
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where version = '110' and success",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("select table_name, identity_cache from information_schema.columns"
                + " where table_name in ('ledger_journal', 'outbox') and column_name = 'id' order by table_name"))
                .extracting(row -> row.get("table_name") + "=" + row.get("identity_cache"))
                .containsExactly("ledger_journal=1000", "outbox=1000");
    }
}
