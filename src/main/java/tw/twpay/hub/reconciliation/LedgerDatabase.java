package tw.twpay.hub.reconciliation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which of its two databases the ledger is on, for the few reconciliation statements each runs best in its own form
 * (H2 runs in this process and cannot hash-join; PostgreSQL takes a chunk's keys as one array).
 */
final class LedgerDatabase {

    private LedgerDatabase() {
    }

    static boolean isPostgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    static boolean isPostgres(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) LedgerDatabase::isPostgres));
    }
}
