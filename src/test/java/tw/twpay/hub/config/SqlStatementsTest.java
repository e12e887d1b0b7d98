package tw.twpay.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    @Test
    void aStatementBuiltOfOthersHoldsTheirTextInPlaceOfItsIncludeLines() {
        String statement = SqlStatements.load("ledger/store-applied-fact-of-known-order-postgres");

        assertThat(statement).doesNotContain("-- include:");
        assertThat(statement).contains(SqlStatements.load("ledger/insert-journal") + "\n    returning id")
                .contains(SqlStatements.load("ledger/advance-order"))
                .contains(SqlStatements.load("ledger/queue-journalled-fact-postgres"));
        assertThat(statement.indexOf("insert into ledger_journal")).isLessThan(statement.indexOf("update ledger_order"));
        assertThat(statement.indexOf("update ledger_order")).isLessThan(statement.indexOf("insert into outbox"));
    }

    @Test
    void aMissingStatementIsNamed() {
        assertThatThrownBy(() -> SqlStatements.load("ledger/no-such-statement"))
                .hasMessageContaining("/sql/ledger/no-such-statement.sql");
    }
}
